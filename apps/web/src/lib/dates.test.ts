import { describe, expect, it } from 'vitest';
import { describeDue, endOfLocalDayIso, toDateInputValue } from './dates';

describe('form dates', () => {
  it('turns a calendar day into the last moment of that local day', () => {
    const iso = endOfLocalDayIso('2026-03-09');
    expect(iso).toBeDefined();
    const date = new Date(iso!);
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2026, 2, 9]);
    expect([date.getHours(), date.getMinutes(), date.getSeconds()]).toEqual([23, 59, 59]);
    expect(toDateInputValue(date)).toBe('2026-03-09');
  });

  it('refuses days that do not exist', () => {
    expect(endOfLocalDayIso('2026-02-30')).toBeUndefined();
    expect(endOfLocalDayIso('21/11/2026')).toBeUndefined();
    expect(endOfLocalDayIso('')).toBeUndefined();
  });

  it('says today, tomorrow and overdue relative to the given clock', () => {
    const now = new Date(2026, 10, 21, 12, 0);
    expect(describeDue(new Date(2026, 10, 21, 23, 59), now)).toEqual({
      label: 'Today',
      overdue: false,
    });
    expect(describeDue(new Date(2026, 10, 22, 9, 0), now).label).toBe('Tomorrow');
    expect(describeDue(new Date(2026, 10, 20, 23, 59), now)).toEqual({
      label: 'Yesterday',
      overdue: true,
    });
    expect(describeDue(new Date(2026, 10, 21, 8, 0), now).overdue).toBe(true);
  });
});
