import { z } from 'zod';
import { makeAward, truncateText, type XpAward } from './award';
import { localDayKey } from './day';

/**
 * How much XP each kind of effort is worth. The rules reward starting and finishing, not size
 * alone, because for an ADHD brain the hard part is often the start:
 *
 * - A task: 10 for finishing anything, plus a bonus for its estimate (sub-linear brackets: a
 *   4-hour task is not worth 48 five-minute ones), the sum then scaled by its complexity from ×1
 *   (complexity 1) to ×2 (complexity 5). Unknown estimate counts as 15 minutes and unknown
 *   complexity as 2, so not estimating costs a little but never much. 10..64.
 * - A micro-step: 2..5, always less than any task, so splitting a task into steps pays more in
 *   total only a little, and every step still feels like something.
 * - Focus: 1 per full minute, up to 180 per session, plus 5 for finishing the planned block.
 *   Stopping early keeps every minute.
 * - A daily challenge: its own reward, 5..100.
 * - Triage: deciding to delegate a task or to let it go earns 3, up to 30 a day (the person's
 *   own calendar day), and once per task. Deciding is work; letting go is a skill.
 * - An agent finishing a task the person delegated: half of what the task would pay (rounded up,
 *   at least 5), credited to the person who handed it over.
 *
 * Each rule returns a base; the award multiplies it by the person's multiplier (the creature's XP
 * boost and any bonus event, see `xpBoostFor`).
 */

export const TASK_XP_FLOOR = 10;
/** [inclusive upper bound in minutes, bonus]; above the last bound the bonus is TASK_ESTIMATE_BONUS_MAX. */
export const TASK_ESTIMATE_BRACKETS = [
  [5, 0],
  [15, 3],
  [30, 6],
  [60, 10],
  [120, 14],
  [240, 18],
] as const;
export const TASK_ESTIMATE_BONUS_MAX = 22;
export const TASK_DEFAULT_ESTIMATE_MINUTES = 15;
export const TASK_DEFAULT_COMPLEXITY = 2;
export const TASK_XP_MAX = (TASK_XP_FLOOR + TASK_ESTIMATE_BONUS_MAX) * 2;

export const MICRO_STEP_XP_MIN = 2;
export const MICRO_STEP_XP_MAX = 5;

export const FOCUS_XP_PER_MINUTE = 1;
export const FOCUS_MINUTES_CAP = 180;
export const FOCUS_COMPLETION_BONUS = 5;

export const CHALLENGE_XP_MIN = 5;
export const CHALLENGE_XP_MAX = 100;

export const TRIAGE_XP = 3;
export const TRIAGE_DAILY_XP_CAP = 30;
/** The triage decisions that earn: handing a task over and letting it go. */
export const REWARDED_TRIAGE_MODES = ['DELEGATE', 'DELETE'] as const;

export const AGENT_COMPLETION_XP_MIN = 5;

const TITLE_IN_REASON_MAX = 80;

/** Facts about a finished task that the rules read (a subset of the task row). */
export const taskFactsSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  estimateMinutes: z.int().min(0).nullable(),
  complexity: z.int().min(1).max(5).nullable(),
});
export type TaskFacts = z.infer<typeof taskFactsSchema>;

/** The multiplier to apply, and the words that explain it in the ledger ("" when ×1). */
export interface XpBoost {
  multiplier: number;
  note: string;
}
export const NO_BOOST: XpBoost = { multiplier: 100, note: '' };

function quoted(title: string): string {
  const t = truncateText(title, TITLE_IN_REASON_MAX);
  return t ? `“${t}”` : 'a task';
}

function withNote(reason: string, boost: XpBoost): string {
  return boost.note ? `${reason} (${boost.note})` : reason;
}

function wholeMinutes(minutes: number | null | undefined): number | null {
  if (minutes == null || !Number.isFinite(minutes)) return null;
  return Math.max(0, Math.floor(minutes));
}

export function taskEstimateBonus(estimateMinutes: number | null): number {
  const minutes = wholeMinutes(estimateMinutes) ?? TASK_DEFAULT_ESTIMATE_MINUTES;
  for (const [upTo, bonus] of TASK_ESTIMATE_BRACKETS) if (minutes <= upTo) return bonus;
  return TASK_ESTIMATE_BONUS_MAX;
}

function complexityOf(complexity: number | null): number {
  if (complexity == null || !Number.isFinite(complexity)) return TASK_DEFAULT_COMPLEXITY;
  return Math.min(5, Math.max(1, Math.round(complexity)));
}

/** (10 + estimate bonus) × (complexity + 3) / 4, rounded half up: ×1 at complexity 1, ×2 at 5. */
export function taskBaseXp(task: Pick<TaskFacts, 'estimateMinutes' | 'complexity'>): number {
  const before = TASK_XP_FLOOR + taskEstimateBonus(task.estimateMinutes);
  return Math.floor((before * (complexityOf(task.complexity) + 3) + 2) / 4);
}

/** 2 for a step of a few minutes, up to 5 for one of 15 minutes or more; 3 when unknown. */
export function microStepBaseXp(step: Pick<TaskFacts, 'estimateMinutes'>): number {
  const minutes = wholeMinutes(step.estimateMinutes) ?? 5;
  return Math.min(MICRO_STEP_XP_MAX, MICRO_STEP_XP_MIN + Math.floor(minutes / 5));
}

