import { DomainError } from '../errors';
import { statsAt } from './progression';

/**
 * The creature's needs, computed on read from a few stored values and their timestamps: no ticking
 * job, and the same answer in every process for the same `now`.
 *
 * Each need is a meter from its floor to 100 where 100 is best: `fullness` (the hunger meter: 100
 * is well fed, low is hungry), `happiness` and `energy`. The floors are the point: a creature left
 * alone for a day, a year or forever gets hungry, sleepy and a little sad, and nothing worse. There
 * is no sick state and no dead state to reach. When the person comes back it wakes at once
 * (energy follows their last activity) and perks up (happiness returns to at least
 * `WELCOME_BACK_HAPPINESS`); a meal fixes the rest.
 *
 * A clock that runs backwards (skew between servers, a wrong device clock) counts as no time
 * passing, never as negative decay.
 */
export const NEED_MAX = 100;
export const FULLNESS_FLOOR = 20;
export const HAPPINESS_FLOOR = 35;
export const ENERGY_FLOOR = 15;

/** Full to hungry (below 40) in 20 hours, to its floor in about a day. */
export const FULLNESS_DECAY_PER_HOUR = 3;
export const HAPPINESS_DECAY_PER_HOUR = 2;
/** Energy stays full for this long after the person's last activity: a night away is nothing. */
export const ENERGY_GRACE_HOURS = 16;
export const ENERGY_DECAY_PER_HOUR = 6;

export const FOOD_PORTION_FULLNESS = 25;
/** At or above this fullness the creature politely declines food. */
export const FULL_AT = 90;
export const FEED_PORTIONS_MAX = 5;
export const FEED_HAPPINESS = 5;
export const PLAY_HAPPINESS = 15;
export const WELCOME_BACK_HAPPINESS = 60;
export const HATCH_FULLNESS = 80;
export const HATCH_HAPPINESS = 80;
/** The most food a person can hold; what is earned beyond it is not lost silently: see `addFood`. */
export const FOOD_MAX = 99;

/** What the database keeps; everything else is derived. */
export interface CareState {
  /** Fullness as it was at `fullnessAt` (the last meal or hatch). */
  fullness: number;
  fullnessAt: Date;
  /** Happiness as it was at `happinessAt` (the last play, meal, cheer or welcome). */
  happiness: number;
  happinessAt: Date;
  /** The person's last activity (a task done, a focus block, a visit to feed or play). */
  lastActiveAt: Date;
  /** Plays banked at `playTokensAt` (a token bucket: see `playsAvailable`). */
  playTokens: number;
  playTokensAt: Date;
}

export interface Needs {
  fullness: number;
  happiness: number;
  energy: number;
}

export const CREATURE_MOODS = ['idle', 'happy', 'hungry', 'sleepy'] as const;
export type CreatureMood = (typeof CREATURE_MOODS)[number];

const MINUTE = 60_000;

/** Whole minutes from `from` to `to`; 0 when the clock went backwards or a date is invalid. */
function minutesBetween(from: Date, to: Date): number {
  const ms = to.getTime() - from.getTime();
  if (!(ms > 0)) return 0;
  return Math.floor(ms / MINUTE);
}

function clampMeter(value: number, floor: number): number {
  if (Number.isNaN(value)) return floor;
  return Math.min(NEED_MAX, Math.max(floor, Math.round(value)));
}

function decayed(value: number, floor: number, perHour: number, minutes: number): number {
  const start = clampMeter(value, floor);
  return Math.max(floor, start - Math.floor((minutes * perHour) / 60));
}

export function fullnessAt(care: CareState, now: Date): number {
  return decayed(
    care.fullness,
    FULLNESS_FLOOR,
    FULLNESS_DECAY_PER_HOUR,
    minutesBetween(care.fullnessAt, now),
  );
}

export function happinessAt(care: CareState, now: Date): number {
  return decayed(
    care.happiness,
    HAPPINESS_FLOOR,
    HAPPINESS_DECAY_PER_HOUR,
    minutesBetween(care.happinessAt, now),
  );
}

export function energyAt(care: CareState, now: Date): number {
  const away = minutesBetween(care.lastActiveAt, now) - ENERGY_GRACE_HOURS * 60;
  if (away <= 0) return NEED_MAX;
  return decayed(NEED_MAX, ENERGY_FLOOR, ENERGY_DECAY_PER_HOUR, away);
}

