import {
  type AiUsageInput,
  type AiUsageSummary,
  aiCallsInput,
  aiUsageInput,
  DomainError,
  type SetAiBudgetInput,
  setAiBudgetInput,
} from '@proxy/core';
import { aiUsage, aiUsageMonthly, aiUserBudgets, users } from '@proxy/db/schema';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../context';
import { DEFAULT_AI_CONFIG } from './config';
import { monthStart, nextMonthStart } from './errors';
import { microUsdToUsd, usdToMicroUsd } from './prices';

type Deps = Pick<AppDeps, 'db' | 'now' | 'ai'>;

const configOf = (deps: Deps) => deps.ai?.config ?? DEFAULT_AI_CONFIG;

const dayKey = (date: Date, timezone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);

/** The last `days` calendar days in the person's timezone, oldest first ("2026-11-21"). */
function lastDays(now: Date, timezone: string, days: number): string[] {
  const [y, m, d] = dayKey(now, timezone).split('-').map(Number) as [number, number, number];
  const today = Date.UTC(y, m - 1, d);
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

const spendColumns = {
  calls: sql<number>`count(*)::int`,
  failures: sql<number>`(count(*) filter (where ${aiUsage.outcome} <> 'success'))::int`,
  cost: sql<number>`coalesce(sum(${aiUsage.costMicroUsd}), 0)::float8`,
  inputTokens: sql<number>`coalesce(sum(${aiUsage.inputTokens}), 0)::int`,
  outputTokens: sql<number>`coalesce(sum(${aiUsage.outputTokens}), 0)::int`,
};

const byCost = sql`coalesce(sum(${aiUsage.costMicroUsd}), 0)`;

const toSpend = (r: {
  calls: number;
  failures: number;
  cost: number;
  inputTokens: number;
  outputTokens: number;
}) => ({
  calls: Number(r.calls),
  failures: Number(r.failures),
  costUsd: microUsdToUsd(Number(r.cost)),
  inputTokens: Number(r.inputTokens),
  outputTokens: Number(r.outputTokens),
});

/** The person's budget this month: their own cap if they set one, else the service default. */
export async function budgetStatus(deps: Deps, userId: string) {
  const config = configOf(deps);
  const now = deps.now();
  const month = monthStart(now).toISOString().slice(0, 10);
  const [row] = await deps.db
    .select({
      spent: sql<number>`coalesce(sum(${aiUsageMonthly.costMicroUsd}) filter (where ${aiUsageMonthly.userId} = ${userId}), 0)::float8`,
      global: sql<number>`coalesce(sum(${aiUsageMonthly.costMicroUsd}), 0)::float8`,
      own: sql<
        number | null
      >`(select ${aiUserBudgets.monthlyLimitMicroUsd}::float8 from ${aiUserBudgets} where ${aiUserBudgets.userId} = ${userId})`,
    })
    .from(aiUsageMonthly)
    .where(eq(aiUsageMonthly.month, month));
  const own = row?.own === null || row?.own === undefined ? null : Number(row.own);
  const monthly = own ?? usdToMicroUsd(config.budgets.userMonthlyUsd);
  const spent = Number(row?.spent ?? 0);
  return {
    monthlyUsd: microUsdToUsd(monthly),
    spentUsd: microUsdToUsd(spent),
    leftUsd: microUsdToUsd(Math.max(0, monthly - spent)),
    resetsAt: nextMonthStart(now),
    source: own === null ? ('default' as const) : ('user' as const),
    serviceExhausted: Number(row?.global ?? 0) >= usdToMicroUsd(config.budgets.globalMonthlyUsd),
  };
}

/** Spend per day, per purpose and per provider over the last `days` days, and the budget left. */
export async function usageSummary(
  deps: Deps,
  userId: string,
  raw: AiUsageInput = {},
): Promise<AiUsageSummary> {
  const { days } = aiUsageInput.parse(raw);
  const now = deps.now();
  const [user] = await deps.db
    .select({ timezone: users.timezone })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new DomainError('NOT_FOUND', 'Account not found');
  const tz = user.timezone;
  const dayList = lastDays(now, tz, days);
  // The first day starts at local midnight of the oldest day in the person's timezone.
  const since = sql`((${dayList[0]}::date)::timestamp at time zone ${tz})`;
  const mine = and(eq(aiUsage.userId, userId), sql`${aiUsage.createdAt} >= ${since}`);
  const day = sql<string>`to_char(${aiUsage.createdAt} at time zone ${tz}, 'YYYY-MM-DD')`;

  const [byDay, byPurpose, byProvider, budget] = await Promise.all([
    deps.db
      .select({ day, ...spendColumns })
      .from(aiUsage)
      .where(mine)
      // By position: the timezone is a parameter, so a repeated expression would not match.
      .groupBy(sql`1`),
    deps.db
      .select({ purpose: aiUsage.purpose, ...spendColumns })
      .from(aiUsage)
      .where(mine)
      .groupBy(aiUsage.purpose)
      .orderBy(desc(byCost)),
    deps.db
      .select({ provider: aiUsage.provider, model: aiUsage.model, ...spendColumns })
      .from(aiUsage)
      .where(mine)
      .groupBy(aiUsage.provider, aiUsage.model)
      .orderBy(desc(byCost)),
    budgetStatus(deps, userId),
  ]);
  const dayMap = new Map(byDay.map((r) => [r.day, toSpend(r)]));
  const empty = { calls: 0, failures: 0, costUsd: 0, inputTokens: 0, outputTokens: 0 };
  const perDay = dayList.map((d) => ({ day: d, ...(dayMap.get(d) ?? empty) }));
  const totals = perDay.reduce(
    (t, d) => ({
      calls: t.calls + d.calls,
      failures: t.failures + d.failures,
      costUsd: microUsdToUsd(usdToMicroUsd(t.costUsd) + usdToMicroUsd(d.costUsd)),
      inputTokens: t.inputTokens + d.inputTokens,
      outputTokens: t.outputTokens + d.outputTokens,
    }),
    empty,
  );
  return {
    timezone: tz,
    days,
    month: monthStart(now).toISOString().slice(0, 7),
    budget,
    totals,
    perDay,
    perPurpose: byPurpose.map((r) => ({ purpose: r.purpose, ...toSpend(r) })),
    perProvider: byProvider.map((r) => ({ provider: r.provider, model: r.model, ...toSpend(r) })),
    providers: (deps.ai?.status() ?? []).map((p) => ({
      name: p.name,
      kind: p.kind,
      model: p.model,
      state: p.state,
      coolingUntil: p.coolingUntil,
    })),
    aiConfigured: deps.ai?.hasRemoteProvider ?? false,
  };
}

/** The person's most recent AI attempts, newest first. */
export async function recentCalls(
  deps: Deps,
  userId: string,
  raw: z.input<typeof aiCallsInput> = {},
) {
  const { limit } = aiCallsInput.parse(raw);
  const rows = await deps.db
    .select()
    .from(aiUsage)
    .where(eq(aiUsage.userId, userId))
    .orderBy(desc(aiUsage.createdAt), desc(aiUsage.attempt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    requestId: r.requestId,
    attempt: r.attempt,
    purpose: r.purpose,
    provider: r.provider,
    model: r.model,
    outcome: r.outcome,
    httpStatus: r.httpStatus,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    costUsd: microUsdToUsd(r.costMicroUsd),
    latencyMs: r.latencyMs,
    error: r.error,
    createdAt: r.createdAt,
  }));
}

/** Sets (or clears) the person's own monthly cap; it may only be lower than the service's. */
export async function setBudget(deps: Deps, userId: string, raw: SetAiBudgetInput) {
  const { monthlyUsd } = setAiBudgetInput.parse(raw);
  const ceiling = configOf(deps).budgets.userMonthlyUsd;
  if (monthlyUsd === null) {
    await deps.db.delete(aiUserBudgets).where(eq(aiUserBudgets.userId, userId));
  } else {
    if (monthlyUsd > ceiling) {
      throw new DomainError('BAD_REQUEST', `The budget can be at most $${ceiling.toFixed(2)}`, {
        fieldErrors: { monthlyUsd: [`At most $${ceiling.toFixed(2)} a month`] },
      });
    }
    const micro = usdToMicroUsd(monthlyUsd);
    await deps.db
      .insert(aiUserBudgets)
      .values({ userId, monthlyLimitMicroUsd: micro, updatedAt: deps.now() })
      .onConflictDoUpdate({
        target: aiUserBudgets.userId,
        set: { monthlyLimitMicroUsd: micro, updatedAt: deps.now() },
      });
  }
  return budgetStatus(deps, userId);
}
