import { z } from 'zod';
import { DomainError } from '../errors';
import { changeRuleSchema } from './condition';

/**
 * When a monitor tells its owner. Each evaluation produces one observation; this file folds it
 * into the monitor's stored state and decides whether to notify. Pure: the clock is a parameter,
 * the state is plain JSON the caller stores between runs.
 *
 * - State monitors ("price below 50000") fire on the rising edge and re-arm only after the
 *   condition was false (past the hysteresis band, if any). A monitor is armed when created, so a
 *   condition already true at the first evaluation fires once.
 * - Change monitors fire when the facts moved against a baseline: the facts at the last
 *   notification (the first facts seen, before one). Comparing with the last notified value, not
 *   the last observed one, means slow drift still fires and a change held back by a cool-down or
 *   debounce is reported later rather than lost.
 * - Debounce: N consecutive matching evaluations before a trigger (errors do not count and do not
 *   break the streak: they say nothing about the condition).
 * - Cool-down: no trigger within cooldownMs of the previous one; the trigger waits, it is not lost.
 * - Flapping: maxFlips changes of the condition within windowMs pause triggers and notify once;
 *   they resume once the window holds no flips.
 * - Errors: errorThreshold consecutive errors notify once, until a good evaluation resets it.
 */

export const flappingConfigSchema = z.object({
  maxFlips: z.int().min(2).max(1000),
  windowMs: z.int().positive(),
});

const common = {
  debounce: z.int().min(1).max(100).default(1),
  cooldownMs: z.int().min(0).default(0),
  flapping: flappingConfigSchema.nullable().default(null),
  errorThreshold: z.int().min(1).max(100).default(3),
};

export const temporalConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('state'), ...common }),
  z.object({ kind: z.literal('change'), change: changeRuleSchema, ...common }),
]);
export type TemporalConfig = z.infer<typeof temporalConfigSchema>;
export type TemporalConfigInput = z.input<typeof temporalConfigSchema>;

export const monitorItemSchema = z
  .object({
    id: z.string().min(1).nullable().default(null),
    link: z.string().min(1).nullable().default(null),
    title: z.string().nullable().default(null),
  })
  .refine((i) => i.id !== null || i.link !== null || i.title !== null, {
    message: 'an item needs an id, a link or a title',
  });
export type MonitorItem = z.infer<typeof monitorItemSchema>;

/** Items are the same item when their id (else link, else title) is the same. */
export const itemKey = (i: MonitorItem): string =>
  i.id !== null ? `id:${i.id}` : i.link !== null ? `link:${i.link}` : `title:${i.title ?? ''}`;

export const observationSchema = z.discriminatedUnion('type', [
  /** A state monitor's condition result (see evaluateCondition). */
  z.object({
    type: z.literal('condition'),
    matched: z.boolean(),
    released: z.boolean().optional(),
  }),
  z.object({ type: z.literal('number'), value: z.number() }),
  z.object({ type: z.literal('text'), value: z.string() }),
  z.object({ type: z.literal('items'), items: z.array(monitorItemSchema) }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type Observation = z.infer<typeof observationSchema>;

/** How many item keys a change monitor remembers: bounded so the state row stays small. */
export const MAX_SEEN_ITEMS = 1000;

export const baselineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('number'), value: z.number() }),
  z.object({ type: z.literal('text'), value: z.string() }),
  z.object({ type: z.literal('items'), keys: z.array(z.string()).max(MAX_SEEN_ITEMS) }),
]);
export type Baseline = z.infer<typeof baselineSchema>;

export const monitorStateSchema = z.object({
  armed: z.boolean(),
  lastMatched: z.boolean().nullable(),
  consecutiveMatches: z.int().min(0),
  consecutiveErrors: z.int().min(0),
  errorNotified: z.boolean(),
  /** Epoch milliseconds. */
  lastTriggeredAt: z.int().nullable(),
  /** Epoch milliseconds of the flips still inside the flapping window. */
  flips: z.array(z.int()),
  flapping: z.boolean(),
  baseline: baselineSchema.nullable(),
});
export type MonitorState = z.infer<typeof monitorStateSchema>;

export const initialMonitorState = (): MonitorState => ({
  armed: true,
  lastMatched: null,
  consecutiveMatches: 0,
  consecutiveErrors: 0,
  errorNotified: false,
  lastTriggeredAt: null,
  flips: [],
  flapping: false,
  baseline: null,
});

export type Suppression = 'debounce' | 'cooldown' | 'flapping' | 'not_rearmed';