export function needsAt(care: CareState, now: Date): Needs {
  return {
    fullness: fullnessAt(care, now),
    happiness: happinessAt(care, now),
    energy: energyAt(care, now),
  };
}

export const SLEEPY_BELOW = 40;
export const HUNGRY_BELOW = 40;
export const HAPPY_FROM = 70;

/**
 * The state the animation shows. Sleepy first (a creature left alone naps; it is the gentlest way
 * to say "I missed you"), then hungry, then happy; otherwise idle.
 */
export function moodFor(needs: Needs): CreatureMood {
  if (needs.energy < SLEEPY_BELOW) return 'sleepy';
  if (needs.fullness < HUNGRY_BELOW) return 'hungry';
  if (needs.happiness >= HAPPY_FROM) return 'happy';
  return 'idle';
}

/** A freshly hatched creature: well fed, happy, awake, with a full set of plays. */
export function newCareState(now: Date, level = 1): CareState {
  return {
    fullness: HATCH_FULLNESS,
    fullnessAt: now,
    happiness: HATCH_HAPPINESS,
    happinessAt: now,
    lastActiveAt: now,
    playTokens: statsAt(level).playsPerHour,
    playTokensAt: now,
  };
}

/**
 * The person is here (they finished something, or came to feed or play): the creature wakes, and
 * if it had grown sad it perks up to at least `WELCOME_BACK_HAPPINESS`.
 */
export function markActive(care: CareState, now: Date): CareState {
  const happiness = happinessAt(care, now);
  const lastActiveAt = now.getTime() > care.lastActiveAt.getTime() ? now : care.lastActiveAt;
  if (happiness >= WELCOME_BACK_HAPPINESS) return { ...care, lastActiveAt };
  return { ...care, lastActiveAt, happiness: WELCOME_BACK_HAPPINESS, happinessAt: now };
}

/** A task or focus block was finished: the creature is glad (and the person is active). */
export function cheerUp(care: CareState, now: Date, points = 8): CareState {
  const active = markActive(care, now);
  const happiness = clampMeter(happinessAt(active, now) + Math.max(0, points), HAPPINESS_FLOOR);
  return { ...active, happiness, happinessAt: now };
}

function displayName(name: string | undefined): string {
  return name?.trim() ? name.trim() : 'Your creature';
}

function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `about ${hours} hour${hours === 1 ? '' : 's'}`;
}

export interface FeedResult {
  care: CareState;
  /** Food left after the meal. */
  food: number;
  portionsEaten: number;
  needs: Needs;
}

/**
 * Feeds up to `portions` portions (25 fullness each). Only what fits is eaten, so food is never
 * wasted: a creature at 60 eats two portions of five offered. Refused, with a message a person can
 * act on, when there is no food or the creature is full.
 */
export function feedCreature(
  care: CareState,
  input: { food: number; portions?: number; now: Date; name?: string; isEgg?: boolean },
): FeedResult {
  const food = Number.isFinite(input.food) ? Math.max(0, Math.trunc(input.food)) : 0;
  const requested = Math.min(FEED_PORTIONS_MAX, Math.max(1, Math.trunc(input.portions ?? 1) || 1));
  const name = displayName(input.name);
  if (input.isEgg) {
    throw new DomainError(
      'BAD_REQUEST',
      `${name} is still an egg and does not eat yet. Finishing a task helps it hatch.`,
    );
  }
  if (food === 0) {
    throw new DomainError(
      'BAD_REQUEST',
      `You have no food yet. Finishing a task or a focus session earns some for ${name}.`,
      { fieldErrors: { food: ['No food left'] } },
    );
  }
  const fullness = fullnessAt(care, input.now);
  if (fullness >= FULL_AT) {
    const minutes = Math.ceil(((fullness - FULL_AT + 1) * 60) / FULLNESS_DECAY_PER_HOUR);
    throw new DomainError('BAD_REQUEST', `${name} is full. Try again in ${minutesText(minutes)}.`, {
      fieldErrors: { portions: ['Too full to eat'] },
      retryAfterSeconds: minutes * 60,
    });
  }
  const fits = Math.ceil((NEED_MAX - fullness) / FOOD_PORTION_FULLNESS);
  const portionsEaten = Math.min(requested, food, fits);
  const active = markActive(care, input.now);
  const next: CareState = {
    ...active,
    fullness: Math.min(NEED_MAX, fullness + portionsEaten * FOOD_PORTION_FULLNESS),
    fullnessAt: input.now,
    happiness: clampMeter(happinessAt(active, input.now) + FEED_HAPPINESS, HAPPINESS_FLOOR),
    happinessAt: input.now,
  };
  return {
    care: next,
    food: food - portionsEaten,
    portionsEaten,
    needs: needsAt(next, input.now),
  };
}

