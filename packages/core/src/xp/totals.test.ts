import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XP_SOURCES } from './award';
import { checkXpTotal, recomputeXpTotals } from './totals';

const row = fc.record({
  source: fc.constantFrom(...XP_SOURCES),
  amount: fc.integer({ min: 0, max: 1_000 }),
});

describe('recomputeXpTotals', () => {
  it('is the sum of the rows, by source and in all, in any order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), fc.integer(), (rows, salt) => {
        const totals = recomputeXpTotals(rows);
        expect(totals.total).toBe(rows.reduce((a, r) => a + r.amount, 0));
        expect(totals.awards).toBe(rows.length);
        expect(Object.values(totals.bySource).reduce((a, b) => a + b, 0)).toBe(totals.total);
        for (const s of XP_SOURCES) {
          expect(totals.bySource[s]).toBe(
            rows.filter((r) => r.source === s).reduce((a, r) => a + r.amount, 0),
          );
        }
        const shuffled = [...rows].sort(
          (a, b) => ((a.amount * 31 + salt) % 7) - ((b.amount * 31 + salt) % 7),
        );
        expect(recomputeXpTotals(shuffled)).toEqual(totals);
      }),
    );
  });

  it('is additive: the totals of two ledgers joined are the sums of their totals', () => {
    fc.assert(
      fc.property(fc.array(row), fc.array(row), (a, b) => {
        expect(recomputeXpTotals([...a, ...b]).total).toBe(
          recomputeXpTotals(a).total + recomputeXpTotals(b).total,
        );
      }),
    );
  });
});

describe('checkXpTotal', () => {
  it('agrees with a stored total kept by adding each award, and catches one that drifted', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1 }),
        fc.integer({ min: 1, max: 50 }),
        (rows, drift) => {
          let stored = 0;
          for (const r of rows) stored += r.amount;
          expect(checkXpTotal(stored, rows)).toEqual({
            ok: true,
            stored,
            recomputed: stored,
            difference: 0,
          });
          expect(checkXpTotal(stored - drift, rows)).toMatchObject({
            ok: false,
            difference: drift,
          });
        },
      ),
    );
  });
});
