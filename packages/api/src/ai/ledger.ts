import type { DbOrTx } from '@proxy/db';
import { aiUsage, aiUsageMonthly, aiUserBudgets } from '@proxy/db/schema';
import { sql } from 'drizzle-orm';
import type { AttemptRecord } from './types';

/** One attempt as the ledger keeps it. */
export interface LedgerEntry extends AttemptRecord {
  requestId: string;
  userId: string | null;
  purpose: string;
  createdAt: Date;
}

/** What the router needs to know before a call: spend this month and use in the last minute. */
export interface UsageSnapshot {
  userMonthMicroUsd: number;
  globalMonthMicroUsd: number;
  /** Provider calls (not offline answers) by the person since the window start. */
  userWindowRequests: number;
  userWindowTokens: number;
  /** The earliest of those calls, to say when the window frees up. */
  userWindowOldest: Date | null;
  /** The person's own budget, if they set one. */
  userBudgetMicroUsd: number | null;
}

export interface AiLedger {
  record(entry: LedgerEntry): Promise<void>;
  snapshot(query: {
    userId: string | null;
    monthStart: Date;
    windowStart: Date;
  }): Promise<UsageSnapshot>;
}

const monthKey = (at: Date) =>
  `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-01`;

/**
 * The ledger in the database: shared by every replica, so budgets and limits hold across them.
 * Each row also adds to its month's rollup in the same statement, so a budget check reads a few
 * rollup rows, and the per-minute window reads only the last minute's rows (by index).
 */
export function createDbAiLedger(db: DbOrTx): AiLedger {
  return {
    async record(entry) {
      const row = db.$with('row').as(
        db
          .insert(aiUsage)
          .values({
            userId: entry.userId,
            requestId: entry.requestId,
            attempt: entry.attempt,
            purpose: entry.purpose,
            provider: entry.provider,
            providerKind: entry.kind,
            model: entry.model,
            outcome: entry.outcome,
            httpStatus: entry.httpStatus,
            inputTokens: entry.inputTokens,
            outputTokens: entry.outputTokens,
            costMicroUsd: entry.costMicroUsd,
            latencyMs: Math.round(entry.latencyMs),
            error: entry.error,
            createdAt: entry.createdAt,
          })
          .returning({ id: aiUsage.id }),
      );
      await db
        .with(row)
        .insert(aiUsageMonthly)
        .values({
          month: monthKey(entry.createdAt),
          userId: entry.userId,
          costMicroUsd: entry.costMicroUsd,
          calls: 1,
        })
        .onConflictDoUpdate({
          target: [aiUsageMonthly.month, aiUsageMonthly.userId],
          set: {
            costMicroUsd: sql`${aiUsageMonthly.costMicroUsd} + excluded.cost_micro_usd`,
            calls: sql`${aiUsageMonthly.calls} + 1`,
          },
        });
    },

    async snapshot({ userId, monthStart, windowStart }) {
      const month = monthKey(monthStart);
      const windowFrom = windowStart.toISOString();
      const mine = userId === null ? sql`false` : sql`${aiUsage.userId} = ${userId}`;
      const [row] = await db
        .select({
          userMonth: sql<string>`coalesce((select sum(${aiUsageMonthly.costMicroUsd}) from ${aiUsageMonthly} where ${aiUsageMonthly.month} = ${month}::date and ${userId === null ? sql`false` : sql`${aiUsageMonthly.userId} = ${userId}`}), 0)::float8`,
          globalMonth: sql<string>`coalesce((select sum(${aiUsageMonthly.costMicroUsd}) from ${aiUsageMonthly} where ${aiUsageMonthly.month} = ${month}::date), 0)::float8`,
          windowRequests: sql<string>`count(*)::int`,
          windowTokens: sql<string>`coalesce(sum(${aiUsage.inputTokens} + ${aiUsage.outputTokens}), 0)::float8`,
          windowOldest: sql<string | null>`min(${aiUsage.createdAt})`,
          budget: sql<
            string | null
          >`(select ${aiUserBudgets.monthlyLimitMicroUsd}::float8 from ${aiUserBudgets} where ${userId === null ? sql`false` : sql`${aiUserBudgets.userId} = ${userId}`})`,
        })
        .from(aiUsage)
        .where(
          sql`${mine} and ${aiUsage.createdAt} >= ${windowFrom}::timestamptz and ${aiUsage.providerKind} <> 'offline'`,
        );
      return {
        userMonthMicroUsd: Number(row?.userMonth ?? 0),
        globalMonthMicroUsd: Number(row?.globalMonth ?? 0),
        userWindowRequests: Number(row?.windowRequests ?? 0),
        userWindowTokens: Number(row?.windowTokens ?? 0),
        userWindowOldest: row?.windowOldest ? new Date(row.windowOldest) : null,
        userBudgetMicroUsd:
          row?.budget === null || row?.budget === undefined ? null : Number(row.budget),
      };
    },
  };
}

/** A ledger in memory, for benchmarks and tools that have no database. */
export function createMemoryAiLedger(): AiLedger & {
  entries: LedgerEntry[];
  budgets: Map<string, number>;
} {
  const entries: LedgerEntry[] = [];
  const budgets = new Map<string, number>();
  // Running totals by month and person, and each person's recent calls, so a snapshot does not
  // scan every entry.
  const monthly = new Map<string, Map<string | null, number>>();
  const recent = new Map<string, LedgerEntry[]>();
  return {
    entries,
    budgets,
    async record(entry) {
      entries.push(entry);
      const key = monthKey(entry.createdAt);
      const month = monthly.get(key) ?? new Map<string | null, number>();
      month.set(entry.userId, (month.get(entry.userId) ?? 0) + entry.costMicroUsd);
      monthly.set(key, month);
      if (entry.userId !== null && entry.kind !== 'offline') {
        const list = recent.get(entry.userId) ?? [];
        list.push(entry);
        recent.set(entry.userId, list);
      }
    },
    async snapshot({ userId, monthStart, windowStart }) {
      const month = monthly.get(monthKey(monthStart));
      let globalMonth = 0;
      for (const cost of month?.values() ?? []) globalMonth += cost;
      let requests = 0;
      let tokens = 0;
      let oldest: Date | null = null;
      if (userId !== null) {
        const list = (recent.get(userId) ?? []).filter((e) => e.createdAt >= windowStart);
        recent.set(userId, list);
        for (const e of list) {
          requests++;
          tokens += e.inputTokens + e.outputTokens;
          if (!oldest || e.createdAt < oldest) oldest = e.createdAt;
        }
      }
      return {
        userMonthMicroUsd: userId === null ? 0 : (month?.get(userId) ?? 0),
        globalMonthMicroUsd: globalMonth,
        userWindowRequests: requests,
        userWindowTokens: tokens,
        userWindowOldest: oldest,
        userBudgetMicroUsd: userId === null ? null : (budgets.get(userId) ?? null),
      };
    },
  };
}
