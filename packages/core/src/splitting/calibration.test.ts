import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actualsFromCompletions,
  CALIBRATION_LIMITS,
  calibrateSteps,
  calibrationFactor,
  type StepHistoryItem,
} from './calibration';

const item = fc.record({
  title: fc.constantFrom('Write the intro', 'Vacuum the floor', 'Reply to Sam', 'Fold it', ''),
  estimateMinutes: fc.integer({ min: 1, max: 120 }),
  actualMinutes: fc.integer({ min: 1, max: 600 }),
});
const history = fc.array(item, { maxLength: 40 });
const steps = fc.array(
  fc.record({
    title: fc.string({ maxLength: 60 }),
    estimateMinutes: fc.integer({ min: 2, max: 15 }),
  }),
  { maxLength: 20 },
);

describe('calibrationFactor', () => {
  it('is exactly 1 without history', () => {
    expect(calibrationFactor([])).toEqual({ factor: 1, sampleSize: 0 });
  });

  it('ignores unusable samples', () => {
    const bad: StepHistoryItem[] = [
      { title: 'x', estimateMinutes: 0, actualMinutes: 10 },
      { title: 'y', estimateMinutes: 5, actualMinutes: Number.NaN },
      { title: 'z', estimateMinutes: -3, actualMinutes: 4 },
    ];
    expect(calibrationFactor(bad)).toEqual({ factor: 1, sampleSize: 0 });
  });

  it('stays within its bounds for any history', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { factor, sampleSize } = calibrationFactor(h);
        expect(factor).toBeGreaterThanOrEqual(CALIBRATION_LIMITS.minFactor);
        expect(factor).toBeLessThanOrEqual(CALIBRATION_LIMITS.maxFactor);
        expect(sampleSize).toBe(h.length);
      }),
    );
  });

  it('is 1 when every step took as long as estimated', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 30 }), (minutes) => {
        const h = minutes.map((m) => ({ title: 't', estimateMinutes: m, actualMinutes: m }));
        expect(calibrationFactor(h).factor).toBe(1);
      }),
    );
  });

  it('moves toward the true ratio, and closer with more samples', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.6, max: 2.5, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (ratio, n) => {
          const make = (count: number) =>
            Array.from({ length: count }, () => ({
              title: 't',
              estimateMinutes: 100,
              actualMinutes: 100 * ratio,
            }));
          const few = calibrationFactor(make(n)).factor;
          const many = calibrationFactor(make(n + 10)).factor;
          const lo = Math.min(1, ratio) - 0.001;
          const hi = Math.max(1, ratio) + 0.001;
          expect(few).toBeGreaterThanOrEqual(lo);
          expect(few).toBeLessThanOrEqual(hi);
          expect(Math.abs(Math.log(many / ratio))).toBeLessThanOrEqual(
            Math.abs(Math.log(few / ratio)) + 0.001,
          );
        },
      ),
    );
  });

  it('never falls when a step is found to have taken longer', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.integer({ min: 1, max: 300 }), (h, index, extra) => {
        fc.pre(h.length > 0);
        const i = index % h.length;
        const longer = h.map((x, j) =>
          j === i ? { ...x, actualMinutes: x.actualMinutes + extra } : x,
        );
        expect(calibrationFactor(longer).factor).toBeGreaterThanOrEqual(
          calibrationFactor(h).factor,
        );
      }),
    );
  });

  it('does not care about the unit of the minutes', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 2, max: 10 }), (h, k) => {
        const scaled = h.map((x) => ({
          ...x,
          estimateMinutes: x.estimateMinutes * k,
          actualMinutes: x.actualMinutes * k,
        }));
        expect(calibrationFactor(scaled).factor).toBeCloseTo(calibrationFactor(h).factor, 6);
      }),
    );
  });
});

describe('calibrateSteps', () => {
  it('leaves steps unchanged without history', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const result = calibrateSteps(s, []);
        expect(result.steps.map((x) => x.estimateMinutes)).toEqual(s.map((x) => x.estimateMinutes));
        expect(result.calibration.factor).toBe(1);
      }),
    );
  });

  it('keeps order and titles and bounds every estimate to 2..15 minutes', () => {
    fc.assert(
      fc.property(steps, history, (s, h) => {
        const result = calibrateSteps(s, h);
        expect(result.steps.map((x) => x.title)).toEqual(s.map((x) => x.title));
        for (const [i, step] of result.steps.entries()) {
          expect(step.baseMinutes).toBe(s[i]!.estimateMinutes);
          expect(Number.isInteger(step.estimateMinutes)).toBe(true);
          expect(step.estimateMinutes).toBeGreaterThanOrEqual(2);
          expect(step.estimateMinutes).toBeLessThanOrEqual(15);
        }
      }),
    );
  });

  it('scales similar steps more than unrelated ones', () => {
    const slowWriter = Array.from({ length: 10 }, () => ({
      title: 'Write the intro paragraph',
      estimateMinutes: 5,
      actualMinutes: 10,
    }));
    const result = calibrateSteps(
      [
        { title: 'Write the intro paragraph', estimateMinutes: 6 },
        { title: 'Take the bins out', estimateMinutes: 6 },
      ],
      slowWriter,
    );
    expect(result.steps[0]!.estimateMinutes).toBeGreaterThan(result.steps[1]!.estimateMinutes);
    expect(result.steps[1]!.estimateMinutes).toBeGreaterThan(6);
  });
});

describe('actualsFromCompletions', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));

  it('measures each step from the previous sibling being finished', () => {
    const result = actualsFromCompletions([
      { parentId: 'p', title: 'one', estimateMinutes: 5, completedAt: at(0) },
      { parentId: 'p', title: 'three', estimateMinutes: 5, completedAt: at(20) },
      { parentId: 'p', title: 'two', estimateMinutes: 5, completedAt: at(8) },
      { parentId: 'q', title: 'alone', estimateMinutes: 5, completedAt: at(3) },
    ]);
    expect(result).toEqual([
      { title: 'two', estimateMinutes: 5, actualMinutes: 8 },
      { title: 'three', estimateMinutes: 5, actualMinutes: 12 },
    ]);
  });

  it('uses tracked time where a step has it, first steps included', () => {
    const result = actualsFromCompletions([
      { parentId: 'p', title: 'one', estimateMinutes: 5, completedAt: at(0), trackedMinutes: 14 },
      { parentId: 'p', title: 'two', estimateMinutes: 5, completedAt: at(8), trackedMinutes: 0 },
      { parentId: 'p', title: 'three', estimateMinutes: 5, completedAt: at(20), trackedMinutes: 3 },
    ]);
    expect(result).toEqual([
      { title: 'one', estimateMinutes: 5, actualMinutes: 14 },
      { title: 'two', estimateMinutes: 5, actualMinutes: 8 },
      { title: 'three', estimateMinutes: 5, actualMinutes: 3 },
    ]);
  });

  it('leaves out long breaks and steps without an estimate', () => {
    const result = actualsFromCompletions([
      { parentId: 'p', title: 'a', estimateMinutes: 5, completedAt: at(0) },
      { parentId: 'p', title: 'b', estimateMinutes: null, completedAt: at(5) },
      {
        parentId: 'p',
        title: 'c',
        estimateMinutes: 5,
        completedAt: new Date(at(5).getTime() + 5 * 3_600_000),
      },
    ]);
    expect(result).toEqual([]);
  });
});
