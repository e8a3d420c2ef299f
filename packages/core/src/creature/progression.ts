import { levelForXp } from '../xp/levels';

/**
 * Growth: the stage a creature shows and what it can do, both from its level alone (and so from
 * the XP ledger alone). Data first, so the web and the API list the same table.
 */
export const CREATURE_STAGES = ['egg', 'baby', 'teen', 'adult', 'elder'] as const;
export type CreatureStage = (typeof CREATURE_STAGES)[number];

/**
 * The level at which each stage begins. The egg hatches at level 2 (40 XP: the first day), a baby
 * becomes a teen in about a week of ordinary use, an adult in about a month, an elder after months.
 */
export const STAGE_LEVELS: Readonly<Record<CreatureStage, number>> = {
  egg: 1,
  baby: 2,
  teen: 6,
  adult: 12,
  elder: 25,
};

export function stageForLevel(level: number): CreatureStage {
  let stage: CreatureStage = 'egg';
  for (const s of CREATURE_STAGES) if (level >= STAGE_LEVELS[s]) stage = s;
  return stage;
}

export function stageForXp(totalXp: number): CreatureStage {
  return stageForLevel(levelForXp(totalXp));
}

/** The stage after `stage`, and the level it begins at; null for an elder. */
export function nextStage(stage: CreatureStage): { stage: CreatureStage; level: number } | null {
  const next = CREATURE_STAGES[CREATURE_STAGES.indexOf(stage) + 1];
  return next ? { stage: next, level: STAGE_LEVELS[next] } : null;
}

export const ABILITY_KINDS = ['xp_boost', 'streak_freeze', 'food_bonus', 'play_bonus'] as const;
export type AbilityKind = (typeof ABILITY_KINDS)[number];

export interface Ability {
  /** Stable id (stored in notifications, shown in the API); never renamed. */
  id: string;
  level: number;
  kind: AbilityKind;
  /** What it adds: percentage points of XP, freezes held, food per task, plays per hour. */
  value: number;
  name: string;
  description: string;
}

/**
 * Unlocked in order of level; values add up per kind. Streak freezes stop at two held (what
 * Duolingo found enough to forgive without making streaks meaningless).
 */
export const ABILITIES: readonly Ability[] = [
  {
    id: 'snack_pouch',
    level: 3,
    kind: 'food_bonus',
    value: 1,
    name: 'Snack pouch',
    description: 'One extra food for every task you finish.',
  },
  {
    id: 'cosy_blanket',
    level: 4,
    kind: 'streak_freeze',
    value: 1,
    name: 'Cosy blanket',
    description: 'Holds a streak freeze: a missed day is simply covered.',
  },
  {
    id: 'bright_spark',
    level: 5,
    kind: 'xp_boost',
    value: 5,
    name: 'Bright spark',
    description: '+5% XP on everything you do.',
  },
  {
    id: 'playful',
    level: 8,
    kind: 'play_bonus',
    value: 1,
    name: 'Playful',
    description: 'One more play every hour.',
  },
  {
    id: 'second_blanket',
    level: 10,
    kind: 'streak_freeze',
    value: 1,
    name: 'Second blanket',
    description: 'Holds a second streak freeze.',
  },
  {
    id: 'steady_glow',
    level: 15,
    kind: 'xp_boost',
    value: 5,
    name: 'Steady glow',
    description: 'Another +5% XP (10% in all).',
  },
  {
    id: 'picnic_basket',
    level: 20,
    kind: 'food_bonus',
    value: 1,
    name: 'Picnic basket',
    description: 'Another extra food for every task (two in all).',
  },
  {
    id: 'old_soul',
    level: 30,
    kind: 'xp_boost',
    value: 5,
    name: 'Old soul',
    description: 'Another +5% XP (15% in all).',
  },
  {
    id: 'starlight',
    level: 50,
    kind: 'xp_boost',
    value: 5,
    name: 'Starlight',
    description: 'Another +5% XP (20% in all).',
  },
];

