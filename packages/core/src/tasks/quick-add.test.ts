import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedParts } from '../time/zoned';
import { parseQuickAdd } from './quick-add';
import { tagSchema } from './schema';

// Monday 7 December 2026, 10:00 in Berlin.
const now = new Date('2026-12-07T09:00:00Z');
const berlin = { timeZone: 'Europe/Berlin', now };

/** The due date as the person reads it on their own clock: "2026-12-08 17:00". */
function local(at: Date | undefined, timeZone: string): string | undefined {
  if (!at) return undefined;
  const p = zonedParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

describe('parseQuickAdd', () => {
  it.each([
    ['Buy cat food !high', { title: 'Buy cat food', priority: 'high' }],
    ['tomorrow #personal', { title: '', tags: ['personal'], due: '2026-12-08 23:59' }],
    ['Call mom tomorrow 5pm', { title: 'Call mom', due: '2026-12-08 17:00' }],
    ['Pay rent next fri p1', { title: 'Pay rent', priority: 'urgent', due: '2026-12-18 23:59' }],
    [
      'Report by friday ~90m #work',
      { title: 'Report', tags: ['work'], est: 90, due: '2026-12-11 23:59' },
    ],
    ['Dentist on dec 24 at 9:30', { title: 'Dentist', due: '2026-12-24 09:30' }],
    ['Stretch ~15m !low', { title: 'Stretch', priority: 'low', est: 15 }],
    ['Deep work ~1.5h', { title: 'Deep work', est: 90 }],
    ['Deep work ~1h30m', { title: 'Deep work', est: 90 }],
    ['Tidy desk ~20', { title: 'Tidy desk', est: 20 }],
    ['Email Sam #Work #work #admin.', { title: 'Email Sam', tags: ['work', 'admin'] }],
    ['Water plants p3', { title: 'Water plants', priority: 'medium' }],
    ['Book flights P2', { title: 'Book flights', priority: 'high' }],
    ['Call Jo in 2 hours', { title: 'Call Jo', due: '2026-12-07 12:00' }],
    ['Bins tonight', { title: 'Bins', due: '2026-12-07 23:59' }],
  ] as const)('reads %j', (text, want) => {
    const got = parseQuickAdd(text, berlin);
    const w = want as {
      title: string;
      tags?: readonly string[];
      priority?: string;
      est?: number;
      due?: string;
    };
    expect(got.title).toBe(w.title);
    expect(got.tags).toEqual(w.tags ?? []);
    expect(got.priority).toBe(w.priority);
    expect(got.estimateMinutes).toBe(w.est);
    expect(local(got.due?.at, 'Europe/Berlin')).toBe(w.due);
  });

  it('leaves what only looks like a token in the title', () => {
    for (const text of [
      'Fix issue#12',
      'Say hi!',
      'Read chapter 5',
      'Ask about p5 form',
      'Costs ~ a lot',
      'Tag # alone',
    ]) {
      const got = parseQuickAdd(text, berlin);
      expect(got.title).toBe(text);
      expect(got.tags).toEqual([]);
      expect(got.priority).toBeUndefined();
      expect(got.estimateMinutes).toBeUndefined();
      expect(got.due).toBeUndefined();
    }
  });

  it('keeps date words in the title when asked to', () => {
    const got = parseQuickAdd('Watch Friday Night Lights #tv', { ...berlin, ignoreDates: true });
    expect(got).toEqual({ title: 'Watch Friday Night Lights', tags: ['tv'] });
  });

  it('keeps a lead word that is the whole title ("Due tomorrow")', () => {
    const got = parseQuickAdd('Due tomorrow', berlin);
    expect(got.title).toBe('Due');
  });

  it("reads days and times on the person's own clock", () => {
    // 23:30 UTC on Monday is already Tuesday in Berlin and Tokyo, still Monday in New York.
    const late = new Date('2026-12-07T23:30:00Z');
    const cases = [
      ['Europe/Berlin', '2026-12-09 09:00'],
      ['Asia/Tokyo', '2026-12-09 09:00'],
      ['America/New_York', '2026-12-08 09:00'],
      ['Asia/Kolkata', '2026-12-09 09:00'],
      ['Pacific/Chatham', '2026-12-09 09:00'],
      ['UTC', '2026-12-08 09:00'],
    ] as const;
    for (const [timeZone, want] of cases) {
      const got = parseQuickAdd('Standup tomorrow 9am', { timeZone, now: late });
      expect(local(got.due?.at, timeZone), timeZone).toBe(want);
    }
  });

  it('keeps 9am at 9am across a daylight-saving change', () => {
    // Saturday 27 March 2027 in Berlin; Sunday the clocks go forward.
    const got = parseQuickAdd('Run tomorrow 9am', {
      timeZone: 'Europe/Berlin',
      now: new Date('2027-03-27T12:00:00Z'),
    });
    expect(got.due?.at.toISOString()).toBe('2027-03-28T07:00:00.000Z');
    const ny = parseQuickAdd('Run tomorrow 9am', {
      timeZone: 'America/New_York',
      now: new Date('2026-10-31T16:00:00Z'),
    });
    expect(ny.due?.at.toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('never puts a due date in the past for a weekday or time of day', () => {
    const got = parseQuickAdd('Gym at 8am', berlin); // 10:00 now: the next 8am is tomorrow
    expect(local(got.due?.at, 'Europe/Berlin')).toBe('2026-12-08 08:00');
    const monday = parseQuickAdd('Plan monday', berlin).due;
    expect(monday).toBeDefined();
    expect(monday?.at.getTime()).toBeGreaterThanOrEqual(now.getTime() - 86_400_000);
  });
});

// Words that no reader takes for a date, a tag, a priority or an estimate.
const WORDS = [
  'buy',
  'cat',
  'food',
  'call',
  'the',
  'garage',
  'email',
  'draft',
  'plan',
  'water',
  'plants',
  'fix',
  'bike',
  'Ada',
  'Zoë',
  'café',
  'tax',
  'forms',
  '3',
  'x2',
];
const titleArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 });
const tagArb = fc.stringMatching(/^[a-z0-9_][a-z0-9_-]{0,11}$/);
const priorityArb = fc.constantFrom(
  ['!high', 'high'],
  ['!low', 'low'],
  ['!urgent', 'urgent'],
  ['p1', 'urgent'],
  ['p4', 'low'],
  ['!med', 'medium'],
);
const estimateArb = fc.integer({ min: 1, max: 600 });

describe('parseQuickAdd, property', () => {
  it('finds every token wherever it stands and leaves the title exactly as typed', () => {
    fc.assert(
      fc.property(
        titleArb,
        fc.uniqueArray(tagArb, { maxLength: 4 }),
        fc.option(priorityArb, { nil: undefined }),
        fc.option(estimateArb, { nil: undefined }),
        fc.infiniteStream(fc.nat()),
        (words, tags, priority, estimate, positions) => {
          const parts = [...words];
          const tokens = [
            ...tags.map((t) => `#${t}`),
            ...(priority ? [priority[0]] : []),
            ...(estimate ? [`~${estimate}m`] : []),
          ];
          const at = positions[Symbol.iterator]();
          for (const token of tokens) {
            parts.splice((at.next().value as number) % (parts.length + 1), 0, token);
          }
          const got = parseQuickAdd(parts.join(' '), berlin);
          expect(got.title).toBe(words.join(' '));
          expect([...got.tags].sort()).toEqual([...tags].sort());
          expect(got.priority).toBe(priority?.[1]);
          expect(got.estimateMinutes).toBe(estimate);
          expect(got.due).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws, and what it gives is valid for a task', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kathmandu'),
        (text, timeZone) => {
          const got = parseQuickAdd(text, { timeZone, now });
          expect(got.title).toBe(got.title.trim());
          expect(got.title).not.toMatch(/\s{2}/);
          for (const tag of got.tags) expect(tagSchema.parse(tag)).toBe(tag);
          if (got.estimateMinutes !== undefined) expect(got.estimateMinutes).toBeGreaterThan(0);
          if (got.due) expect(Number.isNaN(got.due.at.getTime())).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
