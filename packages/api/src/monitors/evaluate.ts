import { randomUUID } from 'node:crypto';
import {
  DomainError,
  type DryRunResult,
  type Evaluation,
  type EvaluationErrorKind,
  type EvaluationFact,
  evaluateCondition,
  initialMonitorState,
  type MonitorDecision,
  type MonitorItem,
  type MonitorPlan,
  type MonitorState,
  monitorPlanSchema,
  monitorStateSchema,
  nextMonitorRunAt,
  nextMonitorState,
  numericFact,
  type Observation,
  type PlanSource,
  type TemporalConfig,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { evaluations, monitors } from '@proxy/db/schema';
import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { emit } from '../events/emit';
import { conditionText } from './compile';
import { getFact } from './facts';
import { JudgeError, judgeFuzzy } from './judge';
import { enqueueMonitorRun } from './schedule';
import { ExtractError, type Extracted, extract } from './sources';

/**
 * One run of a monitor: take its lease, read its sources (shared facts), judge the plan's
 * condition, fold the result into the temporal state, and store the evaluation, the new state and
 * any notification in one transaction. Never two runs of one monitor at once (the lease), never
 * one slot twice (the evaluations' unique key), never one evaluation told twice (dedupe keys).
 */

type Deps = Pick<AppDeps, 'db' | 'now' | 'ai' | 'monitors' | 'jobs'>;

export type EvaluateOptions = {
  /** The run's idempotency key: the scheduled time (ISO) or `manual:<uuid>`. */
  slot: string;
  trigger: 'scheduled' | 'manual';
  scheduledFor?: Date | null;
};

export type EvaluateResult =
  /** `eventId`: the event this run emitted (a trigger, an error streak...), if any. */
  | { status: 'evaluated'; evaluation: Evaluation; eventId: string | null }
  /** Another evaluation of this monitor holds its lease. */
  | { status: 'busy' }
  /** This slot was already evaluated. */
  | { status: 'duplicate' }
  /** Not evaluated: the monitor is gone, or paused (scheduled runs). */
  | { status: 'skipped'; reason: string };

type EvaluationRow = typeof evaluations.$inferSelect;

const TEXT_LIMIT = 2048;
const ITEMS_LIMIT = 100;

/** How much of each source a fuzzy judge reads. */
const JUDGE_TEXT_LIMIT = 8000;

function truncateText(text: string, limit = TEXT_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A value small enough to keep in the evaluation log. */
function compactValue(value: unknown, limit = TEXT_LIMIT): unknown {
  if (typeof value === 'string') return truncateText(value, limit);
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  if (json !== undefined && json.length > limit) return truncateText(json, limit);
  return value;
}

const compactItems = (items: MonitorItem[]) =>
  items.slice(0, ITEMS_LIMIT).map((i) => ({ id: i.id, title: i.title }));

/** The temporal logic's configuration for a plan. */
export function temporalConfigFor(plan: MonitorPlan): TemporalConfig {
  const common = {
    debounce: plan.timing.debounce,
    cooldownMs: plan.timing.cooldownMinutes * 60_000,
    flapping: plan.timing.flapping,
    errorThreshold: plan.timing.errorThreshold,
  };
  return plan.condition.type === 'change'
    ? { kind: 'change', change: plan.condition.rule, ...common }
    : { kind: 'state', ...common };
}

class ObserveError extends Error {
  readonly errorKind: EvaluationErrorKind;
  constructor(errorKind: EvaluationErrorKind, message: string) {
    super(message);
    this.errorKind = errorKind;
  }
}

/** What one pass over the plan saw, before the temporal logic. */
export type Observed = {
  observation: Observation;
  errorKind: EvaluationErrorKind | null;
  /** The judged value for the log and the list view. */
  value: unknown;
  valueNumber: number | null;
  detail: string;
  facts: EvaluationFact[];
  provider: string | null;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
  cached: boolean;
};

/** JSON arrays of objects as items (id / guid, link / url, title / name). */
function itemsFromJson(value: unknown): MonitorItem[] | null {
  if (!Array.isArray(value)) return null;
  const items: MonitorItem[] = [];
  for (const v of value) {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const s = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : null);
      const item = {
        id: s(o.id) ?? s(o.guid),
        link: s(o.link) ?? s(o.url),
        title: s(o.title) ?? s(o.name),
      };
      if (item.id !== null || item.link !== null || item.title !== null) items.push(item);
    } else if (typeof v === 'string' || typeof v === 'number') {
      items.push({ id: String(v), link: null, title: String(v) });
    }
  }
  return items;
}

