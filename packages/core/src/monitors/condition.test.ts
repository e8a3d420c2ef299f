import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  type Condition,
  conditionSchema,
  describeCondition,
  evaluateCondition,
  monitorKindFor,
  numericFact,
  parseAmount,
  parseCondition,
} from './condition';

describe('parseCondition', () => {
  it.each<[string, Condition]>([
    [
      'below 50000',
      { type: 'threshold', op: 'below', value: 50_000, unit: 'number', currency: null },
    ],
    [
      'Below 50,000',
      { type: 'threshold', op: 'below', value: 50_000, unit: 'number', currency: null },
    ],
    ['under 49.5', { type: 'threshold', op: 'below', value: 49.5, unit: 'number', currency: null }],
    ['above 5%', { type: 'threshold', op: 'above', value: 5, unit: 'percent', currency: null }],
    [
      'drops below $50k',
      { type: 'threshold', op: 'below', value: 50_000, unit: 'currency', currency: '$' },
    ],
    [
      'falls under €1.2m',
      { type: 'threshold', op: 'below', value: 1_200_000, unit: 'currency', currency: '€' },
    ],
    [
      'rises above 1.1k',
      { type: 'threshold', op: 'above', value: 1_100, unit: 'number', currency: null },
    ],
    [
      'goes over 100',
      { type: 'threshold', op: 'above', value: 100, unit: 'number', currency: null },
    ],
    ['more than -3', { type: 'threshold', op: 'above', value: -3, unit: 'number', currency: null }],
    [
      'at least 10',
      { type: 'threshold', op: 'at_least', value: 10, unit: 'number', currency: null },
    ],
    ['>= 10', { type: 'threshold', op: 'at_least', value: 10, unit: 'number', currency: null }],
    ['< 0.5%', { type: 'threshold', op: 'below', value: 0.5, unit: 'percent', currency: null }],
    [
      'at most £20',
      { type: 'threshold', op: 'at_most', value: 20, unit: 'currency', currency: '£' },
    ],
    [
      'when it drops below 50000.',
      { type: 'threshold', op: 'below', value: 50_000, unit: 'number', currency: null },
    ],
    ["contains 'security'", { type: 'contains', text: 'security' }],
    ['contains "security advisory"', { type: 'contains', text: 'security advisory' }],
    ['mentions ‘CVE’', { type: 'contains', text: 'CVE' }],
    ["doesn't contain 'in stock'", { type: 'not_contains', text: 'in stock' }],
    ["does not contain 'sold out'", { type: 'not_contains', text: 'sold out' }],
    ['new item', { type: 'change', rule: { type: 'new_items' } }],
    ['any new items', { type: 'change', rule: { type: 'new_items' } }],
    ['new post', { type: 'change', rule: { type: 'new_items' } }],
    ['changes', { type: 'change', rule: { type: 'any' } }],
    ['changes by 5%', { type: 'change', rule: { type: 'delta', absolute: null, percent: 5 } }],
    [
      'moves by more than 200',
      { type: 'change', rule: { type: 'delta', absolute: 200, percent: null } },
    ],
  ])('%s', (phrase, expected) => {
    const parsed = parseCondition(phrase);
    expect(parsed).toEqual(expected);
    expect(conditionSchema.parse(parsed)).toEqual(expected);
  });

  it.each([
    'tell me when the weather looks nice',
    'below',
    'below fifty thousand',
    'above 5%%',
    'contains security',
    "contains ''",
    'changes by 0',
    '',
    'above $5%',
  ])('leaves %j to the model', (phrase) => {
    expect(parseCondition(phrase)).toBeNull();
  });

  it('property: never throws, and whatever it returns is a valid condition', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (phrase) => {
        const parsed = parseCondition(phrase);
        return parsed === null || conditionSchema.safeParse(parsed).success;
      }),
      { numRuns: 2000 },
    );
  });

  it('property: "below N" and "above N" read back the number for any written integer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.constantFrom('below', 'above'),
        (n, op) => {
          const parsed = parseCondition(`${op} ${n}`);
          return parsed?.type === 'threshold' && parsed.op === op && parsed.value === n;
        },
      ),
    );
  });

  it('says which kind of monitor a condition needs and describes it', () => {
    expect(monitorKindFor(parseCondition('below 50000') as Condition)).toBe('state');
    expect(monitorKindFor(parseCondition('new item') as Condition)).toBe('change');
    expect(describeCondition(parseCondition('drops below $50k') as Condition)).toBe(
      'value is below $50,000',
    );
    expect(describeCondition(parseCondition('above 5%') as Condition)).toBe('value is above 5%');
    expect(describeCondition(parseCondition("contains 'security'") as Condition)).toBe(
      'text contains "security"',
    );
  });
});

