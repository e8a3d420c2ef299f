/** Small, pure formatting and scaling helpers for the monitors, notifications and jobs pages. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An interval in minutes as people say it: "5 min", "1 hour", "6 hours". */
/** "1 check", "3 checks": a count with its noun. */
export const plural = (n: number, word: string) =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function intervalLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (Number.isInteger(hours)) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${minutes} min`;
}

/** A duration in the largest sensible unit: "under a second", "42 s", "3 min", "2 h 5 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const abs = Math.max(0, Math.round(ms));
  if (abs < 1000) return 'under a second';
  if (abs < MINUTE) return `${Math.floor(abs / 1000)} s`;
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** "just now", "3 min ago", "in 2 hours", "yesterday"-free and locale-free on purpose. */
export function relativeTime(date: Date | null | undefined, now: Date): string {
  if (!date) return 'never';
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff <= 0 ? 'just now' : 'in a moment';
  let amount: string;
  if (abs < HOUR) {
    const n = Math.max(1, Math.round(abs / MINUTE));
    amount = `${n} min`;
  } else if (abs < DAY) {
    const n = Math.round(abs / HOUR);
    amount = n === 1 ? '1 hour' : `${n} hours`;
  } else {
    const n = Math.round(abs / DAY);
    amount = n === 1 ? '1 day' : `${n} days`;
  }
  return diff < 0 ? `${amount} ago` : `in ${amount}`;
}

/**
 * For moments that have passed (last checked, last triggered): a server clock a little ahead of
 * this browser's never makes them read "in a moment".
 */
export function timeAgo(date: Date | null | undefined, now: Date): string {
  if (!date) return 'never';
  return relativeTime(date, date.getTime() > now.getTime() ? date : now);
}

/** Cost in micro-dollars as money people read: "$0", "$0.0012", "$1.25". */
export function formatMicroUsd(micro: number | null | undefined): string {
  if (micro === null || micro === undefined) return '—';
  if (micro === 0) return '$0';
  const usd = micro / 1e6;
  if (usd < 0.01) return `$${Number(usd.toPrecision(2))}`;
  return `$${usd.toFixed(2)}`;
}

/** A monitor's value for a table cell: numbers with separators, text cut short. */
export function formatValue(value: unknown, max = 80): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') {
    return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface ChartInput {
  at: Date;
  value: number | null;
  outcome: string;
  triggered: boolean;
}

export interface ChartPoint extends ChartInput {
  x: number;
  /** Null when the evaluation had no number (an error or a text value): drawn on the baseline. */
  y: number | null;
}

export interface ChartLayout {
  points: ChartPoint[];
  /** SVG path through the numeric points, broken where a point has no number. */
  path: string;
  min: number | null;
  max: number | null;
  /** Y of the bottom edge of the plot, where value-less points sit. */
  baseline: number;
  /** Y of the reference value (a threshold), when one was given; it is kept inside the range. */
  referenceY: number | null;
}

/**
 * Places history points in a width x height box (with `pad` on every side): time along x,
 * value along y (higher values up). A flat series sits in the middle; one point sits in the
 * middle too.
 */
export function layoutChart(
  input: readonly ChartInput[],
  width: number,
  height: number,
  pad = 8,
  reference: number | null = null,
): ChartLayout {
  const sorted = [...input].sort((a, b) => a.at.getTime() - b.at.getTime());
  const baseline = height - pad;
  const numbers = sorted.map((p) => p.value).filter((v): v is number => v !== null);
  // The threshold is part of the picture: how far the value is from it is the point of the chart.
  const ranged = numbers.length && reference !== null ? [...numbers, reference] : numbers;
  const min = ranged.length ? Math.min(...ranged) : null;
  const max = ranged.length ? Math.max(...ranged) : null;
  const first = sorted[0]?.at.getTime() ?? 0;
  const last = sorted.at(-1)?.at.getTime() ?? 0;
  const span = last - first;
  const innerW = Math.max(0, width - 2 * pad);
  const innerH = Math.max(0, height - 2 * pad);
  const round = (n: number) => Math.round(n * 100) / 100;
  const points = sorted.map((p) => {
    const x = round(span > 0 ? pad + ((p.at.getTime() - first) / span) * innerW : width / 2);
    let y: number | null = null;
    if (p.value !== null && min !== null && max !== null) {
      y = round(max > min ? pad + (1 - (p.value - min) / (max - min)) * innerH : height / 2);
    }
    return { ...p, x, y };
  });
  let path = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${p.x} ${p.y} `;
    pen = true;
  }
  const referenceY =
    reference !== null && min !== null && max !== null
      ? round(max > min ? pad + (1 - (reference - min) / (max - min)) * innerH : height / 2)
      : null;
  return { points, path: path.trim(), min, max, baseline, referenceY };
}
