import { z } from 'zod';
import { energySchema, taskIdSchema, taskSchema } from '../tasks/schema';

/** Granularity of a split: 1 gives a few larger steps, 5 many tiny ones. */
export const SPICINESS_MIN = 1;
export const SPICINESS_MAX = 5;
export const DEFAULT_SPICINESS = 3;

/** A generated micro-step lasts 2 to 15 minutes. */
export const STEP_MINUTES_MIN = 2;
export const STEP_MINUTES_MAX = 15;

/** A step the person edits may be a little longer than a generated one, but not a project. */
export const EDITED_STEP_MINUTES_MAX = 60;

export const STEP_TITLE_MAX = 120;
export const SPLIT_STEPS_MAX = 30;

/** Control characters (NUL above all) have no place in a title, and PostgreSQL refuses NUL. */
export function hasNoControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return false;
  }
  return true;
}

export const spicinessSchema = z
  .int({ error: 'Spiciness is a whole number from 1 to 5' })
  .min(SPICINESS_MIN, 'Spiciness is at least 1')
  .max(SPICINESS_MAX, 'Spiciness is at most 5');
export type Spiciness = z.infer<typeof spicinessSchema>;

export const complexityFactorSchema = z.object({
  /** A stable identifier (`big_verb`, `long_estimate`, ...) for programs. */
  code: z.string(),
  /** One line a person can read. */
  label: z.string(),
  /** What the factor added to the score. */
  points: z.number(),
});
export type ComplexityFactor = z.infer<typeof complexityFactorSchema>;

export const complexitySchema = z.object({
  score: z.int().min(1).max(5),
  factors: z.array(complexityFactorSchema),
  suggestedSpiciness: spicinessSchema,
});
export type Complexity = z.infer<typeof complexitySchema>;

/**
 * What a model must return when asked to split a task. The JSON schema sent to the provider is
 * derived from this one object, whatever the task's text says, and the answer is validated
 * against it again on return.
 */
export const aiSplitOutputSchema = z.object({
  steps: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(STEP_TITLE_MAX).refine(hasNoControlCharacters),
        minutes: z.int().min(STEP_MINUTES_MIN).max(STEP_MINUTES_MAX),
        energy: energySchema,
      }),
    )
    .min(1)
    .max(SPLIT_STEPS_MAX),
});
export type AiSplitOutput = z.infer<typeof aiSplitOutputSchema>;

/** One proposed step, before the person edits it. */
export const proposedStepSchema = z.object({
  title: z.string(),
  /** The estimate after calibration (what the person sees). */
  estimateMinutes: z.int().min(STEP_MINUTES_MIN).max(STEP_MINUTES_MAX),
  /** The estimate before calibration. */
  baseMinutes: z.int().min(STEP_MINUTES_MIN).max(STEP_MINUTES_MAX),
  energy: energySchema,
});
export type ProposedStep = z.infer<typeof proposedStepSchema>;

export const SPLIT_MODES = ['auto', 'ai', 'offline'] as const;

export const splitPreviewInput = z.object({
  id: taskIdSchema,
  spiciness: spicinessSchema.default(DEFAULT_SPICINESS),
  /**
   * `auto`: a configured AI provider if one can answer, else the offline splitter (with a notice);
   * `ai`: only a provider (errors are returned); `offline`: only the offline splitter.
   */
  mode: z.enum(SPLIT_MODES, { error: 'Mode is one of auto, ai, offline' }).default('auto'),
});
export type SplitPreviewInput = z.input<typeof splitPreviewInput>;

export const calibrationSchema = z.object({
  /** Estimates were multiplied by this (1 = no history). */
  factor: z.number(),
  /** How many finished steps informed it. */
  sampleSize: z.int(),
});
export type Calibration = z.infer<typeof calibrationSchema>;

export const splitPreviewSchema = z.object({
  taskId: z.uuid(),
  spiciness: spicinessSchema,
  source: z.enum(['ai', 'offline']),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  complexity: complexitySchema,
  calibration: calibrationSchema,
  steps: z.array(proposedStepSchema),
  totalMinutes: z.int(),
  /** Why the offline splitter answered when AI was wanted, if it did. */
  notice: z.string().nullable(),
});
export type SplitPreview = z.infer<typeof splitPreviewSchema>;

export const acceptedStepSchema = z.object({
  title: z
    .string({ error: 'Each step needs a title' })
    .trim()
    .min(1, 'A step cannot be empty')
    .max(STEP_TITLE_MAX, `A step title can be at most ${STEP_TITLE_MAX} characters`)
    .refine(hasNoControlCharacters, 'A step title cannot hold control characters'),
  estimateMinutes: z
    .int({ error: 'Minutes are a whole number' })
    .min(1, 'A step takes at least a minute')
    .max(
      EDITED_STEP_MINUTES_MAX,
      `A step can be at most ${EDITED_STEP_MINUTES_MAX} minutes; split it`,
    )
    .nullable()
    .optional(),
  energy: energySchema.nullable().optional(),
});
export type AcceptedStep = z.infer<typeof acceptedStepSchema>;

export const acceptSplitInput = z.object({
  id: taskIdSchema,
  steps: z
    .array(acceptedStepSchema)
    .min(1, 'Keep at least one step')
    .max(SPLIT_STEPS_MAX, `At most ${SPLIT_STEPS_MAX} steps`),
  /** Remove the task's unfinished steps first (a re-split), keeping the finished ones. */
  replaceExisting: z.boolean().default(false),
});
export type AcceptSplitInput = z.input<typeof acceptSplitInput>;

export const acceptSplitOutput = z.object({
  parent: taskSchema,
  steps: z.array(taskSchema),
  /** Unfinished steps removed by `replaceExisting`. */
  removed: z.int(),
});
export type AcceptSplitOutput = z.infer<typeof acceptSplitOutput>;
