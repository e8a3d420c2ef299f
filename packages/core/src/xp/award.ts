import { z } from 'zod';

/**
 * Where XP comes from. Append only: the database enum and the zod schema are built from this
 * tuple, and a ledger row keeps its source forever, so a value is never renamed or removed.
 */
export const XP_SOURCES = [
  'task',
  'micro_step',
  'focus_minutes',
  'challenge',
  'triage_decision',
  'agent_delegated_completion',
] as const;
export const xpSourceSchema = z.enum(XP_SOURCES, {
  error: `XP source must be one of ${XP_SOURCES.join(', ')}`,
});
export type XpSource = z.infer<typeof xpSourceSchema>;

/**
 * Multipliers are whole percentages (100 = ×1, 110 = ×1.10, 200 = ×2), so every amount is an exact
 * integer computed the same way in every process and in SQL if it ever must be. Nothing ever
 * multiplies XP by less than ×1: there are no penalties.
 */
export const XP_MULTIPLIER_NONE = 100;
export const XP_MULTIPLIER_MAX = 1_000;

/** The largest base one award may carry (a guard against a bad rule or a bad event, not a goal). */
export const XP_BASE_MAX = 10_000;

export const REASON_MAX = 200;

export const xpMultiplierSchema = z
  .int('A multiplier is a whole percentage')
  .min(XP_MULTIPLIER_NONE, 'A multiplier is at least 100 (×1)')
  .max(XP_MULTIPLIER_MAX, `A multiplier is at most ${XP_MULTIPLIER_MAX} (×10)`);

/** One ledger row as core computes it; the database adds the person, the id and the time. */
export const xpAwardSchema = z.object({
  source: xpSourceSchema,
  /** The thing that earned it (task id, focus session id, challenge id, ...): unique per source. */
  sourceId: z.string().min(1).max(200),
  base: z.int().min(0).max(XP_BASE_MAX),
  multiplier: xpMultiplierSchema,
  amount: z.int().min(0),
  reason: z.string().min(1).max(REASON_MAX),
});
export type XpAward = z.infer<typeof xpAwardSchema>;

function clampMultiplier(m: number): number {
  if (!Number.isFinite(m)) return XP_MULTIPLIER_NONE;
  return Math.min(XP_MULTIPLIER_MAX, Math.max(XP_MULTIPLIER_NONE, Math.round(m)));
}

/** `base × multiplier / 100`, rounded half up, as an integer. Never less than `base`. */
export function applyMultiplier(base: number, multiplier: number): number {
  const b = Math.max(0, Math.min(XP_BASE_MAX, Math.trunc(base)));
  return Math.floor((b * clampMultiplier(multiplier) + 50) / 100);
}

/**
 * Multipliers compose by multiplication (a ×1.10 boost during a ×2 weekend is ×2.20), rounded to a
 * whole percentage after each step and capped at ×10.
 */
export function composeMultipliers(...multipliers: readonly number[]): number {
  let m = XP_MULTIPLIER_NONE;
  for (const next of multipliers)
    m = clampMultiplier(Math.floor((m * clampMultiplier(next) + 50) / 100));
  return m;
}

/** "×2.20" for a person; "" for ×1. */
export function formatMultiplier(multiplier: number): string {
  const m = clampMultiplier(multiplier);
  if (m === XP_MULTIPLIER_NONE) return '';
  return `×${Math.floor(m / 100)}.${String(m % 100).padStart(2, '0')}`;
}

export function truncateText(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Builds the row: the amount always follows from base and multiplier, never set by hand. */
export function makeAward(input: {
  source: XpSource;
  sourceId: string;
  base: number;
  multiplier: number;
  reason: string;
}): XpAward {
  const base = Math.max(0, Math.min(XP_BASE_MAX, Math.trunc(input.base)));
  const multiplier = clampMultiplier(input.multiplier);
  return {
    source: input.source,
    sourceId: input.sourceId,
    base,
    multiplier,
    amount: applyMultiplier(base, multiplier),
    reason: truncateText(input.reason, REASON_MAX),
  };
}