export function focusBaseXp(session: { focusedMinutes: number; completed: boolean }): number {
  const minutes = Math.min(FOCUS_MINUTES_CAP, wholeMinutes(session.focusedMinutes) ?? 0);
  if (minutes === 0) return 0;
  return minutes * FOCUS_XP_PER_MINUTE + (session.completed ? FOCUS_COMPLETION_BONUS : 0);
}

export function challengeBaseXp(reward: number): number {
  if (!Number.isFinite(reward)) return CHALLENGE_XP_MIN;
  return Math.min(CHALLENGE_XP_MAX, Math.max(CHALLENGE_XP_MIN, Math.round(reward)));
}

export function agentCompletionBaseXp(
  task: Pick<TaskFacts, 'estimateMinutes' | 'complexity'>,
): number {
  return Math.max(AGENT_COMPLETION_XP_MIN, Math.ceil(taskBaseXp(task) / 2));
}

/**
 * The triage XP a new decision may still earn today, given the bases of the triage awards already
 * made on the same day: 3, or what is left under the daily cap, or 0.
 */
export function triageBaseAllowed(priorBasesToday: readonly number[]): number {
  let used = 0;
  for (const b of priorBasesToday) if (Number.isFinite(b) && b > 0) used += Math.trunc(b);
  return Math.max(0, Math.min(TRIAGE_XP, TRIAGE_DAILY_XP_CAP - used));
}

/**
 * Picks the prior triage awards that fall on the same calendar day as `now` in the person's
 * timezone, so a service can pass the last two days of rows without working out midnight itself.
 */
export function triageBasesOnDay(
  priorAwards: readonly { base: number; awardedAt: Date }[],
  now: Date,
  timeZone: string,
): number[] {
  const today = localDayKey(now, timeZone);
  return priorAwards.filter((a) => localDayKey(a.awardedAt, timeZone) === today).map((a) => a.base);
}

// ---- Awards: one function per kind of event, returning the row to write (or null: nothing due).

/**
 * A finished task. A step of a split task pays as a micro-step; a task an agent finished for the
 * person pays as delegated work (the service says who finished it). Source ids are the task id, so
 * a task pays once per source however often its completion event is delivered.
 */
export function taskCompletionAward(
  task: TaskFacts & { isMicroStep: boolean },
  completedBy: { kind: 'person' } | { kind: 'agent'; agentName: string | null },
  boost: XpBoost = NO_BOOST,
): XpAward {
  if (completedBy.kind === 'agent') {
    const who = completedBy.agentName ? truncateText(completedBy.agentName, 40) : 'An agent';
    return makeAward({
      source: 'agent_delegated_completion',
      sourceId: task.id,
      base: agentCompletionBaseXp(task),
      multiplier: boost.multiplier,
      reason: withNote(`${who} finished ${quoted(task.title)}, which you delegated`, boost),
    });
  }
  if (task.isMicroStep) {
    return makeAward({
      source: 'micro_step',
      sourceId: task.id,
      base: microStepBaseXp(task),
      multiplier: boost.multiplier,
      reason: withNote(`Finished the step ${quoted(task.title)}`, boost),
    });
  }
  const details: string[] = [];
  if (task.estimateMinutes != null) details.push(`about ${task.estimateMinutes} min`);
  if (task.complexity != null) details.push(`complexity ${task.complexity}`);
  const said = details.length ? ` (${details.join(', ')})` : '';
  return makeAward({
    source: 'task',
    sourceId: task.id,
    base: taskBaseXp(task),
    multiplier: boost.multiplier,
    reason: withNote(`Finished ${quoted(task.title)}${said}`, boost),
  });
}

/** A focus session that ended (finished or stopped); null when less than a minute was focused. */
export function focusAward(
  session: { id: string; focusedMinutes: number; completed: boolean },
  boost: XpBoost = NO_BOOST,
): XpAward | null {
  const base = focusBaseXp(session);
  if (base === 0) return null;
  const minutes = Math.min(FOCUS_MINUTES_CAP, wholeMinutes(session.focusedMinutes) ?? 0);
  const what = `Focused for ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return makeAward({
    source: 'focus_minutes',
    sourceId: session.id,
    base,
    multiplier: boost.multiplier,
    reason: withNote(session.completed ? `${what} and finished the block` : what, boost),
  });
}

export function challengeAward(
  challenge: { id: string; title: string; reward: number },
  boost: XpBoost = NO_BOOST,
): XpAward {
  return makeAward({
    source: 'challenge',
    sourceId: challenge.id,
    base: challengeBaseXp(challenge.reward),
    multiplier: boost.multiplier,
    reason: withNote(
      `Challenge done: ${truncateText(challenge.title, TITLE_IN_REASON_MAX)}`,
      boost,
    ),
  });
}

/**
 * A triage decision. Only delegating and letting go earn, within the daily cap; null otherwise
 * (nothing to write). `priorBasesToday` comes from `triageBasesOnDay`.
 */
export function triageAward(
  decision: { taskId: string; title: string; mode: string },
  priorBasesToday: readonly number[],
  boost: XpBoost = NO_BOOST,
): XpAward | null {
  if (decision.mode !== 'DELEGATE' && decision.mode !== 'DELETE') return null;
  const base = triageBaseAllowed(priorBasesToday);
  if (base === 0) return null;
  const what =
    decision.mode === 'DELEGATE'
      ? `Delegated ${quoted(decision.title)}`
      : `Let go of ${quoted(decision.title)}`;
  return makeAward({
    source: 'triage_decision',
    sourceId: decision.taskId,
    base,
    multiplier: boost.multiplier,
    reason: withNote(what, boost),
  });
}
