import { randomUUID } from 'node:crypto';
import {
  type CompiledPlan,
  type CompileMonitorInput,
  type CreateMonitorInput,
  createMonitorInput,
  DomainError,
  type DryRunInput,
  type DryRunResult,
  decodeTaskCursor,
  dryRunInput,
  type Evaluation,
  encodeTaskCursor,
  evaluationsInput,
  historyInput,
  initialMonitorState,
  type Monitor,
  type MonitorHistory,
  type MonitorPlan,
  monitorPlanSchema,
  monitorStateSchema,
  notFound,
  PLAN_ORIGINS,
  type PlanOrigin,
  type UpdateMonitorInput,
  updateMonitorInput,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { evaluations, monitorSources, monitors } from '@proxy/db/schema';
import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../context';
import { dispatchEvent } from '../events/dispatch';
import { allSubscribers } from '../events/subscribers';
import { compileMonitor, conditionText, urlsIn, validatePlan } from './compile';
import { dryRunPlan, evaluateMonitor, toEvaluation } from './evaluate';
import { upsertSource } from './facts';
import { canonicalJson } from './judge';
import { scheduleMonitorRun } from './schedule';

type Deps = Pick<AppDeps, 'db' | 'now' | 'ai' | 'monitors' | 'jobs'>;
type MonitorRow = typeof monitors.$inferSelect;

export function toMonitor(row: MonitorRow): Monitor {
  const plan = monitorPlanSchema.parse(row.plan);
  return {
    id: row.id,
    name: row.name,
    prompt: row.prompt,
    plan,
    planOrigin: (PLAN_ORIGINS as readonly string[]).includes(row.planOrigin)
      ? (row.planOrigin as PlanOrigin)
      : 'user',
    conditionText: conditionText(plan.condition),
    intervalMinutes: row.intervalMinutes,
    status: row.status,
    statusReason: row.statusReason,
    notifyEmail: row.notifyEmail,
    lastValue: row.lastValue ?? null,
    lastOutcome: row.lastOutcome,
    lastEvaluatedAt: row.lastEvaluatedAt,
    lastTriggeredAt: row.lastTriggeredAt,
    nextRunAt: row.nextRunAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A name from the prompt: its words without URLs, cut at a word near 80 characters. */
export function defaultMonitorName(prompt: string): string {
  const text = prompt
    .replace(/https?:\/\/\S+/gi, ' ')
    .replace(/\$(?:\.[\w-]+|\[[^\]]+\])+/g, ' ')
    .replace(/[\s\-—–:;,]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  const base = text.length > 0 ? text : (urlsIn(prompt)[0] ?? 'Monitor');
  if (base.length <= 80) return base;
  const cut = base.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}

async function ownedMonitor(db: DbOrTx, userId: string, id: string): Promise<MonitorRow> {
  const [row] = await db
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.userId, userId)))
    .limit(1);
  if (!row) throw notFound('Monitor');
  return row;
}

async function writeMonitorSources(
  tx: DbOrTx,
  userId: string,
  monitorId: string,
  plan: MonitorPlan,
) {
  await tx.delete(monitorSources).where(eq(monitorSources.monitorId, monitorId));
  for (const [position, source] of plan.sources.entries()) {
    const sourceId = await upsertSource({ db: tx }, userId, source);
    await tx.insert(monitorSources).values({ monitorId, sourceId, position }).onConflictDoNothing();
  }
}

export function compileMonitorPlan(
  deps: Deps,
  userId: string,
  input: CompileMonitorInput,
): Promise<CompiledPlan> {
  return compileMonitor(deps, userId, input);
}

export async function createMonitor(
  deps: Deps,
  userId: string,
  raw: CreateMonitorInput,
): Promise<Monitor> {
  const input = createMonitorInput.parse(raw);
  let plan: MonitorPlan;
  let planOrigin: PlanOrigin;
  if (input.plan) {
    plan = validatePlan(input.plan);
    planOrigin = 'user';
  } else {
    const compiled = await compileMonitor(deps, userId, { prompt: input.prompt });
    plan = compiled.plan;
    planOrigin = compiled.origin;
  }
  const id = randomUUID();
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    await tx.insert(monitors).values({
      id,
      userId,
      name: input.name ?? defaultMonitorName(input.prompt),
      prompt: input.prompt,
      plan,
      planOrigin,
      intervalMinutes: input.intervalMinutes,
      notifyEmail: input.notifyEmail ?? false,
      state: initialMonitorState(),
      createdAt: now,
      updatedAt: now,
    });
    await writeMonitorSources(tx, userId, id, plan);
    await scheduleMonitorRun(deps, tx, { id, intervalMinutes: input.intervalMinutes }, now, {
      immediately: true,
    });
    return toMonitor(await ownedMonitor(tx, userId, id));
  });
}

