import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agentCompletionBaseXp,
  CHALLENGE_XP_MAX,
  challengeAward,
  FOCUS_MINUTES_CAP,
  focusAward,
  focusBaseXp,
  MICRO_STEP_XP_MAX,
  microStepBaseXp,
  TASK_XP_FLOOR,
  TASK_XP_MAX,
  TRIAGE_DAILY_XP_CAP,
  TRIAGE_XP,
  taskBaseXp,
  taskCompletionAward,
  triageAward,
  triageBaseAllowed,
  triageBasesOnDay,
} from './amounts';
import { xpAwardSchema } from './award';
import { xpBoostFor } from './boost';

const estimate = fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null });
const complexity = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });

describe('task XP', () => {
  it('is 10..64 for any estimate and complexity', () => {
    fc.assert(
      fc.property(estimate, complexity, (estimateMinutes, c) => {
        const xp = taskBaseXp({ estimateMinutes, complexity: c });
        expect(Number.isInteger(xp)).toBe(true);
        expect(xp).toBeGreaterThanOrEqual(TASK_XP_FLOOR);
        expect(xp).toBeLessThanOrEqual(TASK_XP_MAX);
      }),
    );
  });

  it('never pays less for a longer estimate or a higher complexity', () => {
    const minutes = fc.integer({ min: 0, max: 20_000 });
    const cx = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(minutes, minutes, cx, cx, (e1, e2, c1, c2) => {
        const [le, he] = e1 <= e2 ? [e1, e2] : [e2, e1];
        const [lc, hc] = c1 <= c2 ? [c1, c2] : [c2, c1];
        expect(taskBaseXp({ estimateMinutes: le, complexity: lc })).toBeLessThanOrEqual(
          taskBaseXp({ estimateMinutes: he, complexity: hc }),
        );
      }),
    );
  });

  it('scales from ×1 at complexity 1 to ×2 at complexity 5', () => {
    expect(taskBaseXp({ estimateMinutes: 5, complexity: 1 })).toBe(10);
    expect(taskBaseXp({ estimateMinutes: 5, complexity: 5 })).toBe(20);
    expect(taskBaseXp({ estimateMinutes: 30, complexity: 3 })).toBe(24);
    expect(taskBaseXp({ estimateMinutes: 600, complexity: 5 })).toBe(64);
    // Unknowns count as 15 minutes and complexity 2: a little, never nothing.
    expect(taskBaseXp({ estimateMinutes: null, complexity: null })).toBe(
      taskBaseXp({ estimateMinutes: 15, complexity: 2 }),
    );
  });

  it('pays a micro-step less than any task', () => {
    fc.assert(
      fc.property(estimate, estimate, complexity, (stepMinutes, taskMinutes, c) => {
        const step = microStepBaseXp({ estimateMinutes: stepMinutes });
        expect(step).toBeGreaterThanOrEqual(2);
        expect(step).toBeLessThanOrEqual(MICRO_STEP_XP_MAX);
        expect(step).toBeLessThan(taskBaseXp({ estimateMinutes: taskMinutes, complexity: c }));
      }),
    );
  });

  it('credits the person with half the task (at least 5) when an agent finished it', () => {
    fc.assert(
      fc.property(estimate, complexity, (estimateMinutes, c) => {
        const task = { estimateMinutes, complexity: c };
        const agent = agentCompletionBaseXp(task);
        expect(agent).toBeGreaterThanOrEqual(5);
        expect(agent).toBe(Math.max(5, Math.ceil(taskBaseXp(task) / 2)));
      }),
    );
  });
});

describe('focus XP', () => {
  it('pays each full minute up to the cap, plus a bonus for finishing the block', () => {
    expect(focusBaseXp({ focusedMinutes: 25, completed: true })).toBe(30);
    expect(focusBaseXp({ focusedMinutes: 25.9, completed: false })).toBe(25);
    expect(focusBaseXp({ focusedMinutes: 0.5, completed: true })).toBe(0);
    expect(focusBaseXp({ focusedMinutes: 10_000, completed: false })).toBe(FOCUS_MINUTES_CAP);
    fc.assert(
      fc.property(fc.double({ min: -10, max: 1e6, noNaN: true }), fc.boolean(), (m, done) => {
        const xp = focusBaseXp({ focusedMinutes: m, completed: done });
        expect(xp).toBeGreaterThanOrEqual(0);
        expect(xp).toBeLessThanOrEqual(FOCUS_MINUTES_CAP + 5);
      }),
    );
  });

  it('writes nothing for a session under a minute', () => {
    expect(focusAward({ id: 's1', focusedMinutes: 0.9, completed: true })).toBeNull();
    expect(focusAward({ id: 's1', focusedMinutes: 1, completed: false })).toMatchObject({
      source: 'focus_minutes',
      sourceId: 's1',
      amount: 1,
      reason: 'Focused for 1 minute',
    });
  });
});

