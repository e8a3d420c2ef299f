import { levelForXp, levelProgress } from '../xp/levels';
import {
  type CareState,
  type CreatureMood,
  FULL_AT,
  moodFor,
  needsAt,
  newCareState,
  playsAvailable,
} from './care';
import { drawGenome, speciesLabel } from './generator';
import { defaultBiography } from './identity';
import {
  abilitiesAt,
  type CreatureStage,
  nextAbility,
  nextStage,
  stageForLevel,
  statsAt,
} from './progression';
import { creatureTitle, renderCreatureSvg } from './render';
import type { CreaturePreview, CreatureView, LevelInfo } from './schema';

/**
 * Read models: everything the API returns about a creature, derived from what the database keeps
 * (seed, name, biography, total XP, food, care state) and `now`. The service stays a query and a
 * call to one of these.
 */

/** What the database keeps for a person's creature. */
export interface CreatureRecord {
  seed: string;
  name: string;
  biography: string;
  totalXp: number;
  food: number;
  care: CareState;
  hatchedAt: Date;
}

export function levelInfo(totalXp: number): LevelInfo {
  const p = levelProgress(totalXp);
  const stage = stageForLevel(p.level);
  return {
    ...p,
    stage,
    nextStage: nextStage(stage),
    stats: statsAt(p.level),
    abilities: abilitiesAt(p.level),
    nextAbility: nextAbility(p.level),
  };
}

export function describeCreature(record: CreatureRecord, now: Date): CreatureView {
  const g = drawGenome(record.seed);
  const level = levelInfo(record.totalXp);
  const needs = needsAt(record.care, now);
  const mood = moodFor(needs);
  const plays = playsAvailable(record.care, now, level.level);
  return {
    seed: g.seed,
    name: record.name,
    biography: record.biography,
    species: speciesLabel(g.species),
    personality: g.personality,
    favouriteFood: g.favouriteFood,
    favouriteThing: g.favouriteThing,
    appearance: {
      shape: g.shape,
      pattern: g.pattern,
      ears: g.ears,
      horns: g.horns,
      topper: g.topper,
      tail: g.tail,
      wings: g.wings,
      eyes: g.eyes,
      colors: g.colors,
    },
    stage: level.stage,
    level,
    needs,
    mood,
    food: record.food,
    canFeed: level.stage !== 'egg' && record.food > 0 && needs.fullness < FULL_AT,
    plays: { available: plays.plays, max: plays.max, nextPlayAt: plays.nextPlayAt },
    hatchedAt: record.hatchedAt,
    svg: renderCreatureSvg(g, {
      stage: level.stage,
      mood,
      title: creatureTitle(g, level.stage, record.name),
    }),
  };
}

/** A seed drawn for a preview or an egg choice (the deterministic name and biography). */
export function previewCreature(
  seed: string,
  options: { stage?: CreatureStage; mood?: CreatureMood } = {},
): CreaturePreview {
  const g = drawGenome(seed);
  const stage = options.stage ?? 'adult';
  const mood = options.mood ?? 'idle';
  return {
    seed: g.seed,
    species: speciesLabel(g.species),
    name: g.name,
    biography: defaultBiography(g),
    personality: g.personality,
    colors: g.colors,
    stage,
    mood,
    svg: renderCreatureSvg(g, { stage, mood }),
  };
}

/**
 * The record for a newly chosen egg: the seed's own name and biography unless the person named it,
 * well fed and happy, no food yet. Its stage follows the person's XP (an egg until level 2).
 */
export function newCreatureRecord(input: {
  seed: string;
  name?: string;
  biography?: string;
  totalXp: number;
  now: Date;
}): CreatureRecord {
  const g = drawGenome(input.seed);
  const name = input.name ?? g.name;
  return {
    seed: g.seed,
    name,
    biography: input.biography ?? defaultBiography(g, name),
    totalXp: input.totalXp,
    food: 0,
    care: newCareState(input.now, levelForXp(input.totalXp)),
    hatchedAt: input.now,
  };
}
