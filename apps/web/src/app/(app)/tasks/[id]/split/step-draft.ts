import {
  type AcceptSplitInput,
  acceptSplitInput,
  type Energy,
  type ProposedStep,
} from '@proxy/core';

/** One step as the person edits it: text fields as typed, and a stable key for React. */
export interface StepDraft {
  key: string;
  title: string;
  minutes: string;
  energy: Energy | '';
}

let counter = 0;
const nextKey = () => `step-${++counter}`;

export function draftsFromPreview(steps: readonly ProposedStep[]): StepDraft[] {
  return steps.map((s) => ({
    key: nextKey(),
    title: s.title,
    minutes: String(s.estimateMinutes),
    energy: s.energy,
  }));
}

export function emptyDraft(): StepDraft {
  return { key: nextKey(), title: '', minutes: '5', energy: '' };
}

/** Moves the step at `index` by `delta` places, if it can move that far. */
export function moveDraft(drafts: readonly StepDraft[], index: number, delta: -1 | 1): StepDraft[] {
  const to = index + delta;
  if (index < 0 || index >= drafts.length || to < 0 || to >= drafts.length) return [...drafts];
  const next = [...drafts];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** The API input for the drafts, as typed; shapes zod rejects are explained by `draftErrors`. */
export function acceptInputOf(
  id: string,
  drafts: readonly StepDraft[],
  replaceExisting: boolean,
): AcceptSplitInput {
  return {
    id,
    replaceExisting,
    steps: drafts.map((d) => ({
      title: d.title,
      estimateMinutes: d.minutes.trim() === '' ? null : Number(d.minutes),
      energy: d.energy || null,
    })),
  };
}

export type DraftErrors = {
  /** Messages about the list as a whole ("Keep at least one step"). */
  list: string[];
  /** Messages per step key and field. */
  steps: Record<string, { title?: string; minutes?: string }>;
};

/** Validates with the API's own schema and files each message under the step it concerns. */
export function draftErrors(id: string, drafts: readonly StepDraft[]): DraftErrors | null {
  const parsed = acceptSplitInput.safeParse(acceptInputOf(id, drafts, false));
  if (parsed.success) return null;
  const errors: DraftErrors = { list: [], steps: {} };
  for (const issue of parsed.error.issues) {
    const [root, index, field] = issue.path;
    const draft = typeof index === 'number' ? drafts[index] : undefined;
    if (root === 'steps' && draft) {
      const entry = errors.steps[draft.key] ?? {};
      errors.steps[draft.key] = entry;
      if (field === 'estimateMinutes') entry.minutes ??= issue.message;
      else entry.title ??= issue.message;
    } else {
      errors.list.push(issue.message);
    }
  }
  return errors;
}

export function totalMinutes(drafts: readonly StepDraft[]): number {
  return drafts.reduce((sum, d) => {
    const n = Number(d.minutes);
    return sum + (Number.isFinite(n) && n > 0 ? n : 0);
  }, 0);
}

export const SPICINESS_LABELS = [
  'Mild: a few bigger steps',
  'Medium: fairly big steps',
  'Hot: small steps',
  'Very hot: smaller steps',
  'Extra hot: tiny steps',
] as const;
