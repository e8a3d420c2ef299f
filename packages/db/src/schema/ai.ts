import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The AI cost ledger: one row per attempt at a provider call, successful or not, so spend per
 * user, purpose, provider and day is a query, and budgets are checked against what was really
 * spent. Prompts and answers are not stored; error text is short and has keys redacted.
 */
export const aiUsage = pgTable(
  'ai_usage',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * Null for calls made for no one in particular. Deleted with the account: the monthly totals
     * below keep its spend, anonymously, so the global budget stays true.
     */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Groups the attempts of one logical call (retries and fallbacks). */
    requestId: uuid('request_id').notNull(),
    attempt: integer('attempt').notNull(),
    /** What the call was for: splitting, monitor, creature, ... */
    purpose: text('purpose').notNull(),
    /** The configured provider name ("anthropic", "local", ...). */
    provider: text('provider').notNull(),
    /** anthropic | openai | openai-compatible | offline */
    providerKind: text('provider_kind').notNull(),
    model: text('model').notNull(),
    /** success | rate_limited | server_error | timeout | network_error | invalid_output | client_error */
    outcome: text('outcome').notNull(),
    httpStatus: integer('http_status'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    /** Millionths of a US dollar: exact sums, no float drift. */
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('ai_usage_user_created_idx').on(t.userId, t.createdAt),
    index('ai_usage_created_idx').on(t.createdAt),
    index('ai_usage_request_idx').on(t.requestId),
  ],
);

/**
 * Spend per calendar month (UTC) and person, kept up to date with every ledger row, so a budget
 * check reads a handful of rows instead of summing a month of the ledger. `user_id` null holds
 * calls made for no one in particular and, folded in when an account is deleted, its spend: so
 * the month's global total stays true with nothing of the person left.
 */
export const aiUsageMonthly = pgTable(
  'ai_usage_monthly',
  {
    /** The first day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    userId: uuid('user_id'),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    calls: integer('calls').notNull().default(0),
  },
  (t) => [unique('ai_usage_monthly_key').on(t.month, t.userId).nullsNotDistinct()],
);

/** A person's own monthly AI budget, when they set one lower than the service's default. */
export const aiUserBudgets = pgTable('ai_user_budgets', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  monthlyLimitMicroUsd: bigint('monthly_limit_micro_usd', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AiUsageRow = typeof aiUsage.$inferSelect;
