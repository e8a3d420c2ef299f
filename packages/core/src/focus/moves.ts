import { z } from 'zod';

/**
 * What a person (or the worker) does to a session. A session is its settings plus these moves in
 * time order; everything else about it is computed from them and the clock, so the stored record
 * can never disagree with what a timer shows, and a move can be undone by history alone.
 *
 * - `extend` adds minutes to the current timed block (work or break): "five more minutes".
 * - `start_break` ends the work block now and starts its break (flowtime's only way to a break;
 *   in timed kinds, a good stopping point before the bell).
 * - `skip_break` starts the next work block now: from a break, or after it has run out ("back to
 *   it?"). One move for both, because the person cannot tell them apart at the boundary.
 * - `abandon` is the worker's: a session left behind is closed, and marked so.
 * - `complete` with `auto` is also the worker's: a plan that ran to its end closes itself.
 */
export const FOCUS_MOVE_TYPES = [
  'start',
  'pause',
  'resume',
  'interruption',
  'extend',
  'start_break',
  'skip_break',
  'stop',
  'complete',
  'abandon',
] as const;
export type FocusMoveType = (typeof FOCUS_MOVE_TYPES)[number];

/** How a session ended. Completed counts toward the completion rate; the others do not. */
export const FOCUS_OUTCOMES = ['completed', 'stopped', 'abandoned'] as const;
export type FocusOutcome = (typeof FOCUS_OUTCOMES)[number];
export const focusOutcomeSchema = z.enum(FOCUS_OUTCOMES);

export const INTERRUPTION_NOTE_MAX = 500;
export const EXTEND_MINUTES_MAX = 60;

const atSchema = z.coerce.date({ error: 'A move needs a valid time' });

const storedNoteSchema = z
  .string({ error: 'The note must be text' })
  .max(INTERRUPTION_NOTE_MAX, `A note can be at most ${INTERRUPTION_NOTE_MAX} characters`);
/** Trimmed on the way in only: a stored note reads back exactly as it was written. */
export const interruptionNoteSchema = z
  .string({ error: 'The note must be text' })
  .trim()
  .max(INTERRUPTION_NOTE_MAX, `A note can be at most ${INTERRUPTION_NOTE_MAX} characters`);

export const extendMinutesSchema = z
  .number({ error: 'Extend by a number of minutes' })
  .int('Extend by a whole number of minutes')
  .min(1, `Extend by 1 to ${EXTEND_MINUTES_MAX} minutes`)
  .max(EXTEND_MINUTES_MAX, `Extend by 1 to ${EXTEND_MINUTES_MAX} minutes`);

/** A stored move (a row, or JSON with ISO times: `at` is coerced to a Date). */
export const focusMoveSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), at: atSchema }),
  z.object({ type: z.literal('pause'), at: atSchema }),
  z.object({ type: z.literal('resume'), at: atSchema }),
  z.object({ type: z.literal('interruption'), at: atSchema, note: storedNoteSchema }),
  z.object({ type: z.literal('extend'), at: atSchema, minutes: extendMinutesSchema }),
  z.object({ type: z.literal('start_break'), at: atSchema }),
  z.object({ type: z.literal('skip_break'), at: atSchema }),
  z.object({ type: z.literal('stop'), at: atSchema }),
  z.object({ type: z.literal('complete'), at: atSchema, auto: z.boolean().nullish() }),
  z.object({ type: z.literal('abandon'), at: atSchema }),
]);
export type FocusMove = z.output<typeof focusMoveSchema>;

/** An energy check-in: 1 (running on empty) to 5 (full of energy). */
export const ENERGY_CHECK_IN_MIN = 1;
export const ENERGY_CHECK_IN_MAX = 5;
const energyMessage = `Energy is a whole number from ${ENERGY_CHECK_IN_MIN} (drained) to ${ENERGY_CHECK_IN_MAX} (full of energy)`;
export const energyCheckInSchema = z
  .number({ error: energyMessage })
  .int(energyMessage)
  .min(ENERGY_CHECK_IN_MIN, energyMessage)
  .max(ENERGY_CHECK_IN_MAX, energyMessage);
export type EnergyCheckIn = z.infer<typeof energyCheckInSchema>;

const CLIENT_MOVES = [
  'pause',
  'resume',
  'interruption',
  'extend',
  'start_break',
  'skip_break',
  'stop',
  'complete',
] as const;

/**
 * A move as a client sends it: no time (the server's clock stamps it, so a wrong laptop clock
 * cannot reorder history) and no `start` (a session is created with its start) or `abandon`
 * (the worker's). Finishing may carry the energy check-in after.
 */
export const focusMoveInput = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('pause') }),
    z.object({ type: z.literal('resume') }),
    z.object({ type: z.literal('interruption'), note: interruptionNoteSchema.default('') }),
    z.object({ type: z.literal('extend'), minutes: extendMinutesSchema }),
    z.object({ type: z.literal('start_break') }),
    z.object({ type: z.literal('skip_break') }),
    z.object({ type: z.literal('stop'), energyAfter: energyCheckInSchema.nullish() }),
    z.object({ type: z.literal('complete'), energyAfter: energyCheckInSchema.nullish() }),
  ],
  { error: `A move's type is one of ${CLIENT_MOVES.join(', ')}` },
);
export type FocusMoveInput = z.input<typeof focusMoveInput>;
export type ParsedFocusMoveInput = z.output<typeof focusMoveInput>;

/** The stored move for a client's input, stamped with the server's `at`. */
export function moveFromInput(input: ParsedFocusMoveInput, at: Date): FocusMove {
  switch (input.type) {
    case 'interruption':
      return { type: 'interruption', at, note: input.note };
    case 'extend':
      return { type: 'extend', at, minutes: input.minutes };
    case 'stop':
    case 'complete':
      return { type: input.type, at };
    default:
      return { type: input.type, at };
  }
}
