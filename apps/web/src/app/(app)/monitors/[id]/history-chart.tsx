'use client';

import { useId } from 'react';
import { type ChartInput, formatValue, layoutChart, plural } from '@/lib/monitor-format';

const W = 640;
const H = 200;
const PAD = 14;

const shortTime = (d: Date) =>
  d.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

/**
 * Values over time as a line, with a marker where the monitor triggered and a cross where a check
 * failed. The evaluations log below is its text alternative; the summary says the range.
 */
export function HistoryChart({
  points,
  threshold = null,
}: {
  points: readonly ChartInput[];
  /** A threshold condition's line, drawn dashed so the distance to it shows. */
  threshold?: { value: number; label: string } | null;
}) {
  const titleId = useId();
  const descId = useId();
  const layout = layoutChart(points, W, H, PAD, threshold?.value ?? null);
  const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstAt = sorted[0]?.at;
  const lastAt = sorted.at(-1)?.at;
  const triggered = layout.points.filter((p) => p.triggered).length;
  const errors = layout.points.filter((p) => p.outcome === 'error').length;
  const checks = plural(points.length, 'check');
  const summary =
    layout.min === null
      ? `${checks}, none with a number to plot.`
      : `${checks}; values from ${formatValue(layout.min)} to ${formatValue(layout.max)}${threshold ? ` (line: ${threshold.label})` : ''}; triggered ${plural(triggered, 'time')}; ${errors} failed.`;
  return (
    <figure className="monitor-chart" data-testid="history-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>Values over time</title>
        <desc id={descId}>{summary}</desc>
        <line
          x1={PAD}
          x2={W - PAD}
          y1={layout.baseline}
          y2={layout.baseline}
          className="chart-axis"
        />
        {layout.referenceY !== null && threshold ? (
          <g className="chart-threshold" data-kind="threshold">
            <line x1={PAD} x2={W - PAD} y1={layout.referenceY} y2={layout.referenceY} />
            <text x={W - PAD - 4} y={layout.referenceY - 5} textAnchor="end">
              {threshold.label}
            </text>
          </g>
        ) : null}
        {layout.max !== null && layout.min !== null && layout.max > layout.min ? (
          <g className="chart-label">
            <text x={PAD + 4} y={PAD + 12}>
              {formatValue(layout.max)}
            </text>
            <text x={PAD + 4} y={H - PAD - 5}>
              {formatValue(layout.min)}
            </text>
          </g>
        ) : null}
        {layout.path ? <path d={layout.path} className="chart-line" fill="none" /> : null}
        {layout.points.map((p) =>
          p.outcome === 'error' ? (
            <g key={p.at.getTime()} className="chart-error" data-kind="error">
              <line x1={p.x - 6} x2={p.x + 6} y1={layout.baseline - 6} y2={layout.baseline + 6} />
              <line x1={p.x - 6} x2={p.x + 6} y1={layout.baseline + 6} y2={layout.baseline - 6} />
            </g>
          ) : p.y !== null ? (
            <circle
              key={p.at.getTime()}
              cx={p.x}
              cy={p.y}
              r={p.triggered ? 8 : 4}
              className={p.triggered ? 'chart-trigger' : 'chart-point'}
              data-kind={p.triggered ? 'trigger' : 'point'}
            />
          ) : null,
        )}
      </svg>
      {firstAt && lastAt && lastAt.getTime() > firstAt.getTime() ? (
        <div className="chart-times muted" aria-hidden="true">
          <span>{shortTime(firstAt)}</span>
          <span>{shortTime(lastAt)}</span>
        </div>
      ) : null}
      <figcaption className="muted">
        {summary}{' '}
        <span className="chart-legend">
          <span className="chart-key chart-key-trigger" aria-hidden="true" /> triggered{' '}
          <span className="chart-key chart-key-error" aria-hidden="true">
            ×
          </span>{' '}
          failed check
        </span>
      </figcaption>
    </figure>
  );
}
