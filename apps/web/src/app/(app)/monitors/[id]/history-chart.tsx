'use client';

import { useId } from 'react';
import { type ChartInput, formatValue, layoutChart } from '@/lib/monitor-format';

const W = 640;
const H = 200;
const PAD = 14;

/**
 * Values over time as a line, with a marker where the monitor triggered and a cross where a check
 * failed. The evaluations log below is its text alternative; the summary says the range.
 */
export function HistoryChart({ points }: { points: readonly ChartInput[] }) {
  const titleId = useId();
  const descId = useId();
  const layout = layoutChart(points, W, H, PAD);
  const triggered = layout.points.filter((p) => p.triggered).length;
  const errors = layout.points.filter((p) => p.outcome === 'error').length;
  const checks = points.length === 1 ? '1 check' : `${points.length} checks`;
  const summary =
    layout.min === null
      ? `${checks}, none with a number to plot.`
      : `${checks}; values from ${formatValue(layout.min)} to ${formatValue(layout.max)}; triggered ${triggered} ${triggered === 1 ? 'time' : 'times'}; ${errors} failed.`;
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
