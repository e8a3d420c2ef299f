import { z } from 'zod';
import { DomainError } from '../errors';

/**
 * Monitor conditions a person writes in plain words ("below 50000", "drops below $50k",
 * "above 5%", "contains 'security'", "new item"), parsed into a typed condition that core can
 * evaluate without a model. Anything the parser does not recognise returns null: the caller sends
 * it to the AI router instead.
 */

export const THRESHOLD_OPS = ['below', 'above', 'at_most', 'at_least'] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];

export const thresholdConditionSchema = z.object({
  type: z.literal('threshold'),
  op: z.enum(THRESHOLD_OPS),
  value: z.number(),
  unit: z.enum(['number', 'percent', 'currency']),
  /** The currency sign as written ("$", "€", "£"), shown back to the user. */
  currency: z.string().max(3).nullable(),
});

export const textConditionSchema = z.object({
  type: z.enum(['contains', 'not_contains']),
  text: z.string().min(1).max(500),
});

export const changeRuleSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('delta'),
      /** Fire when the value moved at least this much either way (same unit as the value). */
      absolute: z.number().positive().nullable(),
      /** Fire when the value moved at least this many percent of the baseline either way. */
      percent: z.number().positive().nullable(),
    })
    .refine((r) => r.absolute !== null || r.percent !== null, {
      message: 'a delta needs an absolute amount or a percentage',
    }),
  z.object({ type: z.literal('new_items') }),
  z.object({ type: z.literal('any') }),
]);
export type ChangeRule = z.infer<typeof changeRuleSchema>;

export const changeConditionSchema = z.object({
  type: z.literal('change'),
  rule: changeRuleSchema,
});

export const conditionSchema = z.discriminatedUnion('type', [
  thresholdConditionSchema,
  textConditionSchema,
  changeConditionSchema,
]);
export type Condition = z.infer<typeof conditionSchema>;
export type ThresholdCondition = z.infer<typeof thresholdConditionSchema>;

/** State conditions are true or false now; change conditions compare with earlier facts. */
export const monitorKindFor = (c: Condition): 'state' | 'change' =>
  c.type === 'change' ? 'change' : 'state';

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, bn: 1e9 };
const NUMBER = String.raw`([$€£]?)\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*(k|m|bn|b)?\s*(%)?`;

/** "$50k" -> { value: 50000, currency: '$' }; "5%" -> percent; null when it is not a number. */
export function parseAmount(
  text: string,
): { value: number; unit: ThresholdCondition['unit']; currency: string | null } | null {
  const m = new RegExp(`^${NUMBER}$`, 'i').exec(text.trim());
  if (!m) return null;
  const [, sign = '', digits = '', suffix = '', percent = ''] = m;
  const base = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(base)) return null;
  const scale = suffix ? (SUFFIX[suffix.toLowerCase()] ?? 1) : 1;
  // Scaling by a power of ten in floating point leaves 1.1k as 1100.0000000000002.
  const value = Number((base * scale).toPrecision(15));
  if (percent && sign) return null;
  return {
    value,
    unit: percent ? 'percent' : sign ? 'currency' : 'number',
    currency: sign || null,
  };
}

const VERBS = String.raw`(?:(?:drops?|falls?|goes|gets|rises?|climbs?|jumps?|is|stays?|moves?|becomes?)\s+)?`;
const OPS: readonly [RegExp, ThresholdOp][] = [
  [/^(?:at\s+least|no\s+less\s+than|>=|≥)\s*/i, 'at_least'],
  [/^(?:at\s+most|no\s+more\s+than|<=|≤)\s*/i, 'at_most'],
  [/^(?:below|under|less\s+than|lower\s+than|beneath|<)\s*/i, 'below'],
  [/^(?:above|over|more\s+than|greater\s+than|higher\s+than|exceeds?|>)\s*/i, 'above'],
];

function parseThreshold(phrase: string): ThresholdCondition | null {
  const rest = phrase.replace(new RegExp(`^${VERBS}`, 'i'), '');
  for (const [re, op] of OPS) {
    const m = re.exec(rest);
    if (!m) continue;
    const amount = parseAmount(rest.slice(m[0].length));
    return amount ? { type: 'threshold', op, ...amount } : null;
  }
  return null;
}

