import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawGenome } from './generator';
import {
  BIOGRAPHY_MAX,
  CREATURE_NAME_MAX,
  creatureIdentitySchema,
  creatureNameSchema,
  defaultBiography,
  defaultIdentity,
  identityPromptFacts,
} from './identity';
import { seedFromBytes, seedFromText } from './seed';

const issue = (input: unknown) => creatureNameSchema.safeParse(input).error?.issues[0]?.message;

describe('creature names', () => {
  it('are trimmed, with inner runs of spaces made one', () => {
    expect(creatureNameSchema.parse('  Sir   Pip  ')).toBe('Sir Pip');
    expect(creatureNameSchema.parse('Pip 🐸')).toBe('Pip 🐸');
    expect(creatureNameSchema.parse('🐸'.repeat(CREATURE_NAME_MAX))).toHaveLength(
      CREATURE_NAME_MAX * 2,
    );
  });

  it('refuse empty, long, multi-line and invisible-trick names with a clear message', () => {
    expect(issue('   ')).toBe('A name cannot be empty');
    expect(issue('x'.repeat(25))).toBe('A name can be at most 24 characters');
    expect(issue('x'.repeat(10_240))).toBe('A name can be at most 24 characters');
    expect(issue('Pip\nDrop table')).toBe('A name cannot hold line breaks or control characters');
    expect(issue('Pip\u0000')).toBe('A name cannot hold line breaks or control characters');
    expect(issue('\u202Epip')).toBe('A name cannot hold line breaks or control characters');
    expect(issue(undefined)).toBe('A name is required');
  });

  it('accept exactly the names that are 1..24 visible characters without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (raw) => {
        const r = creatureNameSchema.safeParse(raw);
        if (r.success) {
          expect(r.data).toBe(r.data.trim());
          expect(r.data.length).toBeGreaterThan(0);
          expect([...r.data].length).toBeLessThanOrEqual(CREATURE_NAME_MAX);
          expect(r.data).not.toMatch(/\p{Cc}/u);
        } else {
          expect(r.error.issues[0]?.message).toMatch(/^A name /);
        }
      }),
    );
  });
});

describe('identity', () => {
  it('is drawn from the seed: a name from the list and a short biography that fits the schema', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const g = drawGenome(seedFromBytes(bytes));
        const id = defaultIdentity(g);
        expect(creatureIdentitySchema.parse(id)).toEqual(id);
        expect(id.biography.length).toBeLessThanOrEqual(BIOGRAPHY_MAX);
        expect(id.biography).toContain(g.name);
        expect(defaultIdentity(drawGenome(g.seed))).toEqual(id);
      }),
    );
  });

  it('reads naturally', () => {
    const g = drawGenome(seedFromText('snapshot-0'));
    expect(defaultBiography(g)).toBe(defaultBiography(g));
    expect(defaultBiography(g, 'Sir Pip')).toMatch(
      /^Sir Pip is an? \w+, \w+ foxkin who loves .+ and .+\. A little \w+, Sir Pip .+\.$/,
    );
    expect(identityPromptFacts(g)).toMatchObject({
      species: 'foxkin',
      personality: g.personality.join(', '),
    });
  });

  it("checks an AI's answer: limits, trimming, no control characters", () => {
    expect(
      creatureIdentitySchema.safeParse({
        name: 'Bramble',
        biography: 'Bramble likes  long\nwalks and small wins.',
      }).data,
    ).toEqual({ name: 'Bramble', biography: 'Bramble likes long walks and small wins.' });
    expect(
      creatureIdentitySchema.safeParse({ name: 'Bramble', biography: 'Too short' }).success,
    ).toBe(false);
    expect(
      creatureIdentitySchema.safeParse({ name: 'Bramble', biography: 'x'.repeat(401) }).success,
    ).toBe(false);
    expect(
      creatureIdentitySchema.safeParse({
        name: 'x'.repeat(30),
        biography: 'A perfectly fine biography.',
      }).success,
    ).toBe(false);
    expect(creatureIdentitySchema.safeParse({ name: 'Bramble' }).success).toBe(false);
  });
});
