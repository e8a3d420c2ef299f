import { z } from 'zod';

/**
 * Focus kinds and their settings. Every kind is a preset over the same few numbers, with bounds
 * that keep each kind what it says it is (a 3-hour "short burst" is a custom session); a value
 * outside them is refused with a message that names the kind and its range, never clamped, so a
 * person is never surprised by a timer that is not what they asked for.
 */
export const FOCUS_KINDS = ['pomodoro', 'deep_work', 'short_burst', 'flowtime', 'custom'] as const;
export type FocusKind = (typeof FOCUS_KINDS)[number];
export const focusKindSchema = z.enum(FOCUS_KINDS, {
  error: `Kind must be one of ${FOCUS_KINDS.join(', ')}`,
});

export const TIMED_FOCUS_KINDS = ['pomodoro', 'deep_work', 'short_burst', 'custom'] as const;
export type TimedFocusKind = (typeof TIMED_FOCUS_KINDS)[number];

export const MINUTE_MS = 60_000;

type Range = { min: number; max: number };
type TimedKindRule = {
  label: string;
  /** Said after a refusal, so the person knows where the other lengths live. */
  hint: string;
  workMinutes: Range & { default: number };
  shortBreakMinutes: Range & { default: number };
  longBreakMinutes: Range & { default: number };
  /** null means no long breaks. */
  longBreakEvery: Range & { default: number | null };
  /** Planned work blocks; null runs until the person stops (or wanders off between blocks). */
  blocks: Range & { default: number | null };
};

/**
 * The presets. Pomodoro runs block after block by default (the long break needs a fourth block
 * to exist); deep work and short bursts are one block by default, the way people use them.
 */
export const TIMED_KIND_RULES: Record<TimedFocusKind, TimedKindRule> = {
  pomodoro: {
    label: 'Pomodoro',
    hint: '',
    workMinutes: { min: 5, max: 90, default: 25 },
    shortBreakMinutes: { min: 1, max: 30, default: 5 },
    longBreakMinutes: { min: 1, max: 60, default: 15 },
    longBreakEvery: { min: 2, max: 12, default: 4 },
    blocks: { min: 1, max: 24, default: null },
  },
  deep_work: {
    label: 'Deep work',
    hint: ' (use custom for other lengths)',
    workMinutes: { min: 50, max: 90, default: 60 },
    shortBreakMinutes: { min: 5, max: 30, default: 15 },
    longBreakMinutes: { min: 10, max: 60, default: 30 },
    longBreakEvery: { min: 2, max: 6, default: null },
    blocks: { min: 1, max: 8, default: 1 },
  },
  short_burst: {
    label: 'Short burst',
    hint: ' (use custom for other lengths)',
    workMinutes: { min: 10, max: 15, default: 10 },
    shortBreakMinutes: { min: 1, max: 15, default: 5 },
    longBreakMinutes: { min: 5, max: 30, default: 15 },
    longBreakEvery: { min: 2, max: 12, default: null },
    blocks: { min: 1, max: 24, default: 1 },
  },
  custom: {
    label: 'Custom',
    hint: '',
    workMinutes: { min: 1, max: 240, default: 30 },
    shortBreakMinutes: { min: 0, max: 120, default: 5 },
    longBreakMinutes: { min: 0, max: 120, default: 15 },
    longBreakEvery: { min: 1, max: 24, default: null },
    blocks: { min: 1, max: 24, default: 1 },
  },
};

const wholeMinutes = (what: string, r: Range, message: string) =>
  z
    .number({ error: `${what} must be a number of minutes` })
    .int(`${what} must be a whole number of minutes`)
    .min(r.min, message)
    .max(r.max, message);

