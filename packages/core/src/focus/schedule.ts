import {
  AUTO_CLOSE_GRACE_MINUTES,
  AUTO_CLOSE_REASONS,
  type AutoCloseReason,
  type AutoCloseRule,
  autoCloseOf,
  boundariesAhead,
  type FocusBoundary,
  replay,
} from './engine';
import type { FocusSession } from './session';

/**
 * What the worker needs: when to tell the person something (boundaries) and when to close a
 * session nobody came back to (the auto-close rule). Both are functions of the moves alone: the
 * worker schedules a job per upcoming boundary after each move, and a job that fires checks its
 * boundary still holds (a pause or a stop in between makes it vanish, a resume moves it), so
 * jobs never need cancelling to be correct; cancelling only saves work.
 */
export { AUTO_CLOSE_GRACE_MINUTES, AUTO_CLOSE_REASONS, type AutoCloseReason, type AutoCloseRule };

/** When and how the worker closes a session left alone (see autoCloseOf); null once closed. */
export function autoCloseRule(session: FocusSession): AutoCloseRule | null {
  return autoCloseOf(replay(session.settings, session.moves));
}

/**
 * Every automatic change the moves imply, past and (if nothing more is done) future, in time
 * order. Future nudges stop at the auto-close, which ends the session.
 */
export function focusBoundaries(session: FocusSession): FocusBoundary[] {
  const e = replay(session.settings, session.moves);
  return e.outcome !== null ? e.boundaries : [...e.boundaries, ...boundariesAhead(e)];
}

/** Boundaries after `now`: the jobs to schedule after a move. */
export function upcomingBoundaries(session: FocusSession, now: Date): FocusBoundary[] {
  const t = now.getTime();
  return focusBoundaries(session).filter((b) => b.at.getTime() > t);
}

/**
 * Whether a scheduled boundary still holds under the moves as they are now: a job checks this
 * when it fires, so a reminder moved by a pause, or cancelled by a stop, is never sent.
 */
export function boundaryStillHolds(
  session: FocusSession,
  boundary: { key: string; at: Date },
): boolean {
  const at = boundary.at.getTime();
  return focusBoundaries(session).some((b) => b.key === boundary.key && b.at.getTime() === at);
}
