import { z } from 'zod';
import { deadLetterOf, defineJob } from '../contract';

const FOCUS_BOUNDARY = 'focus.boundary';
const FOCUS_AUTO_CLOSE = 'focus.auto-close';

/**
 * One automatic change of a session (a work block ends, a break ends, flowtime's hyperfocus
 * nudge), sent with `startAfter` = its time after every move. Keyed by session and boundary so a
 * later move replaces the waiting job; the handler checks the boundary still holds under the
 * moves as they are when it fires, so a job a pause made stale sends nothing even if it was not
 * replaced.
 */
export const focusBoundary = defineJob({
  name: FOCUS_BOUNDARY,
  payload: z.object({
    sessionId: z.uuid(),
    /** The engine's boundary key ("work_end:2"). */
    key: z.string().min(1).max(100),
    /** The boundary's time as the moves said when the job was sent (ISO). */
    at: z.iso.datetime(),
  }),
  queue: {
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 30,
    deadLetter: deadLetterOf(FOCUS_BOUNDARY),
  },
});

/** Closes a session nobody came back to, when its auto-close rule falls due. */
export const focusAutoClose = defineJob({
  name: FOCUS_AUTO_CLOSE,
  payload: z.object({ sessionId: z.uuid() }),
  queue: {
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 30,
    deadLetter: deadLetterOf(FOCUS_AUTO_CLOSE),
  },
});

/** Every five minutes: open sessions whose auto-close is overdue (their job was lost) are closed. */
export const focusSweep = defineJob({
  name: 'focus.sweep',
  cron: '*/5 * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 240 },
});