export async function listMonitors(deps: Deps, userId: string): Promise<{ items: Monitor[] }> {
  const rows = await deps.db
    .select()
    .from(monitors)
    .where(eq(monitors.userId, userId))
    .orderBy(desc(monitors.createdAt), desc(monitors.id))
    .limit(500);
  return { items: rows.map(toMonitor) };
}

export async function getMonitor(deps: Deps, userId: string, id: string): Promise<Monitor> {
  return toMonitor(await ownedMonitor(deps.db, userId, id));
}

export async function updateMonitor(
  deps: Deps,
  userId: string,
  raw: UpdateMonitorInput,
): Promise<Monitor> {
  const input = updateMonitorInput.parse(raw);
  const current = await ownedMonitor(deps.db, userId, input.id);
  const currentPlan = monitorPlanSchema.safeParse(current.plan);

  let plan: MonitorPlan | null = null;
  let planOrigin: PlanOrigin | null = null;
  if (input.plan) {
    plan = validatePlan(input.plan);
    planOrigin = 'user';
  } else if (input.prompt !== undefined && input.prompt !== current.prompt) {
    const keepSources = urlsIn(input.prompt).length === 0 && currentPlan.success;
    const compiled = await compileMonitor(deps, userId, {
      prompt: input.prompt,
      ...(keepSources && currentPlan.success ? { sources: currentPlan.data.sources } : {}),
    });
    plan = compiled.plan;
    planOrigin = compiled.origin;
  }
  const planChanged =
    plan !== null &&
    (!currentPlan.success || canonicalJson(plan) !== canonicalJson(currentPlan.data));
  const intervalChanged =
    input.intervalMinutes !== undefined && input.intervalMinutes !== current.intervalMinutes;
  const now = deps.now();

  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(monitors)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.prompt !== undefined ? { prompt: input.prompt } : {}),
        ...(input.intervalMinutes !== undefined ? { intervalMinutes: input.intervalMinutes } : {}),
        ...(input.notifyEmail !== undefined ? { notifyEmail: input.notifyEmail } : {}),
        ...(plan && planOrigin ? { plan, planOrigin } : {}),
        ...(planChanged ? { state: initialMonitorState(), statusReason: null } : {}),
        ...(planChanged && current.status === 'error' ? { status: 'active' as const } : {}),
        updatedAt: now,
      })
      .where(and(eq(monitors.id, input.id), eq(monitors.userId, userId)))
      .returning();
    if (!row) throw notFound('Monitor');
    if (planChanged && plan) await writeMonitorSources(tx, userId, row.id, plan);
    // A new plan is checked right away; a new interval moves the next run to its new phase.
    if ((intervalChanged || planChanged) && row.status !== 'paused') {
      await scheduleMonitorRun(deps, tx, row, now, { immediately: planChanged });
    }
    return toMonitor(await ownedMonitor(tx, userId, row.id));
  });
}

export async function deleteMonitor(
  deps: Deps,
  userId: string,
  id: string,
): Promise<{ id: string }> {
  const [row] = await deps.db
    .delete(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.userId, userId)))
    .returning({ id: monitors.id });
  if (!row) throw notFound('Monitor');
  return row;
}

export async function pauseMonitor(deps: Deps, userId: string, id: string): Promise<Monitor> {
  const [row] = await deps.db
    .update(monitors)
    .set({ status: 'paused', nextRunAt: null, statusReason: null, updatedAt: deps.now() })
    .where(and(eq(monitors.id, id), eq(monitors.userId, userId)))
    .returning();
  if (!row) throw notFound('Monitor');
  return toMonitor(row);
}

export async function resumeMonitor(deps: Deps, userId: string, id: string): Promise<Monitor> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(monitors)
      .set({ status: 'active', statusReason: null, updatedAt: now })
      .where(and(eq(monitors.id, id), eq(monitors.userId, userId)))
      .returning();
    if (!row) throw notFound('Monitor');
    await scheduleMonitorRun(deps, tx, row, now, { immediately: true });
    return toMonitor(await ownedMonitor(tx, userId, id));
  });
}

/**
 * "Evaluate now". When a scheduled run holds the monitor at that moment, wait for it (a run is
 * bounded by the fetch timeout) and then run, rather than answer a person with an error.
 */
