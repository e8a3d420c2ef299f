import type { Calibration } from './schema';
import { STEP_MINUTES_MAX, STEP_MINUTES_MIN } from './schema';
import { contentTokens, tokenSimilarity } from './text';

/** A finished step: what it was estimated at and how long it really took. */
export interface StepHistoryItem {
  title: string;
  estimateMinutes: number;
  actualMinutes: number;
}

export const CALIBRATION_LIMITS = {
  /** The factor never shrinks estimates below half or stretches them beyond three times. */
  minFactor: 0.5,
  maxFactor: 3,
  /** One outlier (a step left open over lunch) moves the factor at most this much. */
  minRatio: 0.2,
  maxRatio: 5,
  /** Pseudo-samples at ratio 1: a little history nudges, a lot of history decides. */
  priorWeight: 3,
  /** Every finished step counts this much; similar ones count more, by their similarity. */
  baseWeight: 0.25,
} as const;

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

const usable = (h: StepHistoryItem) =>
  Number.isFinite(h.estimateMinutes) &&
  Number.isFinite(h.actualMinutes) &&
  h.estimateMinutes > 0 &&
  h.actualMinutes > 0;

/**
 * How much to scale estimates by: a weighted geometric mean of actual/estimate ratios, shrunk
 * towards 1 by a prior so a few samples only nudge. `weights` default to 1 each.
 */
export function calibrationFactor(
  history: readonly StepHistoryItem[],
  weights?: readonly number[],
): Calibration {
  const L = CALIBRATION_LIMITS;
  let logSum = 0;
  let weightSum = 0;
  let sampleSize = 0;
  history.forEach((h, i) => {
    const w = weights?.[i] ?? 1;
    if (!usable(h) || !(w > 0)) return;
    const ratio = clamp(h.actualMinutes / h.estimateMinutes, L.minRatio, L.maxRatio);
    logSum += w * Math.log(ratio);
    weightSum += w;
    sampleSize++;
  });
  if (sampleSize === 0) return { factor: 1, sampleSize: 0 };
  const factor = clamp(Math.exp(logSum / (weightSum + L.priorWeight)), L.minFactor, L.maxFactor);
  return { factor: Math.round(factor * 1000) / 1000, sampleSize };
}

/** The calibration for one step: every finished step counts, similar titles count more. */
export function calibrationForStep(
  title: string,
  history: readonly StepHistoryItem[],
  historyTokens: readonly ReadonlySet<string>[] = history.map((h) => contentTokens(h.title)),
): Calibration {
  const tokens = contentTokens(title);
  const weights = historyTokens.map(
    (t) => CALIBRATION_LIMITS.baseWeight + tokenSimilarity(tokens, t),
  );
  return calibrationFactor(history, weights);
}

export function calibratedMinutes(minutes: number, factor: number): number {
  return clamp(Math.round(minutes * factor), STEP_MINUTES_MIN, STEP_MINUTES_MAX);
}

/**
 * Scales each step's estimate by how long the person's similar steps really took. Titles,
 * order and energy are kept; `baseMinutes` keeps the estimate before calibration.
 */
export function calibrateSteps<T extends { title: string; estimateMinutes: number }>(
  steps: readonly T[],
  history: readonly StepHistoryItem[],
): {
  steps: (T & { baseMinutes: number })[];
  calibration: Calibration;
} {
  const overall = calibrationFactor(history);
  if (overall.sampleSize === 0) {
    return {
      calibration: overall,
      steps: steps.map((s) => ({
        ...s,
        baseMinutes: s.estimateMinutes,
        estimateMinutes: calibratedMinutes(s.estimateMinutes, 1),
      })),
    };
  }
  // Each history title is tokenised once, not once per step.
  const historyTokens = history.map((h) => contentTokens(h.title));
  return {
    calibration: overall,
    steps: steps.map((step) => {
      const { factor } = calibrationForStep(step.title, history, historyTokens);
      return {
        ...step,
        baseMinutes: step.estimateMinutes,
        estimateMinutes: calibratedMinutes(step.estimateMinutes, factor),
      };
    }),
  };
}

export interface CompletedStep {
  parentId: string;
  title: string;
  estimateMinutes: number | null;
  completedAt: Date;
  /** Minutes tracked on the step (timers, manual entries, focus sessions), when there are any. */
  trackedMinutes?: number | null;
}

/**
 * How long finished steps really took. Tracked time wins where a step has any: it is what the
 * person measured. Otherwise the step's time is the gap since its previous sibling was ticked
 * off; gaps longer than `maxGapMinutes` (the person stopped for the day) and untracked first steps
 * (no start is known) are left out rather than guessed.
 */
export function actualsFromCompletions(
  completed: readonly CompletedStep[],
  options: { maxGapMinutes?: number } = {},
): StepHistoryItem[] {
  const maxGap = options.maxGapMinutes ?? 120;
  const byParent = new Map<string, CompletedStep[]>();
  for (const step of completed) {
    const list = byParent.get(step.parentId) ?? [];
    list.push(step);
    byParent.set(step.parentId, list);
  }
  const history: StepHistoryItem[] = [];
  for (const siblings of byParent.values()) {
    siblings.sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime());
    for (let i = 0; i < siblings.length; i++) {
      const step = siblings[i]!;
      const tracked = step.trackedMinutes ?? 0;
      if (step.estimateMinutes && tracked > 0) {
        history.push({
          title: step.title,
          estimateMinutes: step.estimateMinutes,
          actualMinutes: Math.round(tracked),
        });
        continue;
      }
      if (i === 0) continue;
      const gap = (step.completedAt.getTime() - siblings[i - 1]!.completedAt.getTime()) / 60_000;
      if (!step.estimateMinutes || gap < 1 || gap > maxGap) continue;
      history.push({
        title: step.title,
        estimateMinutes: step.estimateMinutes,
        actualMinutes: Math.round(gap),
      });
    }
  }
  return history;
}
