import {
  autoCloseRule,
  type FocusBoundary,
  focusBoundaries,
  MINUTE_MS,
  type NotificationKind,
} from '@proxy/core';
import { focusSessions } from '@proxy/db/schema';
import { asc, isNull } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { emit } from '../events/emit';
import { focusAutoClose, focusBoundary } from '../jobs/definitions';
import { notify } from '../notifications/notify';
import { closeIfDue, loadSession, wholeMinutes } from './store';

type Deps = Pick<AppDeps, 'db' | 'now' | 'jobs' | 'mailer' | 'push'>;

/** A reminder this late is noise (the worker was down): the event still counts, the ping does not. */
export const STALE_REMINDER_MS = 10 * MINUTE_MS;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the person is told at a boundary, in calm words. */
export function boundaryMessage(
  b: FocusBoundary,
  taskTitle: string | null,
): { kind: NotificationKind; title: string; body: string } {
  const on = taskTitle ? ` on “${taskTitle}”` : '';
  switch (b.type) {
    case 'work_end': {
      const worked = plural(wholeMinutes(b.workedMs), 'minute');
      if (b.next === 'finished') {
        return {
          kind: 'break_reminder',
          title: 'Focus session done',
          body: `You focused ${worked}${on}. Well done: every planned block is finished.`,
        };
      }
      if (b.next === 'break_over') {
        return {
          kind: 'break_reminder',
          title: 'Block done',
          body: `You focused ${worked}${on}. Start the next block when you are ready.`,
        };
      }
      const rest = plural(wholeMinutes(b.breakMs), 'minute');
      return {
        kind: 'break_reminder',
        title: b.next === 'long_break' ? 'Time for a long break' : 'Time for a break',
        body: `You focused ${worked}${on}. Take ${rest}: stand up, drink some water.`,
      };
    }
    case 'break_end':
      return {
        kind: 'break_over',
        title: 'Back to it?',
        body: `Your break is over. The next block${on} starts when you say so.`,
      };
    case 'hyperfocus':
      return {
        kind: 'break_reminder',
        title: 'Still going?',
        body: `You have worked ${plural(wholeMinutes(b.workedMs), 'minute')}${on} without a break. A short pause keeps the flow.`,
      };
  }
}

export type BoundaryOutcome = 'sent' | 'stale' | 'already' | 'rescheduled' | 'gone';

/**
 * A boundary job fires: if the boundary still holds under the moves as they are now (a pause,
 * resume or stop since it was scheduled makes it vanish or move), the person is told through
 * every channel they want (notify), once per session, boundary and time. A clock-driven break
 * also emits `focus.break_started`.
 */
export async function fireFocusBoundary(
  deps: Deps,
  payload: { sessionId: string; key: string; at: string },
): Promise<BoundaryOutcome> {
  const at = new Date(payload.at);
  return deps.db.transaction(async (tx) => {
    let loaded: Awaited<ReturnType<typeof loadSession>>;
    try {
      loaded = await loadSession(tx, null, payload.sessionId, { lock: true });
    } catch {
      return 'gone';
    }
    const boundary = focusBoundaries(loaded.session).find(
      (b) => b.key === payload.key && b.at.getTime() === at.getTime(),
    );
    if (!boundary) return 'stale';
    const now = deps.now();
    if (now.getTime() < at.getTime() - 1000) {
      // Fired before its time (clocks differ between processes): wait for it.
      await deps.jobs.send(focusBoundary, payload, {
        tx,
        startAfter: at,
        singletonKey: `${payload.sessionId}:${payload.key}`,
        replaceQueued: true,
      });
      return 'rescheduled';
    }
    const dedupeKey = `focus:${payload.sessionId}:${payload.key}:${at.getTime()}`;
    const message = boundaryMessage(boundary, loaded.taskTitle);
    const late = now.getTime() - at.getTime() > STALE_REMINDER_MS;
    const told = await notify(deps, tx, {
      userId: loaded.row.userId,
      ...message,
      link: '/focus',
      dedupeKey,
      subject: { type: 'focus_session', id: payload.sessionId },
      // Too late to be a reminder: keep it in the inbox only.
      ...(late ? { channels: [] } : {}),
    });
    if (!told) return 'already';
    if (
      boundary.type === 'work_end' &&
      (boundary.next === 'short_break' || boundary.next === 'long_break')
    ) {
      await emit(deps, tx, {
        type: 'focus.break_started',
        userId: loaded.row.userId,
        occurredAt: at,
        data: {
          sessionId: loaded.row.id,
          kind: loaded.row.kind,
          taskId: loaded.row.taskId,
          taskTitle: loaded.taskTitle,
          breakType: boundary.next,
          breakMinutes: wholeMinutes(boundary.breakMs),
        },
      });
    }
    return 'sent';
  });
}

/** The auto-close job: closes the session if its rule is due, else waits for the rule's time. */
export async function autoCloseFocusSession(
  deps: Deps,
  payload: { sessionId: string },
): Promise<'closed' | 'open' | 'gone'> {
  return deps.db.transaction(async (tx) => {
    let loaded: Awaited<ReturnType<typeof loadSession>>;
    try {
      loaded = await loadSession(tx, null, payload.sessionId, { lock: true });
    } catch {
      return 'gone';
    }
    if (loaded.row.outcome !== null) return 'gone';
    const now = deps.now();
    if (await closeIfDue(deps, tx, loaded, now)) return 'closed';
    const rule = autoCloseRule(loaded.session);
    if (rule) {
      await deps.jobs.send(focusAutoClose, payload, {
        tx,
        startAfter: rule.dueAt,
        singletonKey: payload.sessionId,
        replaceQueued: true,
      });
    }
    return 'open';
  });
}

/** Every few minutes: open sessions whose auto-close is overdue are closed (a lost job heals). */
export async function sweepFocusSessions(deps: Deps): Promise<number> {
  const open = await deps.db
    .select({ id: focusSessions.id })
    .from(focusSessions)
    .where(isNull(focusSessions.outcome))
    .orderBy(asc(focusSessions.lastMoveAt))
    .limit(500);
  let closed = 0;
  for (const { id } of open) {
    if ((await autoCloseFocusSession(deps, { sessionId: id })) === 'closed') closed++;
  }
  return closed;
}