export async function evaluateMonitorNow(
  deps: AppDeps,
  userId: string,
  id: string,
  options: { waitMs?: number } = {},
): Promise<Evaluation> {
  await ownedMonitor(deps.db, userId, id);
  const waitMs = options.waitMs ?? deps.monitors.fetch.timeoutMs + 5_000;
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const result = await evaluateMonitor(deps, id, {
      slot: `manual:${randomUUID()}`,
      trigger: 'manual',
      scheduledFor: null,
    });
    if (result.status === 'evaluated') {
      // The person is waiting for this answer: tell them now rather than after the dispatch job
      // (which still runs and finds each subscriber done).
      if (result.eventId) {
        await dispatchEvent(deps, result.eventId, allSubscribers).catch(() => undefined);
      }
      return result.evaluation;
    }
    if (result.status === 'skipped') throw notFound('Monitor');
    if (result.status === 'busy' && Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    throw new DomainError(
      'CONFLICT',
      'This monitor is being evaluated right now. Try again in a moment.',
    );
  }
}

export async function dryRunMonitor(
  deps: Deps,
  userId: string,
  raw: DryRunInput,
): Promise<DryRunResult> {
  const input = dryRunInput.parse(raw);
  if (input.id) {
    const row = await ownedMonitor(deps.db, userId, input.id);
    const plan = validatePlan(row.plan);
    const state = monitorStateSchema.safeParse(row.state);
    return dryRunPlan(deps, userId, plan, state.success ? state.data : undefined);
  }
  return dryRunPlan(deps, userId, validatePlan(input.plan));
}

export async function listEvaluations(
  deps: Deps,
  userId: string,
  raw: z.input<typeof evaluationsInput>,
): Promise<{ items: Evaluation[]; nextCursor: string | null }> {
  const input = evaluationsInput.parse(raw);
  await ownedMonitor(deps.db, userId, input.id);
  const cursor = input.cursor ? decodeTaskCursor(input.cursor) : null;
  const rows = await deps.db
    .select()
    .from(evaluations)
    .where(
      and(
        eq(evaluations.monitorId, input.id),
        eq(evaluations.userId, userId),
        cursor
          ? or(
              lt(evaluations.startedAt, cursor.createdAt),
              and(eq(evaluations.startedAt, cursor.createdAt), lt(evaluations.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(evaluations.startedAt), desc(evaluations.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toEvaluation),
    nextCursor:
      rows.length > input.limit && last
        ? encodeTaskCursor({ createdAt: last.startedAt, id: last.id })
        : null,
  };
}

export const HISTORY_MAX_POINTS = 1000;

export async function monitorHistory(
  deps: Deps,
  userId: string,
  raw: z.input<typeof historyInput>,
): Promise<MonitorHistory> {
  const input = historyInput.parse(raw);
  await ownedMonitor(deps.db, userId, input.id);
  const since = new Date(deps.now().getTime() - input.days * 24 * 60 * 60_000);
  const inWindow = and(
    eq(evaluations.monitorId, input.id),
    eq(evaluations.userId, userId),
    gte(evaluations.startedAt, since),
  );
  const [totals] = await deps.db
    .select({
      checks: sql<number>`count(*)::int`,
      triggered: sql<number>`(count(*) filter (where ${evaluations.triggered}))::int`,
      errors: sql<number>`(count(*) filter (where ${evaluations.outcome} = 'error'))::int`,
      // What this monitor cost in AI calls: the per-monitor view of the usage ledger.
      costMicroUsd: sql<number>`coalesce(sum(${evaluations.costMicroUsd}), 0)::bigint`,
      inputTokens: sql<number>`coalesce(sum(${evaluations.inputTokens}), 0)::int`,
      outputTokens: sql<number>`coalesce(sum(${evaluations.outputTokens}), 0)::int`,
    })
    .from(evaluations)
    .where(inWindow);
  const rows = await deps.db
    .select({
      at: evaluations.startedAt,
      value: evaluations.valueNumber,
      outcome: evaluations.outcome,
      triggered: evaluations.triggered,
    })
    .from(evaluations)
    .where(inWindow)
    .orderBy(desc(evaluations.startedAt), desc(evaluations.id))
    .limit(HISTORY_MAX_POINTS);
  return {
    points: rows.reverse(),
    totals: {
      checks: Number(totals?.checks ?? 0),
      triggered: Number(totals?.triggered ?? 0),
      errors: Number(totals?.errors ?? 0),
      costMicroUsd: Number(totals?.costMicroUsd ?? 0),
      inputTokens: Number(totals?.inputTokens ?? 0),
      outputTokens: Number(totals?.outputTokens ?? 0),
    },
  };
}
