import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatMicroUsd,
  formatValue,
  intervalLabel,
  layoutChart,
  relativeTime,
  timeAgo,
} from './monitor-format';

describe('monitor formatting', () => {
  it('names intervals as people say them', () => {
    expect(intervalLabel(5)).toBe('5 min');
    expect(intervalLabel(15)).toBe('15 min');
    expect(intervalLabel(60)).toBe('1 hour');
    expect(intervalLabel(360)).toBe('6 hours');
    expect(intervalLabel(90)).toBe('90 min');
  });

  it('formats lag and other durations in human units', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(250)).toBe('under a second');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(3 * 60_000 + 5_000)).toBe('3 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(26 * 3_600_000)).toBe('1 d 2 h');
    expect(formatDuration(-5)).toBe('under a second');
  });

  it('says how long ago or how soon', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(relativeTime(null, now)).toBe('never');
    expect(relativeTime(at(-10_000), now)).toBe('just now');
    expect(relativeTime(at(10_000), now)).toBe('in a moment');
    expect(relativeTime(at(-3 * 60_000), now)).toBe('3 min ago');
    expect(relativeTime(at(5 * 60_000), now)).toBe('in 5 min');
    expect(relativeTime(at(-3_600_000), now)).toBe('1 hour ago');
    expect(relativeTime(at(6 * 3_600_000), now)).toBe('in 6 hours');
    expect(relativeTime(at(-2 * 86_400_000), now)).toBe('2 days ago');
  });

  it('never puts a past moment in the future when the clocks disagree a little', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(timeAgo(new Date(now.getTime() + 5_000), now)).toBe('just now');
    expect(timeAgo(new Date(now.getTime() - 5 * 60_000), now)).toBe('5 min ago');
    expect(timeAgo(null, now)).toBe('never');
  });

  it('shows micro-dollars as money', () => {
    expect(formatMicroUsd(null)).toBe('—');
    expect(formatMicroUsd(0)).toBe('$0');
    expect(formatMicroUsd(1234)).toBe('$0.0012');
    expect(formatMicroUsd(1_250_000)).toBe('$1.25');
  });

  it('shortens values for table cells', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(49500.5)).toBe('49,500.5');
    expect(formatValue('abcdef', 4)).toBe('abc…');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('history chart layout', () => {
  const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));

  it('scales time across and values up, with the highest value at the top', () => {
    const layout = layoutChart(
      [
        { at: t(10), value: 50, outcome: 'false', triggered: false },
        { at: t(0), value: 100, outcome: 'false', triggered: false },
        { at: t(20), value: 0, outcome: 'true', triggered: true },
      ],
      120,
      60,
      10,
    );
    expect(layout.min).toBe(0);
    expect(layout.max).toBe(100);
    expect(layout.points.map((p) => [p.x, p.y])).toEqual([
      [10, 10],
      [60, 30],
      [110, 50],
    ]);
    expect(layout.path).toBe('M10 10 L60 30 L110 50');
    expect(layout.points[2]?.triggered).toBe(true);
  });

  it('breaks the line at points without a number and keeps them on the baseline', () => {
    const layout = layoutChart(
      [
        { at: t(0), value: 1, outcome: 'false', triggered: false },
        { at: t(1), value: null, outcome: 'error', triggered: false },
        { at: t(2), value: 3, outcome: 'false', triggered: false },
      ],
      100,
      50,
      0,
    );
    expect(layout.points[1]?.y).toBeNull();
    expect(layout.baseline).toBe(50);
    expect(layout.path).toBe('M0 50 M100 0');
  });

  it('puts a single or flat series in the middle, and copes with nothing at all', () => {
    const one = layoutChart([{ at: t(0), value: 7, outcome: 'false', triggered: false }], 100, 40);
    expect(one.points[0]).toMatchObject({ x: 50, y: 20 });
    const empty = layoutChart([], 100, 40);
    expect(empty).toMatchObject({ points: [], path: '', min: null, max: null });
  });

  it('keeps a threshold inside the chart and places its line', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const layout = layoutChart(
      [
        { at: t(0), value: 60, outcome: 'false', triggered: false },
        { at: t(10), value: 80, outcome: 'false', triggered: false },
      ],
      100,
      100,
      10,
      50,
    );
    expect(layout.min).toBe(50);
    expect(layout.max).toBe(80);
    // 50 is the bottom of the range; 80 the top.
    expect(layout.referenceY).toBe(90);
    expect(layout.points.map((p) => p.y)).toEqual([63.33, 10]);
    expect(layoutChart([], 100, 100, 10, 50).referenceY).toBeNull();
  });
});
