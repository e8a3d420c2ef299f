import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endsWithDanglingPreposition,
  hasDoubledPreposition,
  hasDoubledWord,
  PARTICLES,
  tidyPhrasing,
} from './phrasing';
import { splitTaskOffline } from './splitter';
import { truncateWords } from './text';

const VERBS = [
  'clean',
  'tidy',
  'clear',
  'sort',
  'email',
  'reply',
  'write',
  'call',
  'fix',
  'buy',
  'plan',
  'study',
  'read',
  'pack',
  'wash',
  'move',
  'check',
  'set up',
  'sort out',
  'reach out to',
  'follow up on',
  'check in with',
  'deal with',
  'think about',
  'sign up for',
  'catch up on',
];
const PREPS = ['in', 'on', 'to', 'for', 'with', 'about', 'under', 'behind', 'from', 'at', 'into'];
const NOUNS = [
  'the garage',
  'my room',
  'the kitchen',
  'Sam',
  'the landlord',
  'the tax return',
  'the bed',
  'the quarterly report',
  'the exam',
  'the car',
  'the stairs',
  'the inbox',
  'my emails',
  'the offsite',
  'milk, eggs and bread',
  'the shed and the attic',
];
const TAILS = ['', ' today', ' tomorrow', ' by Friday', ' this weekend', ' asap'];

/** Titles as people type them: a verb, sometimes a particle or a preposition, then a thing. */
const title = fc
  .record({
    lead: fc.constantFrom('', 'I need to ', 'remember to ', '- ', 'todo: '),
    verb: fc.constantFrom(...VERBS),
    particle: fc.option(fc.constantFrom(...PARTICLES), { nil: undefined }),
    prep: fc.option(fc.constantFrom(...PREPS), { nil: undefined }),
    noun: fc.constantFrom(...NOUNS),
    tail: fc.constantFrom(...TAILS),
    capital: fc.boolean(),
  })
  .map(({ lead, verb, particle, prep, noun, tail, capital }) => {
    const v = capital ? verb[0]!.toUpperCase() + verb.slice(1) : verb;
    const words = [v, verb.includes(' ') ? undefined : particle, prep, noun].filter(Boolean);
    return `${lead}${words.join(' ')}${tail}`;
  });

describe('step wording', () => {
  it('says "Bin the obvious rubbish in the garage", not "in out the garage"', () => {
    const steps = splitTaskOffline({ title: 'Clean out the garage' }, { spiciness: 3 }).map(
      (s) => s.title,
    );
    expect(steps).toContain('Bin the obvious rubbish in the garage');
    expect(steps.join('\n')).not.toMatch(/\bin out\b/);
  });

  it('tidies collisions where a template meets the title', () => {
    expect(tidyPhrasing('Bin the obvious rubbish in out the garage')).toBe(
      'Bin the obvious rubbish in the garage',
    );
    expect(tidyPhrasing('Bin the obvious rubbish in under the bed')).toBe(
      'Bin the obvious rubbish under the bed',
    );
    expect(tidyPhrasing('Find the last message from or about to Sam')).toBe(
      'Find the last message from or about Sam',
    );
    expect(tidyPhrasing('Reply to to Sam')).toBe('Reply to Sam');
    expect(tidyPhrasing('Check in with Sam')).toBe('Check in with Sam');
    expect(tidyPhrasing('Take the rubbish out')).toBe('Take the rubbish out');
    expect(tidyPhrasing('Clear the surfaces in')).toBe('Clear the surfaces');
  });

  it('never cuts a title just after a preposition', () => {
    expect(truncateWords('Bin the obvious rubbish in the enormous garage', 30)).toBe(
      'Bin the obvious rubbish…',
    );
  });

  it('has no doubled word, doubled preposition or dangling preposition in any step', () => {
    fc.assert(
      fc.property(title, fc.integer({ min: 1, max: 5 }), (text, spiciness) => {
        for (const step of splitTaskOffline({ title: text }, { spiciness })) {
          const words = step.title.replace(/…$/u, '');
          expect(hasDoubledWord(words), `${text} -> ${step.title}`).toBe(false);
          expect(hasDoubledPreposition(words), `${text} -> ${step.title}`).toBe(false);
          expect(endsWithDanglingPreposition(words), `${text} -> ${step.title}`).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
