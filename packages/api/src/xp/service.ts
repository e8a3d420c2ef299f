import {
  checkXpTotal,
  decodeTaskCursor,
  encodeTaskCursor,
  recomputeXpTotals,
  type XpLedgerEntry,
  xpLedgerInput,
} from '@proxy/core';
import { xpAwards } from '@proxy/db/schema';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { readCreature } from '../creature/store';

type Deps = Pick<AppDeps, 'db' | 'now'>;

/** "Why did I get this XP?": the person's awards, newest first, a page at a time. */
export async function xpLedger(
  deps: Deps,
  userId: string,
  raw: unknown,
): Promise<{ items: XpLedgerEntry[]; nextCursor: string | null }> {
  const input = xpLedgerInput.parse(raw ?? {});
  const where: SQL[] = [eq(xpAwards.userId, userId)];
  if (input.source) where.push(eq(xpAwards.source, input.source));
  if (input.cursor) {
    const c = decodeTaskCursor(input.cursor);
    const older = or(
      lt(xpAwards.createdAt, c.createdAt),
      and(eq(xpAwards.createdAt, c.createdAt), lt(xpAwards.id, c.id)),
    );
    if (older) where.push(older);
  }
  const rows = await deps.db
    .select({
      id: xpAwards.id,
      source: xpAwards.source,
      sourceId: xpAwards.sourceId,
      base: xpAwards.base,
      multiplier: xpAwards.multiplier,
      amount: xpAwards.amount,
      reason: xpAwards.reason,
      createdAt: xpAwards.createdAt,
    })
    .from(xpAwards)
    .where(and(...where))
    .orderBy(desc(xpAwards.createdAt), desc(xpAwards.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last
        ? encodeTaskCursor({ createdAt: last.createdAt, id: last.id })
        : null,
  };
}

/**
 * The audit: the running total kept on the creature row against the sum of the ledger's rows,
 * with the sum per source. `ok` is false only if something wrote XP outside the ledger.
 */
export async function verifyXp(deps: Deps, userId: string) {
  const [row, awards] = await Promise.all([
    readCreature(deps.db, userId),
    deps.db
      .select({ source: xpAwards.source, amount: xpAwards.amount })
      .from(xpAwards)
      .where(eq(xpAwards.userId, userId)),
  ]);
  const totals = recomputeXpTotals(awards);
  return {
    ...checkXpTotal(row?.totalXp ?? 0, awards),
    awards: totals.awards,
    bySource: totals.bySource,
  };
}
