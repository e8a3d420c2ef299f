import { XP_SOURCES, type XpSource } from './award';

/** What a person's XP adds up to, recomputed from ledger rows alone. */
export interface XpTotals {
  total: number;
  awards: number;
  bySource: Record<XpSource, number>;
}

export function emptyBySource(): Record<XpSource, number> {
  const out = {} as Record<XpSource, number>;
  for (const s of XP_SOURCES) out[s] = 0;
  return out;
}

/** Sums the rows. Order never matters; a row's `amount` is what counts (it is what was paid). */
export function recomputeXpTotals(rows: Iterable<{ source: XpSource; amount: number }>): XpTotals {
  const bySource = emptyBySource();
  let total = 0;
  let awards = 0;
  for (const row of rows) {
    total += row.amount;
    bySource[row.source] += row.amount;
    awards += 1;
  }
  return { total, awards, bySource };
}

export interface XpTotalsCheck {
  ok: boolean;
  stored: number;
  recomputed: number;
  /** recomputed − stored: positive when the stored total is behind the ledger. */
  difference: number;
}

/** Compares a stored running total (e.g. on the creature row) with the ledger it came from. */
export function checkXpTotal(
  storedTotal: number,
  rows: Iterable<{ source: XpSource; amount: number }>,
): XpTotalsCheck {
  const recomputed = recomputeXpTotals(rows).total;
  return {
    ok: recomputed === storedTotal,
    stored: storedTotal,
    recomputed,
    difference: recomputed - storedTotal,
  };
}
