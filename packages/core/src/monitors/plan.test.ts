import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MONITOR_INTERVALS,
  monitorIntervalSchema,
  monitorPhaseMs,
  monitorPlanSchema,
  nextMonitorRunAt,
} from './plan';

describe('monitor scheduling phase', () => {
  it('always gives the next run on the phase, within one interval', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.constantFrom(...MONITOR_INTERVALS),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        (id, minutes, after) => {
          const period = minutes * 60_000;
          const next = nextMonitorRunAt(id, minutes, after).getTime();
          expect(next).toBeGreaterThan(after.getTime());
          expect(next - after.getTime()).toBeLessThanOrEqual(period);
          expect((((next - monitorPhaseMs(id, minutes)) % period) + period) % period).toBe(0);
        },
      ),
    );
  });

  it('spreads a thousand monitors on one interval over it instead of one second', () => {
    const perSecond = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const second = Math.floor(monitorPhaseMs(id, 5) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    // 1000 monitors over 300 seconds: about 3.3 a second; a clump would show as dozens.
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(12);
    expect(perSecond.size).toBeGreaterThan(250);
  });
});

describe('monitor plan', () => {
  it('accepts the intervals the product offers and nothing else', () => {
    for (const m of MONITOR_INTERVALS) expect(monitorIntervalSchema.parse(m)).toBe(m);
    for (const bad of [0, 1, 30, 61, 5.5])
      expect(monitorIntervalSchema.safeParse(bad).success).toBe(false);
  });

  it('fills default timing and refuses sources that are not http(s)', () => {
    const plan = monitorPlanSchema.parse({
      sources: [{ kind: 'json', url: 'https://api.example.com/price', jsonPath: '$.usd' }],
      condition: { type: 'threshold', op: 'below', value: 50000, unit: 'currency', currency: '$' },
    });
    expect(plan.timing).toEqual({
      debounce: 1,
      cooldownMinutes: 0,
      hysteresis: 0,
      flapping: null,
      errorThreshold: 3,
    });
    const bad = monitorPlanSchema.safeParse({
      sources: [{ kind: 'feed', url: 'file:///etc/passwd' }],
      condition: { type: 'change', rule: { type: 'new_items' } },
    });
    expect(bad.success).toBe(false);
  });
});
