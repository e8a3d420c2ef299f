import { describe, expect, it } from 'vitest';
import { barHeights, formatUsd, spentShare } from './money';

describe('usage figures', () => {
  it('formats dollars, keeping fractions of a cent visible', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(4.5)).toBe('$4.50');
    expect(formatUsd(0.0045)).toBe('$0.0045');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });

  it('measures the share of a budget spent', () => {
    expect(spentShare(1, 4)).toBe(0.25);
    expect(spentShare(9, 4)).toBe(1);
    expect(spentShare(0, 0)).toBe(1);
  });

  it('scales bars to the busiest day', () => {
    expect(barHeights([0, 0.5, 1])).toEqual([0, 50, 100]);
    expect(barHeights([0, 0])).toEqual([0, 0]);
    expect(barHeights([])).toEqual([]);
  });
});