describe('triage XP', () => {
  it('never pays more than the daily cap, whatever the order of decisions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('DO', 'DO_WITH_ME', 'DELEGATE', 'DELETE'), { maxLength: 40 }),
        (modes) => {
          const paid: number[] = [];
          modes.forEach((mode, i) => {
            const award = triageAward({ taskId: `t${i}`, title: 'x', mode }, paid);
            if (award) {
              expect(['DELEGATE', 'DELETE']).toContain(mode);
              expect(award.base).toBeGreaterThan(0);
              expect(award.base).toBeLessThanOrEqual(TRIAGE_XP);
              paid.push(award.base);
            }
          });
          const total = paid.reduce((a, b) => a + b, 0);
          expect(total).toBeLessThanOrEqual(TRIAGE_DAILY_XP_CAP);
          const rewarded = modes.filter((m) => m === 'DELEGATE' || m === 'DELETE').length;
          expect(total).toBe(Math.min(TRIAGE_DAILY_XP_CAP, rewarded * TRIAGE_XP));
        },
      ),
    );
  });

  it('pays what is left under the cap, then nothing', () => {
    expect(triageBaseAllowed([])).toBe(3);
    expect(triageBaseAllowed(Array(9).fill(3))).toBe(3);
    expect(triageBaseAllowed([...Array(9).fill(3), 2])).toBe(1);
    expect(triageBaseAllowed(Array(10).fill(3))).toBe(0);
    expect(triageAward({ taskId: 't', title: 'x', mode: 'DELETE' }, Array(10).fill(3))).toBeNull();
  });

  it("counts only the prior awards on the person's own calendar day", () => {
    const now = new Date('2026-03-08T07:30:00Z'); // 23:30 on the 7th in Los Angeles
    const prior = [
      { base: 3, awardedAt: new Date('2026-03-07T09:00:00Z') }, // 01:00 on the 7th: same day
      { base: 3, awardedAt: new Date('2026-03-07T07:59:00Z') }, // 23:59 on the 6th: not
      { base: 3, awardedAt: new Date('2026-03-08T06:00:00Z') }, // 22:00 on the 7th: same day
    ];
    expect(triageBasesOnDay(prior, now, 'America/Los_Angeles')).toEqual([3, 3]);
    expect(triageBasesOnDay(prior, now, 'UTC')).toEqual([3]);
  });

  it('explains each decision kindly', () => {
    expect(
      triageAward({ taskId: 't', title: 'Clean the garage', mode: 'DELETE' }, [])?.reason,
    ).toBe('Let go of “Clean the garage”');
    expect(triageAward({ taskId: 't', title: 'Fix CI', mode: 'DELEGATE' }, [])?.reason).toBe(
      'Delegated “Fix CI”',
    );
    expect(triageAward({ taskId: 't', title: 'x', mode: 'DO' }, [])).toBeNull();
  });
});

describe('task completion awards', () => {
  const task = { id: 'task-1', title: 'Book the dentist', estimateMinutes: 30, complexity: 3 };

  it('pays a task, a step or delegated work, each with its own source and reason', () => {
    expect(taskCompletionAward({ ...task, isMicroStep: false }, { kind: 'person' })).toEqual({
      source: 'task',
      sourceId: 'task-1',
      base: 24,
      multiplier: 100,
      amount: 24,
      reason: 'Finished “Book the dentist” (about 30 min, complexity 3)',
    });
    expect(
      taskCompletionAward({ ...task, isMicroStep: true, estimateMinutes: 10 }, { kind: 'person' }),
    ).toMatchObject({
      source: 'micro_step',
      base: 4,
      reason: 'Finished the step “Book the dentist”',
    });
    expect(
      taskCompletionAward(
        { ...task, isMicroStep: false },
        { kind: 'agent', agentName: 'backend-agent-1' },
      ),
    ).toMatchObject({
      source: 'agent_delegated_completion',
      base: 12,
      reason: 'backend-agent-1 finished “Book the dentist”, which you delegated',
    });
  });

  it('applies and explains the boost', () => {
    const boost = xpBoostFor({
      level: 15,
      now: new Date('2026-06-06T12:00:00Z'),
      bonusEvents: [
        {
          id: 'weekend',
          name: 'Double XP weekend',
          multiplier: 200,
          startsAt: new Date('2026-06-06T00:00:00Z'),
          endsAt: new Date('2026-06-08T00:00:00Z'),
        },
      ],
    });
    const award = taskCompletionAward({ ...task, isMicroStep: false }, { kind: 'person' }, boost);
    expect(award).toMatchObject({ base: 24, multiplier: 220, amount: 53 });
    expect(award.reason).toBe(
      "Finished “Book the dentist” (about 30 min, complexity 3) (×2.20: creature's XP boost +10%, Double XP weekend ×2.00)",
    );
  });

  it('keeps every reason within the column, however long the title', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2_000 }), fc.boolean(), (title, step) => {
        const award = taskCompletionAward(
          { id: 'x', title, estimateMinutes: 5, complexity: 1, isMicroStep: step },
          { kind: 'person' },
          { multiplier: 210, note: '×2.10: a very long bonus event name '.repeat(5) },
        );
        expect(xpAwardSchema.safeParse(award).success).toBe(true);
      }),
    );
  });

  it('pays a challenge its own reward, within 5..100', () => {
    expect(challengeAward({ id: 'c', title: 'Three tasks before noon', reward: 30 })).toMatchObject(
      {
        source: 'challenge',
        base: 30,
        reason: 'Challenge done: Three tasks before noon',
      },
    );
    expect(challengeAward({ id: 'c', title: 'x', reward: 10_000 }).base).toBe(CHALLENGE_XP_MAX);
    expect(challengeAward({ id: 'c', title: 'x', reward: 0 }).base).toBe(5);
  });
});
