import type { DbOrTx } from '@proxy/db';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { rowsOf } from '../jobs/sql-rows';
import { notify } from '../notifications/notify';

/** "Due soon" means within the next hour. */
export const DUE_SOON_MS = 60 * 60_000;
/** An overdue task is mentioned once; one overdue for more than a week is left in peace. */
const OVERDUE_WINDOW_MS = 7 * 24 * 60 * 60_000;
const BATCH = 500;

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'now' | 'mailer' | 'push'>;

function localTime(at: Date, timeZone: string) {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(at);
  } catch {
    return at.toISOString();
  }
}

interface DueRow {
  id: string;
  user_id: string;
  title: string;
  due_at: string | Date;
  timezone: string;
}

async function dueTasks(db: DbOrTx, from: Date, to: Date, prefix: string): Promise<DueRow[]> {
  // Each task and due time is told once: the notification's dedupe key records it.
  return rowsOf<DueRow>(
    await db.execute(sql`
      select t.id, t.user_id, t.title, t.due_at, u.timezone
      from tasks t join users u on u.id = t.user_id
      where t.due_at > ${from.toISOString()}::timestamptz
        and t.due_at <= ${to.toISOString()}::timestamptz
        and t.status not in ('done', 'archived')
        and t.deleted_at is null
        and not exists (
          select 1 from notifications n
          where n.dedupe_key = ${prefix} || t.id::text || ':' || to_char(t.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'))
      order by t.due_at
      limit ${BATCH}`),
  );
}

const dueKey = (prefix: string, row: DueRow) =>
  `${prefix}${row.id}:${new Date(row.due_at).toISOString().slice(0, 19)}`;

/**
 * Tells people about tasks due within the hour, and (gently, once) about tasks whose due time
 * passed. Each person's quiet hours, digest and channels apply through notify(); the times in the
 * message are in their own timezone.
 */
export async function sendDueReminders(deps: Deps): Promise<{ dueSoon: number; overdue: number }> {
  const now = deps.now();
  const soon = await dueTasks(
    deps.db,
    now,
    new Date(now.getTime() + DUE_SOON_MS),
    'task-due-soon:',
  );
  const late = await dueTasks(
    deps.db,
    new Date(now.getTime() - OVERDUE_WINDOW_MS),
    now,
    'task-overdue:',
  );
  for (const row of soon) {
    const due = new Date(row.due_at);
    const minutes = Math.max(1, Math.round((due.getTime() - now.getTime()) / 60_000));
    await deps.db.transaction((tx) =>
      notify(deps, tx, {
        userId: row.user_id,
        kind: 'task_due_soon',
        title: `Soon: ${row.title}`,
        body: `Due at ${localTime(due, row.timezone)}, in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        link: '/inbox',
        subject: { type: 'task', id: row.id },
        dedupeKey: dueKey('task-due-soon:', row),
      }),
    );
  }
  for (const row of late) {
    await deps.db.transaction((tx) =>
      notify(deps, tx, {
        userId: row.user_id,
        kind: 'task_overdue',
        title: `Still open: ${row.title}`,
        body: `It was due ${localTime(new Date(row.due_at), row.timezone)}. Carry it over to today, give it a new date, or let it go: all fine.`,
        link: '/inbox',
        subject: { type: 'task', id: row.id },
        dedupeKey: dueKey('task-overdue:', row),
      }),
    );
  }
  return { dueSoon: soon.length, overdue: late.length };
}
