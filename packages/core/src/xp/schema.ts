import { z } from 'zod';
import { REASON_MAX, xpMultiplierSchema, xpSourceSchema } from './award';

export const XP_LEDGER_LIMIT_MAX = 100;

/** "Why did I get this XP?": the person's ledger, newest first, optionally one source. */
export const xpLedgerInput = z.object({
  source: xpSourceSchema.optional(),
  cursor: z.string().max(200, 'That cursor is not valid').optional(),
  limit: z
    .number({ error: 'Limit must be a number' })
    .int('Limit must be a whole number')
    .min(1, 'Limit is at least 1')
    .max(XP_LEDGER_LIMIT_MAX, `Limit is at most ${XP_LEDGER_LIMIT_MAX}`)
    .default(30),
});
export type XpLedgerInput = z.input<typeof xpLedgerInput>;
export type XpLedgerQuery = z.output<typeof xpLedgerInput>;

/** One ledger row as the API returns it. */
export const xpLedgerEntrySchema = z.object({
  id: z.string(),
  source: xpSourceSchema,
  sourceId: z.string(),
  base: z.int(),
  multiplier: xpMultiplierSchema,
  amount: z.int(),
  reason: z.string().max(REASON_MAX),
  createdAt: z.date(),
});
export type XpLedgerEntry = z.infer<typeof xpLedgerEntrySchema>;

export const xpLedgerPageSchema = z.object({
  items: z.array(xpLedgerEntrySchema),
  nextCursor: z.string().nullable(),
});