const shown = (v: unknown) => (typeof v === 'string' ? truncateText(v) : JSON.stringify(v));

/** Reads every source and judges the condition; failures become an error observation. */
export async function observePlan(
  deps: Pick<AppDeps, 'now' | 'ai' | 'monitors'> & { db: DbOrTx },
  userId: string,
  plan: MonitorPlan,
  options: { storeJudgement?: boolean } = {},
): Promise<Observed> {
  const factsUsed: EvaluationFact[] = [];
  const extracted: Extracted[] = [];
  const out: Observed = {
    observation: { type: 'error', message: '' },
    errorKind: null,
    value: null,
    valueNumber: null,
    detail: '',
    facts: factsUsed,
    provider: null,
    model: null,
    inputTokens: 0,
    outputTokens: 0,
    costMicroUsd: 0,
    cached: false,
  };
  try {
    for (const source of plan.sources) {
      const fact = await getFact(deps, userId, source);
      const entry: EvaluationFact = {
        url: source.url,
        kind: source.kind,
        factId: fact.id,
        fetchedAt: fact.fetchedAt,
        value: null,
        error: null,
      };
      factsUsed.push(entry);
      if (!fact.ok || fact.body === null) {
        entry.error = fact.error ?? 'the source gave no body';
        throw new ObserveError('source', `${source.url}: ${entry.error}`);
      }
      try {
        const x = await extract(source as PlanSource, fact.body);
        extracted.push(x);
        entry.value = x.kind === 'feed' ? compactItems(x.items) : compactValue(x.value);
      } catch (error) {
        if (error instanceof ExtractError) {
          entry.error = error.message;
          throw new ObserveError('parse', `${source.url}: ${error.message}`);
        }
        throw error;
      }
    }

    const first = extracted[0]!;
    const condition = plan.condition;
    const firstValue = first.kind === 'feed' ? first.items : first.value;
    out.value = first.kind === 'feed' ? compactItems(first.items) : compactValue(first.value);
    out.valueNumber = first.kind === 'feed' ? null : numericFact(first.value);

    if (condition.type === 'fuzzy') {
      const judged = extracted.map((x) =>
        x.kind === 'feed'
          ? x.items.slice(0, ITEMS_LIMIT).map((i) => ({ title: i.title, link: i.link }))
          : compactValue(x.value, JUDGE_TEXT_LIMIT),
      );
      try {
        const j = await judgeFuzzy(deps, userId, condition, judged, {
          store: options.storeJudgement ?? true,
        });
        Object.assign(out, {
          provider: j.provider,
          model: j.model,
          inputTokens: j.inputTokens,
          outputTokens: j.outputTokens,
          costMicroUsd: j.costMicroUsd,
          cached: j.cached,
        });
        out.observation = { type: 'condition', matched: j.matched };
        out.detail = j.reason;
      } catch (error) {
        if (error instanceof JudgeError) throw new ObserveError(error.errorKind, error.message);
        throw error;
      }
    } else if (condition.type === 'change') {
      if (first.kind === 'feed') {
        out.observation = { type: 'items', items: first.items };
        out.detail = `${first.items.length} item${first.items.length === 1 ? '' : 's'} in the feed`;
      } else {
        const n = numericFact(first.value);
        const items = condition.rule.type === 'new_items' ? itemsFromJson(first.value) : null;
        if (items) {
          out.observation = { type: 'items', items };
          out.value = compactItems(items);
          out.detail = `${items.length} items`;
        } else if (n !== null) {
          out.observation = { type: 'number', value: n };
          out.valueNumber = n;
          out.detail = `value ${n}`;
        } else if (condition.rule.type === 'delta') {
          throw new ObserveError('parse', `expected a number, got ${shown(firstValue)}`);
        } else {
          const text =
            typeof first.value === 'string' ? first.value : JSON.stringify(first.value ?? null);
          out.observation = { type: 'text', value: text };
          out.detail = `text "${truncateText(text).slice(0, 200)}"`;
        }
      }
    } else {
      const subject =
        first.kind === 'feed'
          ? first.items.map((i) => i.title ?? i.link ?? i.id ?? '').join('\n')
          : first.value;
      try {
        const r = evaluateCondition(condition, subject, { hysteresis: plan.timing.hysteresis });
        out.observation = { type: 'condition', matched: r.matched, released: r.released };
        if (typeof r.observed === 'number') out.valueNumber = r.observed;
        out.detail =
          typeof r.observed === 'number'
            ? `value ${r.observed}`
            : `text "${truncateText(r.observed).slice(0, 200)}"`;
      } catch (error) {
        if (error instanceof DomainError) throw new ObserveError('parse', error.message);
        throw error;
      }
    }
  } catch (error) {
    const e =
      error instanceof ObserveError
        ? error
        : new ObserveError('internal', `unexpected failure: ${(error as Error).message}`);
    out.observation = { type: 'error', message: e.message };
    out.errorKind = e.errorKind;
    out.detail = e.message;
  }
  return out;
}

