import { z } from 'zod';
import { conditionSchema } from './condition';
import { flappingConfigSchema } from './temporal';

/**
 * A monitor's compiled plan: where to look (sources and how to extract a value from each), what
 * to look for (the condition) and how patient to be (debounce, cool-down, hysteresis, flapping).
 * The prompt compiles into a plan on create and edit; the user sees it and may edit it; the
 * evaluator runs only the plan, never the prompt.
 */

export const MONITOR_INTERVALS = [5, 15, 60, 360] as const;
export type MonitorIntervalMinutes = (typeof MONITOR_INTERVALS)[number];
export const monitorIntervalSchema = z
  .number()
  .int()
  .refine(
    (n): n is MonitorIntervalMinutes => (MONITOR_INTERVALS as readonly number[]).includes(n),
    {
      message: 'Interval must be 5, 15, 60 or 360 minutes',
    },
  );

export const MONITOR_STATUSES = ['active', 'paused', 'error'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

export const SOURCE_KINDS = ['json', 'html', 'feed'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const url = z
  .string()
  .trim()
  .min(1, 'A source needs a URL')
  .max(2048, 'URL is too long (at most 2048 characters)')
  .refine((u) => /^https?:\/\//i.test(u), { message: 'Only http and https URLs can be watched' });

export const planSourceSchema = z.discriminatedUnion('kind', [
  /** HTTP JSON: the value at a JSONPath ("$.bitcoin.usd"). */
  z.object({
    kind: z.literal('json'),
    url,
    jsonPath: z.string().trim().min(1, 'A JSON source needs a JSONPath').max(500),
  }),
  /** A web page: the text of the elements a CSS selector picks. */
  z.object({
    kind: z.literal('html'),
    url,
    selector: z.string().trim().min(1, 'A web page source needs a CSS selector').max(500),
  }),
  /** RSS or Atom: the feed's items (id, link, title). */
  z.object({ kind: z.literal('feed'), url }),
]);
export type PlanSource = z.infer<typeof planSourceSchema>;

/** A condition only a model can judge ("the article is about a data breach"). */
export const fuzzyConditionSchema = z.object({
  type: z.literal('fuzzy'),
  question: z.string().trim().min(3).max(1000),
});
export type FuzzyCondition = z.infer<typeof fuzzyConditionSchema>;

export const planConditionSchema = z.union([conditionSchema, fuzzyConditionSchema]);
export type PlanCondition = z.infer<typeof planConditionSchema>;

export const planTimingSchema = z.object({
  /** Consecutive matching evaluations before a trigger. */
  debounce: z.int().min(1).max(100).default(1),
  /** No second trigger within this many minutes of the previous one. */
  cooldownMinutes: z
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(0),
  /** Threshold monitors: how far back past the threshold the value must go to re-arm. */
  hysteresis: z.number().min(0).default(0),
  flapping: flappingConfigSchema.nullable().default(null),
  /** Consecutive failed evaluations before the owner is told (once). */
  errorThreshold: z.int().min(1).max(100).default(3),
});
export type PlanTiming = z.infer<typeof planTimingSchema>;

export const monitorPlanSchema = z.object({
  /** The first source is the one a computable condition is judged on; fuzzy ones see them all. */
  sources: z.array(planSourceSchema).min(1, 'A plan needs a source').max(3),
  condition: planConditionSchema,
  timing: planTimingSchema.default({
    debounce: 1,
    cooldownMinutes: 0,
    hysteresis: 0,
    flapping: null,
    errorThreshold: 3,
  }),
});
export type MonitorPlan = z.infer<typeof monitorPlanSchema>;
export type MonitorPlanInput = z.input<typeof monitorPlanSchema>;

/** How a plan came to be: the rule parser, a model, or the user's own edit. */
export const PLAN_ORIGINS = ['parser', 'ai', 'user'] as const;
export type PlanOrigin = (typeof PLAN_ORIGINS)[number];

export const isFuzzy = (c: PlanCondition): c is FuzzyCondition => c.type === 'fuzzy';

/**
 * When a monitor next runs. Every monitor keeps a fixed phase inside its interval, derived from
 * its id, so a thousand monitors on one interval spread evenly over it instead of firing in the
 * same second, and a monitor's runs stay evenly spaced across restarts.
 */
export function monitorPhaseMs(monitorId: string, intervalMinutes: number): number {
  // FNV-1a over the id: cheap, stable, well spread for uuids.
  let hash = 0x811c9dc5;
  for (let i = 0; i < monitorId.length; i++) {
    hash ^= monitorId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % (intervalMinutes * 60_000);
}

/** The first run time strictly after `after` that falls on the monitor's phase. */
export function nextMonitorRunAt(monitorId: string, intervalMinutes: number, after: Date): Date {
  const period = intervalMinutes * 60_000;
  const phase = monitorPhaseMs(monitorId, intervalMinutes);
  const t = after.getTime();
  const k = Math.floor((t - phase) / period) + 1;
  return new Date(k * period + phase);
}