describe('numbers in facts', () => {
  it.each<[unknown, number | null]>([
    [49_500, 49_500],
    ['49,500', 49_500],
    ['$49.5k', 49_500],
    ['5.3%', 5.3],
    ['Price: $1,234.50', 1_234.5],
    ['1234 USD', 1_234],
    ['n/a', null],
    [Number.NaN, null],
    [null, null],
    [{ v: 1 }, null],
  ])('%j -> %j', (fact, expected) => {
    expect(numericFact(fact)).toBe(expected);
  });

  it('parseAmount keeps scaled values exact', () => {
    expect(parseAmount('1.1k')?.value).toBe(1_100);
    expect(parseAmount('2bn')?.value).toBe(2e9);
  });
});

describe('evaluateCondition', () => {
  const below = parseCondition('below 50000') as Condition;
  const above = parseCondition('above 5%') as Condition;

  it('judges thresholds strictly, and at least/at most inclusively', () => {
    expect(evaluateCondition(below, 49_999).matched).toBe(true);
    expect(evaluateCondition(below, 50_000).matched).toBe(false);
    expect(evaluateCondition(below, '$49,000').matched).toBe(true);
    expect(evaluateCondition(above, '5.1%').matched).toBe(true);
    expect(evaluateCondition(above, 5).matched).toBe(false);
    expect(evaluateCondition(parseCondition('at least 5') as Condition, 5).matched).toBe(true);
    expect(evaluateCondition(parseCondition('at most 5') as Condition, 5.01).matched).toBe(false);
  });

  it('releases only past the hysteresis band', () => {
    expect(evaluateCondition(below, 50_200, { hysteresis: 500 })).toEqual({
      matched: false,
      released: false,
      observed: 50_200,
    });
    expect(evaluateCondition(below, 50_500, { hysteresis: 500 }).released).toBe(true);
    expect(evaluateCondition(above, 4.5, { hysteresis: 1 }).released).toBe(false);
    expect(evaluateCondition(above, 4, { hysteresis: 1 }).released).toBe(true);
  });

  it('matches text case-insensitively', () => {
    const c = parseCondition("contains 'Security'") as Condition;
    expect(evaluateCondition(c, 'New SECURITY advisory').matched).toBe(true);
    expect(evaluateCondition(c, 'release notes').matched).toBe(false);
    const n = parseCondition("doesn't contain 'sold out'") as Condition;
    expect(evaluateCondition(n, 'Sold Out').matched).toBe(false);
  });

  it('refuses facts of the wrong shape with a domain error, not a silent false', () => {
    expect(() => evaluateCondition(below, 'n/a')).toThrow(DomainError);
    expect(() => evaluateCondition(below, 'n/a')).toThrow('expected a number, got "n/a"');
    expect(() => evaluateCondition(parseCondition('new item') as Condition, [])).toThrow(
      DomainError,
    );
  });

  it('property: deterministic, and matched and released never both hold', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('below', 'above', 'at_most', 'at_least' as const),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        (op, t, v, h) => {
          const c: Condition = { type: 'threshold', op, value: t, unit: 'number', currency: null };
          const a = evaluateCondition(c, v, { hysteresis: h });
          const b = evaluateCondition(c, v, { hysteresis: h });
          expect(a).toEqual(b);
          expect(a.matched && a.released).toBe(false);
          // Without hysteresis, released is exactly "not matched".
          expect(evaluateCondition(c, v).released).toBe(!evaluateCondition(c, v).matched);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
