import { z } from 'zod';

/** Inputs and outputs of the AI usage views (spend per day, purpose, provider; budget left). */

export const aiUsageInput = z.object({
  days: z
    .number({ error: 'Days must be a number' })
    .int('Days must be a whole number')
    .min(1, 'At least 1 day')
    .max(366, 'At most 366 days')
    .default(30),
});
export type AiUsageInput = z.input<typeof aiUsageInput>;

const spend = {
  calls: z.int(),
  failures: z.int(),
  costUsd: z.number(),
  inputTokens: z.int(),
  outputTokens: z.int(),
};

export const aiUsageSummarySchema = z.object({
  /** Days are the person's own calendar days, in this timezone. */
  timezone: z.string(),
  days: z.int(),
  /** Budgets run per calendar month in UTC. */
  month: z.string(),
  budget: z.object({
    monthlyUsd: z.number(),
    spentUsd: z.number(),
    leftUsd: z.number(),
    resetsAt: z.date(),
    /** `user` when the person set a lower budget of their own. */
    source: z.enum(['default', 'user']),
    /** The service-wide monthly budget is spent: AI features are paused for everyone. */
    serviceExhausted: z.boolean(),
  }),
  totals: z.object(spend),
  perDay: z.array(z.object({ day: z.string(), ...spend })),
  perPurpose: z.array(z.object({ purpose: z.string(), ...spend })),
  perProvider: z.array(z.object({ provider: z.string(), model: z.string(), ...spend })),
  /** The configured providers and whether each is in rotation (no keys, no addresses). */
  providers: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      model: z.string(),
      state: z.enum(['ready', 'cooling_down']),
      coolingUntil: z.date().nullable(),
    }),
  ),
  /** False when only the offline provider answers (no key configured). */
  aiConfigured: z.boolean(),
});
export type AiUsageSummary = z.infer<typeof aiUsageSummarySchema>;

export const aiCallsInput = z.object({
  limit: z
    .number({ error: 'Limit must be a number' })
    .int()
    .min(1, 'At least 1')
    .max(200, 'At most 200')
    .default(50),
});

export const aiCallSchema = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  attempt: z.int(),
  purpose: z.string(),
  provider: z.string(),
  model: z.string(),
  outcome: z.string(),
  httpStatus: z.int().nullable(),
  inputTokens: z.int(),
  outputTokens: z.int(),
  costUsd: z.number(),
  latencyMs: z.int(),
  error: z.string().nullable(),
  createdAt: z.date(),
});
export type AiCall = z.infer<typeof aiCallSchema>;

export const setAiBudgetInput = z.object({
  /** Your own monthly cap in US dollars; null goes back to the service's default. */
  monthlyUsd: z
    .number({ error: 'Enter an amount in dollars' })
    .min(0, 'A budget cannot be negative')
    .max(1_000_000, 'That is more than any budget here allows')
    .nullable(),
});
export type SetAiBudgetInput = z.infer<typeof setAiBudgetInput>;