export function abilitiesAt(level: number): Ability[] {
  return ABILITIES.filter((a) => a.level <= level);
}

/** The next ability to unlock, or null when all are unlocked. */
export function nextAbility(level: number): Ability | null {
  return ABILITIES.find((a) => a.level > level) ?? null;
}

/** What the creature's abilities add up to at a level. */
export interface CreatureStats {
  /** Added to every XP award, in percentage points (5 = ×1.05). */
  xpBoostPercent: number;
  /** Streak freezes the person may hold at once. */
  streakFreezes: number;
  /** Extra food for each finished task. */
  foodPerTaskBonus: number;
  /** Plays available per hour. */
  playsPerHour: number;
}

export const BASE_PLAYS_PER_HOUR = 3;

export function statsAt(level: number): CreatureStats {
  const stats: CreatureStats = {
    xpBoostPercent: 0,
    streakFreezes: 0,
    foodPerTaskBonus: 0,
    playsPerHour: BASE_PLAYS_PER_HOUR,
  };
  for (const a of abilitiesAt(level)) {
    if (a.kind === 'xp_boost') stats.xpBoostPercent += a.value;
    else if (a.kind === 'streak_freeze') stats.streakFreezes += a.value;
    else if (a.kind === 'food_bonus') stats.foodPerTaskBonus += a.value;
    else stats.playsPerHour += a.value;
  }
  return stats;
}

/** What changed between two XP totals: for the level-up and evolution notifications. */
export interface ProgressionChange {
  fromLevel: number;
  toLevel: number;
  fromStage: CreatureStage;
  toStage: CreatureStage;
  leveledUp: boolean;
  evolved: boolean;
  /** Abilities whose level was crossed, in order. */
  unlocked: Ability[];
}

export function progressionChange(fromTotalXp: number, toTotalXp: number): ProgressionChange {
  const fromLevel = levelForXp(fromTotalXp);
  const toLevel = levelForXp(toTotalXp);
  const fromStage = stageForLevel(fromLevel);
  const toStage = stageForLevel(toLevel);
  return {
    fromLevel,
    toLevel,
    fromStage,
    toStage,
    leveledUp: toLevel > fromLevel,
    evolved: CREATURE_STAGES.indexOf(toStage) > CREATURE_STAGES.indexOf(fromStage),
    unlocked: ABILITIES.filter((a) => a.level > fromLevel && a.level <= toLevel),
  };
}

export interface Celebration {
  kind: 'level_up' | 'creature_evolved';
  title: string;
  body: string;
}

const STAGE_NAMES: Record<CreatureStage, string> = {
  egg: 'an egg',
  baby: 'a baby',
  teen: 'a teen',
  adult: 'a grown-up',
  elder: 'a wise elder',
};

/**
 * The small celebrations a change in XP deserves, kindest first: an evolution (the egg hatching
 * above all), then the level, with what it unlocked. Empty when nothing changed.
 */
export function celebrationsFor(change: ProgressionChange, name: string): Celebration[] {
  const out: Celebration[] = [];
  if (change.evolved) {
    out.push({
      kind: 'creature_evolved',
      title:
        change.fromStage === 'egg'
          ? `${name} hatched!`
          : `${name} grew into ${STAGE_NAMES[change.toStage]}`,
      body:
        change.fromStage === 'egg'
          ? `Your egg hatched into ${name}. Everything you finish helps them grow.`
          : `All the things you did added up: ${name} is ${STAGE_NAMES[change.toStage]} now.`,
    });
  }
  if (change.leveledUp) {
    const unlocked = change.unlocked.map((a) => `${a.name}: ${a.description}`);
    out.push({
      kind: 'level_up',
      title: `Level ${change.toLevel}`,
      body: unlocked.length
        ? `${name} reached level ${change.toLevel} and learned something new. ${unlocked.join(' ')}`
        : `${name} reached level ${change.toLevel}. Nicely done.`,
    });
  }
  return out;
}
