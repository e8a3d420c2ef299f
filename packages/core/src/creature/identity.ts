import { z } from 'zod';
import { type CreatureGenome, speciesLabel } from './generator';

/**
 * A creature's name and biography. Without an AI provider both come from the seed (the genome's
 * name and a biography built from its traits); with one, the provider router asks for
 * `creatureIdentitySchema` and the answer is checked against it before it is stored.
 */
export const CREATURE_NAME_MAX = 24;
/** Who wrote a creature's biography: drawn from its seed, or by the AI provider. Append only. */
export const IDENTITY_SOURCES = ['seed', 'ai'] as const;
export type IdentitySource = (typeof IDENTITY_SOURCES)[number];
export const BIOGRAPHY_MAX = 400;

/** Control characters, and the invisible characters that reorder or hide text. */
const FORBIDDEN = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** The length a person sees: code points, so an emoji counts as one, not two. */
function visibleLength(text: string): number {
  return [...text].length;
}

/** Trimmed, inner runs of spaces made one, 1..24 characters, no control or invisible characters. */
export const creatureNameSchema = z
  .string({ error: 'A name is required' })
  .max(400, `A name can be at most ${CREATURE_NAME_MAX} characters`)
  .transform((s) => s.replace(/[ \t\u00A0\u3000]+/g, ' ').trim())
  .refine((s) => s.length > 0, 'A name cannot be empty')
  .refine(
    (s) => visibleLength(s) <= CREATURE_NAME_MAX,
    `A name can be at most ${CREATURE_NAME_MAX} characters`,
  )
  .refine((s) => !FORBIDDEN.test(s), 'A name cannot hold line breaks or control characters');

export const biographySchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .refine((s) => s.length >= 20, 'A biography is at least 20 characters')
  .refine(
    (s) => visibleLength(s) <= BIOGRAPHY_MAX,
    `A biography is at most ${BIOGRAPHY_MAX} characters`,
  )
  .refine((s) => !FORBIDDEN.test(s), 'A biography cannot hold control characters');

/** What an AI model must return when asked to name a creature and tell its story. */
export const creatureIdentitySchema = z.object({
  name: creatureNameSchema,
  biography: biographySchema,
});
export type CreatureIdentity = z.infer<typeof creatureIdentitySchema>;

/**
 * The same shape as plain JSON Schema for the provider (transforms cannot be sent): the provider's
 * answer is then checked against `creatureIdentitySchema`, which also trims and rejects control
 * characters.
 */
export const aiCreatureIdentitySchema = z.object({
  name: z.string().min(1).max(CREATURE_NAME_MAX),
  biography: z.string().min(20).max(BIOGRAPHY_MAX),
});

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** The biography drawn from the seed: the same seed, the same words. */
export function defaultBiography(g: CreatureGenome, name = g.name): string {
  const [first, second, third] = g.personality;
  const species = speciesLabel(g.species);
  const who = `${name} is ${article(first!)} ${first}, ${second} ${species}`;
  return `${who} who loves ${g.favouriteFood} and ${g.favouriteThing}. A little ${third}, ${name} ${g.reaction}.`;
}

export function defaultIdentity(g: CreatureGenome): CreatureIdentity {
  return { name: g.name, biography: defaultBiography(g) };
}

/** Facts to put in the AI's prompt, so its story matches the creature people see. */
export function identityPromptFacts(g: CreatureGenome): Record<string, string> {
  return {
    species: speciesLabel(g.species),
    personality: g.personality.join(', '),
    favouriteFood: g.favouriteFood,
    favouriteThing: g.favouriteThing,
    looks: [
      g.shape,
      g.pattern !== 'none' ? g.pattern : '',
      g.ears !== 'none' ? `${g.ears} ears` : '',
    ]
      .filter(Boolean)
      .join(', '),
  };
}