function timedSettingsSchema<K extends TimedFocusKind>(kind: K) {
  const rule = TIMED_KIND_RULES[kind];
  const range = (r: Range, noun: string) =>
    `${rule.label} ${noun} ${r.min === r.max ? `is ${r.min}` : `are ${r.min} to ${r.max}`} minutes${rule.hint}`;
  const every = rule.longBreakEvery;
  const everyMessage = `${rule.label}: a long break comes after every ${every.min} to ${every.max} work blocks, or null for none`;
  const blocksMessage = `${rule.label}: plan ${rule.blocks.min} to ${rule.blocks.max} work blocks, or null to go on until you stop`;
  return z.object({
    kind: z.literal(kind),
    workMinutes: wholeMinutes(
      'Work',
      rule.workMinutes,
      range(rule.workMinutes, kind === 'deep_work' ? 'blocks' : 'work blocks'),
    ).default(rule.workMinutes.default),
    shortBreakMinutes: wholeMinutes(
      'A short break',
      rule.shortBreakMinutes,
      range(rule.shortBreakMinutes, 'short breaks'),
    ).default(rule.shortBreakMinutes.default),
    longBreakMinutes: wholeMinutes(
      'A long break',
      rule.longBreakMinutes,
      range(rule.longBreakMinutes, 'long breaks'),
    ).default(rule.longBreakMinutes.default),
    longBreakEvery: z
      .number({ error: everyMessage })
      .int(everyMessage)
      .min(every.min, everyMessage)
      .max(every.max, everyMessage)
      .nullable()
      .default(every.default),
    blocks: z
      .number({ error: blocksMessage })
      .int(blocksMessage)
      .min(rule.blocks.min, blocksMessage)
      .max(rule.blocks.max, blocksMessage)
      .nullable()
      .default(rule.blocks.default),
  });
}

export const pomodoroSettingsSchema = timedSettingsSchema('pomodoro');
export const deepWorkSettingsSchema = timedSettingsSchema('deep_work');
export const shortBurstSettingsSchema = timedSettingsSchema('short_burst');
export const customSettingsSchema = timedSettingsSchema('custom');

/**
 * Flowtime's break is earned by the work before it: a share of it (20%, never under a minute,
 * so a 3-minute block still gets a real pause), or steps by length, which people find easier to
 * predict ("under 25 minutes: 5").
 */
export const DEFAULT_FLOWTIME_STEPS = [
  { fromMinutes: 0, breakMinutes: 5 },
  { fromMinutes: 25, breakMinutes: 10 },
  { fromMinutes: 50, breakMinutes: 15 },
] as const;

const shareRuleSchema = z.object({
  type: z.literal('share'),
  percent: z
    .number({ error: 'The break share must be a percentage' })
    .int('The break share must be a whole percentage')
    .min(1, 'The break share is 1 to 100 percent of the work')
    .max(100, 'The break share is 1 to 100 percent of the work')
    .default(20),
  minMinutes: wholeMinutes(
    'The shortest break',
    { min: 0, max: 30 },
    'The shortest flowtime break is 0 to 30 minutes',
  ).default(1),
});

const breakStepSchema = z.object({
  fromMinutes: wholeMinutes(
    'A step',
    { min: 0, max: 600 },
    'A break step starts at 0 to 600 minutes of work',
  ),
  breakMinutes: wholeMinutes(
    'A step’s break',
    { min: 0, max: 120 },
    'A break step gives 0 to 120 minutes of break',
  ),
});

const stepsRuleSchema = z.object({
  type: z.literal('steps'),
  steps: z
    .array(breakStepSchema)
    .min(1, 'Give at least one break step')
    .max(12, 'At most 12 break steps')
    .refine((steps) => steps[0]?.fromMinutes === 0, {
      message: 'The first break step starts at 0 minutes, so every block earns a break',
    })
    .refine(
      (steps) => steps.every((s, i) => i === 0 || s.fromMinutes > steps[i - 1]!.fromMinutes),
      {
        message: 'Break steps must go up: each starts later than the one before',
      },
    )
    .default(DEFAULT_FLOWTIME_STEPS.map((s) => ({ ...s }))),
});

