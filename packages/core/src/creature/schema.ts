import { z } from 'zod';
import { CREATURE_MOODS, FEED_PORTIONS_MAX } from './care';
import { creatureNameSchema } from './identity';
import { ABILITY_KINDS, CREATURE_STAGES } from './progression';
import { creatureSeedSchema } from './seed';

/** The inputs the creature's API accepts; the same schemas validate the web's forms. */

export const creatureStageSchema = z.enum(CREATURE_STAGES, {
  error: `Stage must be one of ${CREATURE_STAGES.join(', ')}`,
});
export const creatureMoodSchema = z.enum(CREATURE_MOODS, {
  error: `Mood must be one of ${CREATURE_MOODS.join(', ')}`,
});

export const feedCreatureInput = z.object({
  portions: z
    .number({ error: 'Portions must be a number' })
    .int('Portions must be a whole number')
    .min(1, 'Feed at least 1 portion')
    .max(FEED_PORTIONS_MAX, `Feed at most ${FEED_PORTIONS_MAX} portions at a time`)
    .default(1),
});
export type FeedCreatureInput = z.input<typeof feedCreatureInput>;

export const playCreatureInput = z.object({});

export const renameCreatureInput = z.object({ name: creatureNameSchema });
export type RenameCreatureInput = z.input<typeof renameCreatureInput>;

/** Hatch one of the three eggs offered; a name may be given now or the seed's own name is used. */
export const hatchCreatureInput = z.object({
  seed: creatureSeedSchema,
  name: creatureNameSchema.optional(),
});
export type HatchCreatureInput = z.input<typeof hatchCreatureInput>;

/** Draw any seed, at any stage and mood (previews, the generator page, share images). */
export const previewCreatureInput = z.object({
  seed: creatureSeedSchema,
  stage: creatureStageSchema.default('adult'),
  mood: creatureMoodSchema.default('idle'),
});
export type PreviewCreatureInput = z.input<typeof previewCreatureInput>;

const abilitySchema = z.object({
  id: z.string(),
  level: z.int(),
  kind: z.enum(ABILITY_KINDS),
  value: z.int(),
  name: z.string(),
  description: z.string(),
});

const statsSchema = z.object({
  xpBoostPercent: z.int(),
  streakFreezes: z.int(),
  foodPerTaskBonus: z.int(),
  playsPerHour: z.int(),
});

/** Level, XP and what the next level brings (`GET /pets/level`). */
export const levelInfoSchema = z.object({
  level: z.int(),
  totalXp: z.int(),
  levelStartXp: z.int(),
  nextLevelXp: z.int().nullable(),
  xpIntoLevel: z.int(),
  xpToNext: z.int(),
  fraction: z.number().min(0).max(1),
  stage: creatureStageSchema,
  nextStage: z.object({ stage: creatureStageSchema, level: z.int() }).nullable(),
  stats: statsSchema,
  abilities: z.array(abilitySchema),
  nextAbility: abilitySchema.nullable(),
});
export type LevelInfo = z.infer<typeof levelInfoSchema>;

const colorsSchema = z.object({
  body: z.string(),
  belly: z.string(),
  accent: z.string(),
  ink: z.string(),
  cheek: z.string(),
  leaf: z.string(),
  scarf: z.string(),
});

/** An egg on offer or a preview: what it looks like, without any care state. */
export const creaturePreviewSchema = z.object({
  seed: z.string(),
  species: z.string(),
  name: z.string(),
  biography: z.string(),
  personality: z.array(z.string()),
  colors: colorsSchema,
  stage: creatureStageSchema,
  mood: creatureMoodSchema,
  svg: z.string(),
});
export type CreaturePreview = z.infer<typeof creaturePreviewSchema>;

/** The creature as the API returns it: everything derived for `now`. */
export const creatureViewSchema = z.object({
  seed: z.string(),
  name: z.string(),
  biography: z.string(),
  species: z.string(),
  personality: z.array(z.string()),
  favouriteFood: z.string(),
  favouriteThing: z.string(),
  appearance: z.object({
    shape: z.string(),
    pattern: z.string(),
    ears: z.string(),
    horns: z.string(),
    topper: z.string(),
    tail: z.string(),
    wings: z.string(),
    eyes: z.string(),
    colors: colorsSchema,
  }),
  stage: creatureStageSchema,
  level: levelInfoSchema,
  needs: z.object({ fullness: z.int(), happiness: z.int(), energy: z.int() }),
  mood: creatureMoodSchema,
  food: z.int(),
  canFeed: z.boolean(),
  plays: z.object({ available: z.int(), max: z.int(), nextPlayAt: z.date().nullable() }),
  hatchedAt: z.date(),
  svg: z.string(),
});
export type CreatureView = z.infer<typeof creatureViewSchema>;