/** Fold an observation into the state; a plan/fact mismatch the temporal logic refuses is a parse error. */
function step(
  plan: MonitorPlan,
  state: MonitorState,
  observed: Observed,
  now: Date,
): { state: MonitorState; decision: MonitorDecision } {
  const config = temporalConfigFor(plan);
  try {
    return nextMonitorState(config, state, observed.observation, now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    observed.observation = { type: 'error', message: error.message };
    observed.errorKind = 'parse';
    observed.detail = error.message;
    return nextMonitorState(config, state, observed.observation, now);
  }
}

function reasonFor(observed: Observed, decision: MonitorDecision): string {
  if (observed.observation.type === 'error') return decision.reason;
  return observed.detail ? `${observed.detail}: ${decision.reason}` : decision.reason;
}

const outcomeOf = (observed: Observed, decision: MonitorDecision) =>
  observed.observation.type === 'error' ? 'error' : decision.matched ? 'true' : 'false';

/** A plan's run without storing anything but the facts it fetched. */
export async function dryRunPlan(
  deps: Pick<AppDeps, 'db' | 'now' | 'ai' | 'monitors'>,
  userId: string,
  rawPlan: MonitorPlan,
  state?: MonitorState,
): Promise<DryRunResult> {
  const plan = monitorPlanSchema.parse(rawPlan);
  const observed = await observePlan(deps, userId, plan, { storeJudgement: false });
  const { decision } = step(plan, state ?? initialMonitorState(), observed, deps.now());
  return {
    outcome: outcomeOf(observed, decision),
    value: observed.value,
    valueNumber: observed.valueNumber,
    wouldTrigger: decision.triggered,
    reason: reasonFor(observed, decision),
    facts: observed.facts,
    provider: observed.provider,
    model: observed.model,
  };
}

export function toEvaluation(row: EvaluationRow): Evaluation {
  const facts = Array.isArray(row.facts) ? (row.facts as Record<string, unknown>[]) : [];
  return {
    id: row.id,
    monitorId: row.monitorId,
    slot: row.slot,
    trigger: row.trigger === 'manual' ? 'manual' : 'scheduled',
    scheduledFor: row.scheduledFor,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    outcome: row.outcome,
    triggered: row.triggered,
    notified: row.notified,
    reason: row.reason,
    errorKind: (row.errorKind as EvaluationErrorKind | null) ?? null,
    value: row.value ?? null,
    valueNumber: row.valueNumber,
    facts: facts.map((f) => ({
      url: String(f.url ?? ''),
      kind: String(f.kind ?? ''),
      factId: typeof f.factId === 'string' ? f.factId : null,
      fetchedAt: typeof f.fetchedAt === 'string' ? new Date(f.fetchedAt) : null,
      value: f.value ?? null,
      error: typeof f.error === 'string' ? f.error : null,
    })),
    provider: row.provider,
    model: row.model,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    costMicroUsd: row.costMicroUsd,
    cached: row.cached,
    latencyMs: row.latencyMs,
  };
}

type NotifyKind = 'monitor_triggered' | 'monitor_flapping' | 'monitor_errors' | 'monitor_recovered';

/** The event each notable run emits; notifications (and later webhooks) listen to it. */
const EVENT_FOR: Record<NotifyKind, MonitorEventType> = {
  monitor_triggered: 'monitor.triggered',
  monitor_errors: 'monitor.failing',
  monitor_flapping: 'monitor.flapping',
  monitor_recovered: 'monitor.recovered',
};
type MonitorEventType =
  | 'monitor.triggered'
  | 'monitor.failing'
  | 'monitor.flapping'
  | 'monitor.recovered';

function valueInWords(observed: Observed): string {
  if (observed.valueNumber !== null) return String(observed.valueNumber);
  const v = observed.value;
  if (typeof v === 'string') return `"${v.slice(0, 200)}"`;
  return '';
}

async function releaseLease(db: DbOrTx, monitorId: string, token: string) {
  await db
    .update(monitors)
    .set({ leaseUntil: null, leaseToken: null })
    .where(and(eq(monitors.id, monitorId), eq(monitors.leaseToken, token)));
}

class Rollback extends Error {
  constructor(readonly result: EvaluateResult) {
    super('rollback');
  }
}

export async function evaluateMonitor(
  deps: Deps,
  monitorId: string,
  options: EvaluateOptions,
): Promise<EvaluateResult> {
  // Take the lease first: in the common case that one statement is all the gatekeeping there is.
  const leaseNow = deps.now();
  const token = randomUUID();
  const [monitor] = await deps.db
    .update(monitors)
    .set({
      leaseUntil: new Date(leaseNow.getTime() + deps.monitors.leaseMs),
      leaseToken: token,
    })
    .where(
      and(
        eq(monitors.id, monitorId),
        or(isNull(monitors.leaseUntil), lt(monitors.leaseUntil, leaseNow)),
        options.trigger === 'scheduled' ? ne(monitors.status, 'paused') : undefined,
      ),
    )
    .returning();
  if (!monitor) {
    // Why not: gone, paused (scheduled runs), or another run holds it.
    const [existing] = await deps.db
      .select({ status: monitors.status })
      .from(monitors)
      .where(eq(monitors.id, monitorId))
      .limit(1);
    if (!existing) return { status: 'skipped', reason: 'the monitor no longer exists' };
    if (options.trigger === 'scheduled' && existing.status === 'paused') {
      return { status: 'skipped', reason: 'the monitor is paused' };
    }
    return { status: 'busy' };
  }
  const [done] = await deps.db
    .select({ id: evaluations.id })
    .from(evaluations)
    .where(and(eq(evaluations.monitorId, monitorId), eq(evaluations.slot, options.slot)))
    .limit(1);
  if (done) {
    await releaseLease(deps.db, monitorId, token);
    return { status: 'duplicate' };
  }

  let released = false;
  // The lease is short, so a killed worker's monitor is free again within seconds; while this
  // run is alive (a slow source or judge), it keeps renewing it.
  const renewal = setInterval(
    () => {
      deps.db
        .update(monitors)
        .set({ leaseUntil: new Date(deps.now().getTime() + deps.monitors.leaseMs) })
        .where(and(eq(monitors.id, monitorId), eq(monitors.leaseToken, token)))
        .catch(() => undefined);
    },
    Math.max(500, deps.monitors.leaseMs / 3),
  );
  try {
    const startedAt = deps.now();
    const t0 = performance.now();
    const planParse = monitorPlanSchema.safeParse(monitor.plan);
    const plan = planParse.success ? planParse.data : null;
    const stateParse = monitorStateSchema.safeParse(monitor.state);
    const state = stateParse.success ? stateParse.data : initialMonitorState();

    let observed: Observed;
    if (plan) {
      observed = await observePlan(deps, monitor.userId, plan);
    } else {
      observed = {
        observation: { type: 'error', message: 'the stored plan is not valid; edit the monitor' },
        errorKind: 'internal',
        value: null,
        valueNumber: null,
        detail: 'the stored plan is not valid; edit the monitor',
        facts: [],
        provider: null,
        model: null,
        inputTokens: 0,
        outputTokens: 0,
        costMicroUsd: 0,
        cached: false,
      };
    }
    const now = deps.now();
    const effectivePlan = plan ?? {
      sources: [],
      condition: { type: 'fuzzy' as const, question: 'invalid plan' },
      timing: { debounce: 1, cooldownMinutes: 0, hysteresis: 0, flapping: null, errorThreshold: 3 },
    };
    const next = step(effectivePlan, state, observed, now);
    const { decision } = next;
    const reason = reasonFor(observed, decision);
    const outcome = outcomeOf(observed, decision);
    const notifyKind: NotifyKind | null =
      decision.notify === 'trigger'
        ? 'monitor_triggered'
        : decision.notify === 'flapping'
          ? 'monitor_flapping'
          : decision.notify === 'errors'
            ? 'monitor_errors'
            : decision.recovered
              ? 'monitor_recovered'
              : null;
    const latencyMs = Math.max(0, Math.round(performance.now() - t0));

    clearInterval(renewal);
    try {
      const row = await deps.db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(monitors)
          .where(and(eq(monitors.id, monitorId), eq(monitors.leaseToken, token)))
          .for('update');
        if (!current) {
          const [still] = await tx
            .select({ id: monitors.id })
            .from(monitors)
            .where(eq(monitors.id, monitorId));
          // Deleted while it ran; or the lease ran out and another run took the monitor: this
          // run's result is dropped either way.
          throw new Rollback(
            still
              ? { status: 'busy' }
              : { status: 'skipped', reason: 'the monitor was deleted during the run' },
          );
        }

        const [evaluation] = await tx
          .insert(evaluations)
          .values({
            monitorId,
            userId: monitor.userId,
            slot: options.slot,
            trigger: options.trigger,
            scheduledFor: options.scheduledFor ?? null,
            startedAt,
            finishedAt: now,
            outcome,
            triggered: decision.triggered,
            notified: notifyKind
              ? notifyKind.replace('monitor_', '').replace('triggered', 'trigger')
              : null,
            reason,
            errorKind: observed.errorKind,
            value: observed.value ?? null,
            valueNumber: observed.valueNumber,
            facts: observed.facts,
            provider: observed.provider,
            model: observed.model,
            inputTokens: observed.inputTokens,
            outputTokens: observed.outputTokens,
            costMicroUsd: observed.costMicroUsd,
            cached: observed.cached,
            latencyMs,
          })
          .onConflictDoNothing({ target: [evaluations.monitorId, evaluations.slot] })
          .returning();
        if (!evaluation) throw new Rollback({ status: 'duplicate' });

        const threshold = effectivePlan.timing.errorThreshold;
        let status = current.status;
        let statusReason = current.statusReason;
        if (observed.observation.type === 'error') {
          if (next.state.consecutiveErrors >= threshold && status !== 'paused') {
            status = 'error';
            statusReason = `${next.state.consecutiveErrors} evaluations in a row failed; last error: ${observed.detail}`;
          }
        } else {
          if (status === 'error') status = 'active';
          statusReason = next.state.flapping
            ? 'The condition is flapping: notifications are paused until it settles'
            : null;
        }

        // The next scheduled run, written with the rest of the monitor in one statement.
        const nextRunAt =
          options.trigger === 'scheduled' && status !== 'paused'
            ? nextMonitorRunAt(
                current.id,
                current.intervalMinutes,
                options.scheduledFor && options.scheduledFor > now ? options.scheduledFor : now,
              )
            : null;
        await tx
          .update(monitors)
          .set({
            ...(nextRunAt ? { nextRunAt } : {}),
            state: next.state,
            lastValue:
              observed.observation.type === 'error' ? current.lastValue : (observed.value ?? null),
            lastOutcome: outcome,
            lastEvaluatedAt: now,
            ...(decision.triggered ? { lastTriggeredAt: now } : {}),
            status,
            statusReason,
            leaseUntil: null,
            leaseToken: null,
            updatedAt: now,
          })
          .where(eq(monitors.id, monitorId));

        let eventId: string | null = null;
        if (notifyKind) {
          eventId = await emit(deps, tx, {
            type: EVENT_FOR[notifyKind],
            userId: monitor.userId,
            occurredAt: now,
            data: {
              monitorId,
              monitorName: current.name,
              evaluationId: evaluation.id,
              condition: conditionText(effectivePlan.condition),
              value: valueInWords(observed) || null,
              reason,
              newItems: decision.newItems.slice(0, 20).map((item) => ({
                title: item.title ?? item.id ?? null,
                link: item.link ?? null,
              })),
              emailWanted: current.notifyEmail,
            },
          });
        }

        // This run's own job is the monitor's only one (stately): nothing waits to be replaced.
        if (nextRunAt) await enqueueMonitorRun(deps, tx, monitorId, nextRunAt);
        return { evaluation, eventId };
      });
      released = true;
      return {
        status: 'evaluated',
        evaluation: toEvaluation(row.evaluation),
        eventId: row.eventId,
      };
    } catch (error) {
      if (error instanceof Rollback) return error.result;
      throw error;
    }
  } finally {
    clearInterval(renewal);
    if (!released) await releaseLease(deps.db, monitorId, token);
  }
}
