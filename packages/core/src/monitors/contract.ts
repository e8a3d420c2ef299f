import { z } from 'zod';
import {
  MONITOR_STATUSES,
  monitorIntervalSchema,
  monitorPlanSchema,
  PLAN_ORIGINS,
  planSourceSchema,
} from './plan';

/**
 * The monitors API's inputs and outputs (tRPC and REST share them): what the web app and agents
 * send and get back.
 */

export const monitorIdSchema = z.uuid({ error: 'Must be a monitor id (a UUID)' });
export const monitorNameSchema = z
  .string()
  .trim()
  .min(1, 'A name cannot be empty')
  .max(200, 'A name is at most 200 characters');
export const monitorPromptSchema = z
  .string()
  .trim()
  .min(3, 'Say what to watch in at least 3 characters')
  .max(2000, 'A prompt is at most 2000 characters');

export const compileMonitorInput = z.object({
  prompt: monitorPromptSchema,
  sources: z.array(planSourceSchema).min(1).max(3).optional(),
});
export type CompileMonitorInput = z.input<typeof compileMonitorInput>;

export const compiledPlanSchema = z.object({
  plan: monitorPlanSchema,
  origin: z.enum(['parser', 'ai']),
  description: z.string(),
  notes: z.array(z.string()),
});
export type CompiledPlan = z.infer<typeof compiledPlanSchema>;

export const createMonitorInput = z.object({
  name: monitorNameSchema.optional(),
  prompt: monitorPromptSchema,
  intervalMinutes: monitorIntervalSchema,
  plan: monitorPlanSchema.optional(),
  notifyEmail: z.boolean().optional(),
});
export type CreateMonitorInput = z.input<typeof createMonitorInput>;

export const updateMonitorInput = z.object({
  id: monitorIdSchema,
  name: monitorNameSchema.optional(),
  prompt: monitorPromptSchema.optional(),
  intervalMinutes: monitorIntervalSchema.optional(),
  plan: monitorPlanSchema.optional(),
  notifyEmail: z.boolean().optional(),
});
export type UpdateMonitorInput = z.input<typeof updateMonitorInput>;

export const monitorByIdInput = z.object({ id: monitorIdSchema });

export const dryRunInput = z
  .object({ id: monitorIdSchema.optional(), plan: monitorPlanSchema.optional() })
  .refine((v) => (v.id === undefined) !== (v.plan === undefined), {
    message: 'Give either a monitor id or a plan',
    path: ['id'],
  });
export type DryRunInput = z.input<typeof dryRunInput>;

export const evaluationsInput = z.object({
  id: monitorIdSchema,
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const historyInput = z.object({
  id: monitorIdSchema,
  days: z.number().int().min(1).max(90).default(7),
});

export const EVALUATION_OUTCOMES = ['true', 'false', 'error'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];
export const EVALUATION_ERROR_KINDS = ['source', 'parse', 'budget', 'ai', 'internal'] as const;
export type EvaluationErrorKind = (typeof EVALUATION_ERROR_KINDS)[number];

export const monitorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prompt: z.string(),
  plan: monitorPlanSchema,
  planOrigin: z.enum(PLAN_ORIGINS),
  conditionText: z.string(),
  intervalMinutes: z.number().int(),
  status: z.enum(MONITOR_STATUSES),
  statusReason: z.string().nullable(),
  notifyEmail: z.boolean(),
  lastValue: z.unknown(),
  lastOutcome: z.enum(EVALUATION_OUTCOMES).nullable(),
  lastEvaluatedAt: z.date().nullable(),
  lastTriggeredAt: z.date().nullable(),
  nextRunAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Monitor = z.infer<typeof monitorSchema>;

/** One source's contribution to an evaluation. */
export const evaluationFactSchema = z.object({
  url: z.string(),
  kind: z.string(),
  factId: z.string().nullable(),
  fetchedAt: z.date().nullable(),
  value: z.unknown(),
  error: z.string().nullable(),
});
export type EvaluationFact = z.infer<typeof evaluationFactSchema>;

export const evaluationSchema = z.object({
  id: z.uuid(),
  monitorId: z.uuid(),
  slot: z.string(),
  trigger: z.enum(['scheduled', 'manual']),
  scheduledFor: z.date().nullable(),
  startedAt: z.date(),
  finishedAt: z.date(),
  outcome: z.enum(EVALUATION_OUTCOMES),
  triggered: z.boolean(),
  notified: z.string().nullable(),
  reason: z.string(),
  errorKind: z.enum(EVALUATION_ERROR_KINDS).nullable(),
  value: z.unknown(),
  valueNumber: z.number().nullable(),
  facts: z.array(evaluationFactSchema),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costMicroUsd: z.number().int(),
  cached: z.boolean(),
  latencyMs: z.number().int(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const evaluationPageSchema = z.object({
  items: z.array(evaluationSchema),
  nextCursor: z.string().nullable(),
});

export const dryRunResultSchema = z.object({
  outcome: z.enum(EVALUATION_OUTCOMES),
  value: z.unknown(),
  valueNumber: z.number().nullable(),
  wouldTrigger: z.boolean(),
  reason: z.string(),
  facts: z.array(evaluationFactSchema),
  provider: z.string().nullable(),
  model: z.string().nullable(),
});
export type DryRunResult = z.infer<typeof dryRunResultSchema>;

export const historySchema = z.object({
  points: z.array(
    z.object({
      at: z.date(),
      value: z.number().nullable(),
      outcome: z.enum(EVALUATION_OUTCOMES),
      triggered: z.boolean(),
    }),
  ),
  /** Over the whole window (not only the points shown): checks, triggers and AI spend. */
  totals: z.object({
    checks: z.number().int(),
    triggered: z.number().int(),
    errors: z.number().int(),
    costMicroUsd: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
  }),
});
export type MonitorHistory = z.infer<typeof historySchema>;