export type MonitorDecision = {
  /** The condition fired and the owner is told. */
  triggered: boolean;
  /** What to send, if anything: at most one notification per evaluation. */
  notify: 'trigger' | 'flapping' | 'errors' | null;
  /** Why, in words for the evaluation log and the notification. */
  reason: string;
  /** A match that did not trigger, and what held it back. */
  suppressedBy: Suppression | null;
  /** Whether the condition held this time (errors: null). */
  matched: boolean | null;
  /** The first good evaluation after the errors notification. */
  recovered: boolean;
  /** Notifications were paused for flapping and resume with this evaluation. */
  resumed: boolean;
  /** Change monitors: the items not seen before (new_items), for the notification. */
  newItems: MonitorItem[];
};

export type MonitorStep = { state: MonitorState; decision: MonitorDecision };

const minutes = (ms: number) => {
  const m = ms / 60_000;
  return m >= 1 ? `${Number(m.toFixed(1))} min` : `${Math.round(ms / 1000)} s`;
};

type ChangeResult = {
  matched: boolean;
  reason: string;
  baselineIfFired: Baseline;
  newItems: MonitorItem[];
};

function compareWithBaseline(
  rule: Extract<TemporalConfig, { kind: 'change' }>['change'],
  baseline: Baseline | null,
  obs: Exclude<Observation, { type: 'condition' } | { type: 'error' }>,
): ChangeResult {
  if (obs.type === 'items') {
    const seen = new Set(baseline?.type === 'items' ? baseline.keys : []);
    const fresh = obs.items.filter((i) => !seen.has(itemKey(i)));
    const keys = [...seen, ...fresh.map(itemKey)];
    const baselineIfFired: Baseline = { type: 'items', keys: keys.slice(-MAX_SEEN_ITEMS) };
    if (rule.type === 'delta') {
      throw new DomainError(
        'BAD_REQUEST',
        'a numeric change rule needs a number, not a list of items',
      );
    }
    if (baseline === null) {
      return {
        matched: false,
        reason: 'first items seen, kept as the baseline',
        baselineIfFired,
        newItems: [],
      };
    }
    if (rule.type === 'any') {
      const before = [...seen].sort().join('\n');
      const now = [...new Set(obs.items.map(itemKey))].sort().join('\n');
      const matched = before !== now;
      return {
        matched,
        reason: matched ? 'the items changed' : 'the items did not change',
        baselineIfFired: { type: 'items', keys: obs.items.map(itemKey).slice(-MAX_SEEN_ITEMS) },
        newItems: fresh,
      };
    }
    const matched = fresh.length > 0;
    return {
      matched,
      reason: matched ? `${fresh.length} new item${fresh.length === 1 ? '' : 's'}` : 'no new items',
      baselineIfFired,
      newItems: fresh,
    };
  }
  if (obs.type === 'text') {
    if (rule.type !== 'any') {
      throw new DomainError('BAD_REQUEST', `a ${rule.type} change rule cannot judge text`);
    }
    const baselineIfFired: Baseline = { type: 'text', value: obs.value };
    if (baseline === null) {
      return {
        matched: false,
        reason: 'first text seen, kept as the baseline',
        baselineIfFired,
        newItems: [],
      };
    }
    const matched = baseline.type !== 'text' || baseline.value !== obs.value;
    return {
      matched,
      reason: matched ? 'the text changed' : 'the text did not change',
      baselineIfFired,
      newItems: [],
    };
  }
  if (rule.type === 'new_items') {
    throw new DomainError('BAD_REQUEST', 'a new-items rule needs a list of items, not a number');
  }
  // -0 is stored as 0 (JSON storage would turn it into 0 anyway, and the state must round-trip).
  const baselineIfFired: Baseline = { type: 'number', value: obs.value === 0 ? 0 : obs.value };
  if (baseline === null || baseline.type !== 'number') {
    return {
      matched: false,
      reason: `first value ${obs.value}, kept as the baseline`,
      baselineIfFired,
      newItems: [],
    };
  }
  const from = baseline.value;
  const diff = obs.value - from;
  if (rule.type === 'any') {
    const matched = diff !== 0;
    return {
      matched,
      reason: matched ? `changed from ${from} to ${obs.value}` : `still ${from}`,
      baselineIfFired,
      newItems: [],
    };
  }
  const byAbsolute = rule.absolute !== null && Math.abs(diff) >= rule.absolute;
  const pct =
    from === 0
      ? diff === 0
        ? 0
        : Number.POSITIVE_INFINITY
      : (Math.abs(diff) / Math.abs(from)) * 100;
  const byPercent = rule.percent !== null && pct >= rule.percent;
  const matched = byAbsolute || byPercent;
  const shownPct = Number.isFinite(pct) ? ` (${Number(pct.toFixed(2))}%)` : '';
  return {
    matched,
    reason: `${matched ? 'moved' : 'moved only'} from ${from} to ${obs.value}${shownPct}`,
    baselineIfFired,
    newItems: [],
  };
}

/**
 * Fold one observation into the monitor's state and decide whether to notify. Deterministic: the
 * same config, state, observation and time always give the same result.
 */
