import { describe, expect, it } from 'vitest';
import { clockOffset, formatClock, timerDisplay } from './timer-clock';

const base = {
  phase: 'work',
  blockEndsAt: null,
  countUpFrom: null,
  timeLeftMs: null,
  blockElapsedMs: 0,
};

describe('timerDisplay', () => {
  it('counts down to the server’s end, corrected for a device clock that is off', () => {
    const end = new Date('2026-03-02T09:25:00Z');
    // The device runs 3 minutes behind: it read the state at 09:07 (device) = 09:10 (server).
    const offset = clockOffset(
      new Date('2026-03-02T09:10:00Z'),
      Date.parse('2026-03-02T09:07:00Z'),
    );
    const at = Date.parse('2026-03-02T09:07:00Z');
    expect(timerDisplay({ ...base, blockEndsAt: end }, offset, at).text).toBe('15:00');
    // Ten device minutes later, whatever intervals ran or did not.
    expect(timerDisplay({ ...base, blockEndsAt: end }, offset, at + 600_000).text).toBe('5:00');
    expect(timerDisplay({ ...base, blockEndsAt: end }, offset, at + 3_600_000)).toMatchObject({
      ms: 0,
      text: '0:00',
    });
  });

  it('counts up for flowtime and freezes while paused', () => {
    const from = new Date('2026-03-02T08:00:00Z');
    expect(
      timerDisplay({ ...base, countUpFrom: from }, 0, Date.parse('2026-03-02T09:02:03Z')).text,
    ).toBe('1:02:03');
    expect(
      timerDisplay({ ...base, phase: 'paused', timeLeftMs: 61_500 }, 0, Date.now()),
    ).toMatchObject({ mode: 'frozen', text: '1:02' });
  });

  it('rounds a countdown up, so 0:00 means the block is over', () => {
    expect(formatClock(500, true)).toBe('0:01');
    expect(formatClock(500, false)).toBe('0:00');
  });
});