const HOUR = 60 * MINUTE;

function playInterval(level: number): number {
  return Math.floor(HOUR / statsAt(level).playsPerHour);
}

/** Plays available now, and when the next one comes back (null when the bucket is full). */
export function playsAvailable(
  care: CareState,
  now: Date,
  level = 1,
): { plays: number; max: number; nextPlayAt: Date | null } {
  const max = statsAt(level).playsPerHour;
  const interval = playInterval(level);
  const banked = Math.min(max, Math.max(0, Math.trunc(care.playTokens) || 0));
  const elapsed = now.getTime() - care.playTokensAt.getTime();
  const earned = elapsed > 0 ? Math.floor(elapsed / interval) : 0;
  const plays = Math.min(max, banked + earned);
  if (plays >= max) return { plays, max, nextPlayAt: null };
  return {
    plays,
    max,
    nextPlayAt: new Date(care.playTokensAt.getTime() + (earned + 1) * interval),
  };
}

export interface PlayResult {
  care: CareState;
  needs: Needs;
  playsLeft: number;
}

/**
 * Plays once: +15 happiness (up to 100). Plays come back one at a time through the hour (three an
 * hour, more with the Playful ability), so playing is a small treat rather than a button to mash.
 */
export function playWithCreature(
  care: CareState,
  input: { now: Date; level?: number; name?: string },
): PlayResult {
  const level = input.level ?? 1;
  const { plays, max } = playsAvailable(care, input.now, level);
  const name = displayName(input.name);
  if (plays === 0) {
    const { nextPlayAt } = playsAvailable(care, input.now, level);
    const seconds = nextPlayAt
      ? Math.max(1, Math.ceil((nextPlayAt.getTime() - input.now.getTime()) / 1000))
      : 60;
    throw new DomainError(
      'BAD_REQUEST',
      `${name} needs a little rest. You can play again in ${minutesText(Math.ceil(seconds / 60))}.`,
      { retryAfterSeconds: seconds },
    );
  }
  const interval = playInterval(level);
  const elapsed = input.now.getTime() - care.playTokensAt.getTime();
  const earned = elapsed > 0 ? Math.floor(elapsed / interval) : 0;
  // Keep the part of an interval already waited, unless the bucket was full (then it restarts now).
  const anchor =
    plays >= max ? input.now : new Date(care.playTokensAt.getTime() + earned * interval);
  const active = markActive(care, input.now);
  const next: CareState = {
    ...active,
    happiness: clampMeter(happinessAt(active, input.now) + PLAY_HAPPINESS, HAPPINESS_FLOOR),
    happinessAt: input.now,
    playTokens: plays - 1,
    playTokensAt: anchor,
  };
  return { care: next, needs: needsAt(next, input.now), playsLeft: plays - 1 };
}

/** Food for a finished task: 1, or 2 for a hard one (complexity 4-5), plus the creature's bonus. */
export function foodForTask(task: { complexity: number | null }, level: number): number {
  const hard = task.complexity != null && task.complexity >= 4 ? 1 : 0;
  return 1 + hard + statsAt(level).foodPerTaskBonus;
}

export const FOOD_FOCUS_MINUTES = 25;
export const FOOD_FOCUS_MIN_MINUTES = 10;
export const FOOD_FOCUS_MAX = 4;

/** Food for a focus session: 1 per 25 minutes, at least 1 from 10 minutes, at most 4. */
export function foodForFocus(session: { focusedMinutes: number }): number {
  const minutes = Number.isFinite(session.focusedMinutes) ? Math.floor(session.focusedMinutes) : 0;
  if (minutes < FOOD_FOCUS_MIN_MINUTES) return 0;
  return Math.min(FOOD_FOCUS_MAX, Math.max(1, Math.floor(minutes / FOOD_FOCUS_MINUTES)));
}

/** Adds earned food to the pantry, which holds at most `FOOD_MAX`. */
export function addFood(current: number, earned: number): { food: number; overflow: number } {
  const have = Number.isFinite(current) ? Math.max(0, Math.trunc(current)) : 0;
  const add = Number.isFinite(earned) ? Math.max(0, Math.trunc(earned)) : 0;
  const food = Math.min(FOOD_MAX, have + add);
  return { food, overflow: have + add - food };
}