export function nextMonitorState(
  config: TemporalConfig,
  state: MonitorState,
  observation: Observation,
  now: Date,
): MonitorStep {
  const t = now.getTime();
  const base: MonitorDecision = {
    triggered: false,
    notify: null,
    reason: '',
    suppressedBy: null,
    matched: null,
    recovered: false,
    resumed: false,
    newItems: [],
  };

  if (observation.type === 'error') {
    const consecutiveErrors = state.consecutiveErrors + 1;
    const tell = consecutiveErrors >= config.errorThreshold && !state.errorNotified;
    return {
      state: { ...state, consecutiveErrors, errorNotified: state.errorNotified || tell },
      decision: {
        ...base,
        notify: tell ? 'errors' : null,
        reason: tell
          ? `${consecutiveErrors} evaluations in a row failed; last error: ${observation.message}`
          : `evaluation failed (${consecutiveErrors} in a row): ${observation.message}`,
      },
    };
  }

  // What the condition says now, and (for change monitors) the baseline to keep if we fire.
  let matched: boolean;
  let released: boolean;
  let why: string;
  let change: ChangeResult | null = null;
  if (config.kind === 'state') {
    if (observation.type !== 'condition') {
      throw new DomainError(
        'BAD_REQUEST',
        `a state monitor needs a condition result, got ${observation.type}`,
      );
    }
    matched = observation.matched;
    released = observation.released ?? !observation.matched;
    why = matched ? 'the condition is true' : 'the condition is false';
  } else {
    if (observation.type === 'condition') {
      throw new DomainError(
        'BAD_REQUEST',
        'a change monitor needs the facts, not a condition result',
      );
    }
    change = compareWithBaseline(config.change, state.baseline, observation);
    matched = change.matched;
    released = !matched;
    why = change.reason;
  }

  const recovered = state.errorNotified;
  let next: MonitorState = {
    ...state,
    consecutiveErrors: 0,
    errorNotified: false,
    lastMatched: matched,
    consecutiveMatches: matched ? state.consecutiveMatches + 1 : 0,
    // The first baseline is taken as soon as there is one; later ones only when we fire.
    baseline: state.baseline === null && change ? change.baselineIfFired : state.baseline,
  };
  if (config.kind === 'state' && !matched && released) next.armed = true;

  // Flapping: count the condition's flips inside the window.
  let flappingStarted = false;
  let resumed = false;
  if (config.flapping) {
    const flipped = state.lastMatched !== null && state.lastMatched !== matched;
    const since = t - config.flapping.windowMs;
    const flips = [...state.flips.filter((f) => f > since && f <= t), ...(flipped ? [t] : [])];
    const flapping = state.flapping ? flips.length > 0 : flips.length >= config.flapping.maxFlips;
    flappingStarted = flapping && !state.flapping;
    resumed = state.flapping && !flapping;
    next = { ...next, flips, flapping };
  } else if (state.flapping || state.flips.length > 0) {
    resumed = state.flapping;
    next = { ...next, flips: [], flapping: false };
  }

  const decision: MonitorDecision = {
    ...base,
    matched,
    recovered,
    resumed,
    newItems: change?.newItems ?? [],
  };
  const flapNote = config.flapping
    ? `the condition flipped ${next.flips.length} times in ${minutes(config.flapping.windowMs)}; notifications are paused until it settles`
    : '';

  if (!matched) {
    return {
      state: next,
      decision: {
        ...decision,
        notify: flappingStarted ? 'flapping' : null,
        reason: flappingStarted
          ? flapNote
          : resumed
            ? `${why}; the condition settled, notifications resume`
            : why,
      },
    };
  }

  const hold = (suppressedBy: Suppression, detail: string): MonitorStep => ({
    state: next,
    decision: {
      ...decision,
      notify: flappingStarted ? 'flapping' : null,
      suppressedBy,
      reason: flappingStarted ? flapNote : `${why}; ${detail}`,
    },
  });

  if (config.kind === 'state' && !next.armed) {
    return hold('not_rearmed', 'already notified, waiting for it to turn false first');
  }
  if (next.consecutiveMatches < config.debounce) {
    return hold(
      'debounce',
      `${next.consecutiveMatches} of ${config.debounce} matching evaluations in a row`,
    );
  }
  if (next.flapping) return hold('flapping', 'notifications are paused while the condition flaps');
  if (state.lastTriggeredAt !== null && t - state.lastTriggeredAt < config.cooldownMs) {
    const left = config.cooldownMs - (t - state.lastTriggeredAt);
    return hold('cooldown', `cooling down for another ${minutes(left)}`);
  }

  next = {
    ...next,
    armed: config.kind === 'state' ? false : next.armed,
    lastTriggeredAt: t,
    baseline: change ? change.baselineIfFired : next.baseline,
  };
  return {
    state: next,
    decision: { ...decision, triggered: true, notify: 'trigger', reason: why },
  };
}