function parseText(phrase: string): Condition | null {
  const m =
    /^(does\s*n[o']t\s+contain|doesn't\s+contain|not\s+contains?|contains?|mentions?|includes?)\s+(['"‘’“”])(.+)(['"‘’“”])$/i.exec(
      phrase,
    );
  if (!m) return null;
  const [, verb = '', , text = ''] = m;
  if (text.trim() === '') return null;
  return { type: /n[o']t/i.test(verb) ? 'not_contains' : 'contains', text };
}

function parseChange(phrase: string): Condition | null {
  if (/^(?:any\s+|a\s+)?new\s+(?:items?|posts?|entr(?:y|ies)|articles?|releases?)$/i.test(phrase)) {
    return { type: 'change', rule: { type: 'new_items' } };
  }
  if (/^(?:it\s+)?changes?$|^any\s+change$/i.test(phrase)) {
    return { type: 'change', rule: { type: 'any' } };
  }
  const m = /^(?:changes?|moves?)\s+by\s+(?:at\s+least\s+|more\s+than\s+)?(.+)$/i.exec(phrase);
  if (m) {
    const amount = parseAmount(m[1] ?? '');
    if (!amount || amount.value <= 0) return null;
    return {
      type: 'change',
      rule:
        amount.unit === 'percent'
          ? { type: 'delta', absolute: null, percent: amount.value }
          : { type: 'delta', absolute: amount.value, percent: null },
    };
  }
  return null;
}

/** The typed condition for a plain phrase, or null when only a model can read it. */
export function parseCondition(phrase: string): Condition | null {
  const p = phrase
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(?:when|if|alert\s+(?:me\s+)?when|notify\s+(?:me\s+)?when)\s+/i, '')
    .replace(/^(?:it|the\s+(?:price|value|rate|number|count|total))\s+/i, '')
    .replace(/[.!]+$/, '');
  if (p === '') return null;
  return parseThreshold(p) ?? parseText(p) ?? parseChange(p);
}

/** A threshold in words without its subject: "below $50,000", "at least 5%". */
export function describeThreshold(c: ThresholdCondition): string {
  const words: Record<ThresholdOp, string> = {
    below: 'below',
    above: 'above',
    at_most: 'at most',
    at_least: 'at least',
  };
  const amount =
    c.unit === 'percent'
      ? `${c.value}%`
      : `${c.currency ?? ''}${c.value.toLocaleString('en-US', { maximumFractionDigits: 10 })}`;
  return `${words[c.op]} ${amount}`;
}

/** The condition in words, for the plan shown to the user. */
export function describeCondition(c: Condition): string {
  switch (c.type) {
    case 'threshold':
      return `value is ${describeThreshold(c)}`;
    case 'contains':
      return `text contains "${c.text}"`;
    case 'not_contains':
      return `text does not contain "${c.text}"`;
    case 'change':
      if (c.rule.type === 'new_items') return 'a new item appears';
      if (c.rule.type === 'any') return 'the value changes';
      return c.rule.percent !== null
        ? `the value moves by ${c.rule.percent}% or more`
        : `the value moves by ${c.rule.absolute} or more`;
  }
}

/**
 * A number read from a fact: 49500, "49,500", "$49.5k", "5.3%". Null when the fact holds no
 * single number, so the evaluation can say the source did not give one.
 */
export function numericFact(fact: unknown): number | null {
  if (typeof fact === 'number') return Number.isFinite(fact) ? fact : null;
  if (typeof fact !== 'string') return null;
  const amount = parseAmount(fact.replace(/^[^\d$€£-]+/, '').replace(/\s*[A-Za-z]{3}$/, ''));
  return amount ? amount.value : null;
}

export type ConditionResult = {
  matched: boolean;
  /**
   * False while the value is inside the hysteresis band: no longer matching, but not far enough
   * back to re-arm a state monitor. Equal to !matched without hysteresis.
   */
  released: boolean;
  /** The number or text the condition was judged on, for the evaluation log. */
  observed: number | string;
};

/**
 * Evaluate a state condition against a fact. Deterministic. Throws a DomainError when the fact is
 * of the wrong shape (a text where a number was needed): an evaluation error, not a false.
 * Change conditions are judged by the temporal logic against earlier facts, not here.
 */
export function evaluateCondition(
  condition: Condition,
  fact: unknown,
  options: { hysteresis?: number } = {},
): ConditionResult {
  switch (condition.type) {
    case 'threshold': {
      const value = numericFact(fact);
      if (value === null) {
        throw new DomainError('BAD_REQUEST', `expected a number, got ${JSON.stringify(fact)}`);
      }
      const h = Math.max(0, options.hysteresis ?? 0);
      const t = condition.value;
      const [matched, released] =
        condition.op === 'below'
          ? [value < t, value >= t + h]
          : condition.op === 'above'
            ? [value > t, value <= t - h]
            : condition.op === 'at_most'
              ? [value <= t, value > t + h]
              : [value >= t, value < t - h];
      return { matched, released, observed: value };
    }
    case 'contains':
    case 'not_contains': {
      if (typeof fact !== 'string' && typeof fact !== 'number') {
        throw new DomainError('BAD_REQUEST', `expected text, got ${JSON.stringify(fact)}`);
      }
      const text = String(fact);
      const found = text
        .toLocaleLowerCase('en-US')
        .includes(condition.text.toLocaleLowerCase('en-US'));
      const matched = condition.type === 'contains' ? found : !found;
      return { matched, released: !matched, observed: text };
    }
    case 'change':
      throw new DomainError(
        'BAD_REQUEST',
        'a change condition compares with earlier facts; evaluate it with the monitor history',
      );
  }
}