export const flowtimeBreakRuleSchema = z.discriminatedUnion(
  'type',
  [shareRuleSchema, stepsRuleSchema],
  {
    error:
      'A flowtime break rule is {"type":"share", percent, minMinutes} or {"type":"steps", steps}',
  },
);
export type FlowtimeBreakRule = z.output<typeof flowtimeBreakRuleSchema>;

export const flowtimeSettingsSchema = z.object({
  kind: z.literal('flowtime'),
  breakRule: flowtimeBreakRuleSchema.default({ type: 'share', percent: 20, minMinutes: 1 }),
  /** Hyperfocus does not notice a quiet timer; after this much unbroken work it is nudged. */
  hyperfocusNudgeMinutes: wholeMinutes(
    'The hyperfocus nudge',
    { min: 15, max: 240 },
    'The hyperfocus nudge comes after 15 to 240 minutes without a break',
  ).default(60),
});

export const focusSettingsSchema = z.discriminatedUnion(
  'kind',
  [
    pomodoroSettingsSchema,
    deepWorkSettingsSchema,
    shortBurstSettingsSchema,
    flowtimeSettingsSchema,
    customSettingsSchema,
  ],
  { error: `Settings need a kind: one of ${FOCUS_KINDS.join(', ')}` },
);
export type FocusSettings = z.output<typeof focusSettingsSchema>;
export type FocusSettingsInput = z.input<typeof focusSettingsSchema>;
export type TimedFocusSettings = Exclude<FocusSettings, { kind: 'flowtime' }>;
export type FlowtimeSettings = Extract<FocusSettings, { kind: 'flowtime' }>;

/** A kind's settings with every default filled in. */
export const defaultFocusSettings = (kind: FocusKind): FocusSettings =>
  focusSettingsSchema.parse({ kind });

export const isTimedSettings = (s: FocusSettings): s is TimedFocusSettings => s.kind !== 'flowtime';

/**
 * Flowtime's break after a block of `workedMs`. Whole seconds, so a break never ends at an odd
 * millisecond that a person would see as a flicker between 0:01 and 0:00.
 */
export function flowtimeBreakMs(rule: FlowtimeBreakRule, workedMs: number): number {
  if (rule.type === 'share') {
    const share = Math.round((workedMs * rule.percent) / 100 / 1000) * 1000;
    return Math.max(rule.minMinutes * MINUTE_MS, share);
  }
  let minutes = rule.steps[0]?.breakMinutes ?? 0;
  for (const step of rule.steps) {
    if (workedMs >= step.fromMinutes * MINUTE_MS) minutes = step.breakMinutes;
  }
  return minutes * MINUTE_MS;
}

export type FocusBreakType = 'short_break' | 'long_break';

/** The break after work block number `cycle` (1-based) of a timed session. */
export function timedBreakAfter(
  settings: TimedFocusSettings,
  cycle: number,
): { type: FocusBreakType; ms: number } {
  const long = settings.longBreakEvery !== null && cycle % settings.longBreakEvery === 0;
  return long
    ? { type: 'long_break', ms: settings.longBreakMinutes * MINUTE_MS }
    : { type: 'short_break', ms: settings.shortBreakMinutes * MINUTE_MS };
}

/**
 * How long a calendar should block out for a session with these settings when no length is
 * given: the planned blocks with the breaks between them; an open-ended pomodoro is planned as
 * one round up to its long break; flowtime as one stretch up to its hyperfocus nudge.
 */
export function plannedFocusMinutes(settings: FocusSettings): number {
  if (settings.kind === 'flowtime') return settings.hyperfocusNudgeMinutes;
  const blocks = settings.blocks ?? settings.longBreakEvery ?? 1;
  let minutes = blocks * settings.workMinutes;
  for (let cycle = 1; cycle < blocks; cycle++) {
    minutes += timedBreakAfter(settings, cycle).ms / MINUTE_MS;
  }
  return minutes;
}
