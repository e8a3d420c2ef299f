import { z } from 'zod';
import { estimateMinutesSchema, taskIdSchema, type taskStatusSchema, titleSchema } from './schema';

/**
 * Steps are one level deep: a task's steps are tasks whose `parentId` is it, ordered by
 * `position` (0 first). A step cannot have steps of its own; one level is enough to make a big
 * thing small, and a tree would need a tree on every screen.
 */

export interface StepLike {
  id: string;
  status: z.infer<typeof taskStatusSchema>;
  position: number;
}

/** How far a task's steps have come: archived steps count for neither. */
export const stepProgressSchema = z.object({
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type StepProgress = z.infer<typeof stepProgressSchema>;

export const STEPS_MAX = 100;

export const addStepInput = z.object({
  /** The parent task. */
  id: taskIdSchema,
  title: titleSchema,
  estimateMinutes: estimateMinutesSchema.nullable().optional(),
  /** Where it goes among the steps (0 first); the end when left out. */
  position: z.int().min(0, 'A position is 0 or more').optional(),
});
export type AddStepInput = z.input<typeof addStepInput>;

export const moveStepInput = z.object({
  /** The step. */
  id: taskIdSchema,
  /** Its new place among its parent's steps, 0 first; past the end means last. */
  position: z.int({ error: 'A position is a whole number' }).min(0, 'A position is 0 or more'),
});
export type MoveStepInput = z.input<typeof moveStepInput>;

/** In the order the person sees: position, then (for equal positions) oldest first. */
export function sortSteps<T extends { position: number; createdAt?: Date; id: string }>(
  steps: readonly T[],
): T[] {
  return [...steps].sort(
    (a, b) =>
      a.position - b.position ||
      (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The position a new last step takes. */
export function nextStepPosition(steps: readonly Pick<StepLike, 'position'>[]): number {
  return steps.reduce((max, s) => Math.max(max, s.position + 1), 0);
}

/**
 * The ids in their new order once `id` moves to `to` (clamped to the list): the caller writes
 * each one's index as its position, so positions stay 0..n-1 with no gaps or ties.
 */
export function reorderSteps(orderedIds: readonly string[], id: string, to: number): string[] {
  const from = orderedIds.indexOf(id);
  if (from === -1) return [...orderedIds];
  const rest = orderedIds.filter((x) => x !== id);
  const at = Math.max(0, Math.min(rest.length, Math.trunc(to)));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** Inserting at `at` (clamped): the ids in order with `id` placed there. */
export function insertStep(orderedIds: readonly string[], id: string, at: number): string[] {
  return reorderSteps([...orderedIds.filter((x) => x !== id), id], id, at);
}

export function stepProgress(steps: readonly Pick<StepLike, 'status'>[]): StepProgress {
  let done = 0;
  let total = 0;
  for (const s of steps) {
    if (s.status === 'archived') continue;
    total++;
    if (s.status === 'done') done++;
  }
  return { done, total };
}

/** True when finishing `stepId` leaves none of its siblings open: time to offer the parent. */
export function isLastOpenStep(steps: readonly Pick<StepLike, 'id' | 'status'>[], stepId: string) {
  const open = steps.filter((s) => s.status !== 'done' && s.status !== 'archived');
  return open.length === 1 && open[0]!.id === stepId;
}

/** The first open step in order, the one to do next (null when none is open). */
export function nextOpenStep<T extends StepLike & { createdAt?: Date }>(steps: readonly T[]) {
  return sortSteps(steps).find((s) => s.status !== 'done' && s.status !== 'archived') ?? null;
}
