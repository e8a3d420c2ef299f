import {
  events,
  focusSessions,
  notificationDeliveries,
  notificationPreferences,
  notifications,
  pushSubscriptions,
} from '@proxy/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPush from 'web-push';
import { focusAutoClose, focusBoundary } from '../jobs/definitions';
import { allJobHandlers } from '../jobs/handlers';
import { rowsOf } from '../jobs/sql-rows';
import { createHarness, type Harness } from '../testing';
import { fireFocusBoundary, sweepFocusSessions } from './reminders';

/**
 * The focus jobs on an injected clock: break reminders at a block's end through every channel,
 * moved by a pause, dropped by a stop, never twice; "back to it?" after a break; flowtime's
 * hyperfocus nudge; the worker closing forgotten sessions with the time they really had.
 *
 * The queue's own clock is the database's, so `runFocusJobsAt` plays the worker: it runs the
 * focus jobs whose start_after has come on the injected clock, with their registered handlers.
 */
let h: Harness;
let clock = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + minutes * 60_000);

beforeAll(async () => {
  h = await createHarness({
    now: () => clock,
    mailer: { async send() {} },
    push: { ...webPush.generateVAPIDKeys(), subject: 'mailto:test@example.com' },
  });
});
afterAll(() => h.close());

type JobRow = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  start_after: string | Date;
};

async function waitingFocusJobs(sessionId: string) {
  return rowsOf<JobRow>(
    await h.db.execute(
      sql`select id, name, data, start_after from pgboss.job
          where name in (${focusBoundary.name}, ${focusAutoClose.name}) and state = 'created'
            and data->>'sessionId' = ${sessionId}
          order by start_after`,
    ),
  );
}

async function runFocusJobsAt(minutes: number, sessionId: string) {
  clock = at(minutes);
  const results: unknown[] = [];
  for (const job of await waitingFocusJobs(sessionId)) {
    if (new Date(job.start_after).getTime() > clock.getTime()) continue;
    const handler = allJobHandlers.find((x) => x.job.name === job.name)!;
    await h.db.execute(sql`delete from pgboss.job where id = ${job.id}`);
    results.push(await handler.handle(h.deps, handler.job.payload.parse(job.data)));
  }
  return results;
}

async function personWithDevices() {
  const me = await h.newUser();
  await h.db.insert(pushSubscriptions).values({
    userId: me.id,
    endpoint: `https://push.example.com/${me.id}`,
    p256dh:
      'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
    auth: 'tBHItJI5svbpez7KI4CCXg',
    label: 'laptop',
  });
  await h.db
    .insert(notificationPreferences)
    .values({ userId: me.id, kind: 'break_reminder', channel: 'email', mode: 'instant' });
  return me;
}

const inbox = (userId: string) =>
  h.db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt);

describe('break reminders', () => {
  it('fires at the block’s end on every channel, moved by a pause, once', async () => {
    clock = at(0);
    const me = await personWithDevices();
    const s = await me.caller.focus.start({
      settings: { kind: 'custom', workMinutes: 10, shortBreakMinutes: 5, blocks: 2 },
    });
    const first = await waitingFocusJobs(s.id);
    const reminder = first.find((j) => j.data.key === 'work_end:1')!;
    expect(new Date(reminder.start_after)).toEqual(at(10));

    clock = at(4);
    await me.caller.focus.move({ id: s.id, move: { type: 'pause' } });
    expect((await waitingFocusJobs(s.id)).filter((j) => j.name === focusBoundary.name)).toEqual([]);
    clock = at(6);
    await me.caller.focus.move({ id: s.id, move: { type: 'resume' } });
    const moved = (await waitingFocusJobs(s.id)).filter((j) => j.name === focusBoundary.name);
    expect(moved.map((j) => [j.data.key, new Date(j.start_after).toISOString()])).toEqual([
      ['work_end:1', at(12).toISOString()],
      ['break_end:1', at(17).toISOString()],
    ]);

    // The job the pause made stale sends nothing, even if it had not been replaced.
    expect(
      await fireFocusBoundary(h.deps, {
        sessionId: s.id,
        key: 'work_end:1',
        at: at(10).toISOString(),
      }),
    ).toBe('stale');
    await runFocusJobsAt(11, s.id);
    expect(await inbox(me.id)).toEqual([]);

    expect(await runFocusJobsAt(12, s.id)).toContain('sent');
    const [told] = await inbox(me.id);
    expect(told).toMatchObject({
      kind: 'break_reminder',
      title: 'Time for a break',
      link: '/focus',
      priority: 'urgent',
    });
    expect(told!.body).toContain('10 minutes');
    const channels = await h.db
      .select({ channel: notificationDeliveries.channel, status: notificationDeliveries.status })
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, told!.id))
      .orderBy(notificationDeliveries.channel);
    expect(channels).toEqual([
      { channel: 'in_app', status: 'sent' },
      { channel: 'email', status: 'pending' },
      { channel: 'push', status: 'pending' },
    ]);
    const breaks = await h.db
      .select()
      .from(events)
      .where(and(eq(events.userId, me.id), eq(events.type, 'focus.break_started')));
    expect(breaks.map((e) => e.data)).toEqual([
      expect.objectContaining({ sessionId: s.id, breakType: 'short_break', breakMinutes: 5 }),
    ]);

    // A retried job tells nothing twice.
    expect(
      await fireFocusBoundary(h.deps, {
        sessionId: s.id,
        key: 'work_end:1',
        at: at(12).toISOString(),
      }),
    ).toBe('already');
    expect(await inbox(me.id)).toHaveLength(1);

    await runFocusJobsAt(17, s.id);
    const after = await inbox(me.id);
    expect(after.map((n) => [n.kind, n.title])).toEqual([
      ['break_reminder', 'Time for a break'],
      ['break_over', 'Back to it?'],
    ]);

    clock = at(18);
    await me.caller.focus.move({ id: s.id, move: { type: 'stop' } });
    expect(await waitingFocusJobs(s.id)).toEqual([]);
  });

  it('a stop drops the waiting reminder', async () => {
    clock = at(0);
    const me = await h.newUser();
    const s = await me.caller.focus.start({ settings: { kind: 'pomodoro' } });
    clock = at(5);
    await me.caller.focus.move({ id: s.id, move: { type: 'stop' } });
    expect(await waitingFocusJobs(s.id)).toEqual([]);
    expect(
      await fireFocusBoundary(h.deps, {
        sessionId: s.id,
        key: 'work_end:1',
        at: at(25).toISOString(),
      }),
    ).toBe('stale');
    expect(await inbox(me.id)).toEqual([]);
  });

  it('nudges flowtime after an hour without a break', async () => {
    clock = at(0);
    const me = await h.newUser();
    const s = await me.caller.focus.start({ settings: { kind: 'flowtime' } });
    await runFocusJobsAt(59, s.id);
    expect(await inbox(me.id)).toEqual([]);
    await runFocusJobsAt(60, s.id);
    const [nudge] = await inbox(me.id);
    expect(nudge).toMatchObject({ kind: 'break_reminder', title: 'Still going?' });
    expect(nudge!.body).toContain('60 minutes');
  });

  it('a reminder the worker sends very late stays in the inbox only', async () => {
    clock = at(0);
    const me = await personWithDevices();
    const s = await me.caller.focus.start({
      settings: { kind: 'custom', workMinutes: 10, blocks: 2 },
    });
    await runFocusJobsAt(45, s.id);
    const [late] = await inbox(me.id);
    expect(late?.kind).toBe('break_reminder');
    const channels = await h.db
      .select({ channel: notificationDeliveries.channel })
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, late!.id));
    expect(channels).toEqual([{ channel: 'in_app' }]);
  });
});

describe('closing forgotten sessions', () => {
  it('the worker closes a session paused and left, keeping its time', async () => {
    clock = at(0);
    const me = await h.newUser();
    const task = await me.caller.tasks.create({ title: 'Taxes' });
    const s = await me.caller.focus.start({
      settings: { kind: 'custom', workMinutes: 30 },
      taskId: task.id,
    });
    clock = at(5);
    await me.caller.focus.move({ id: s.id, move: { type: 'pause' } });
    expect(await runFocusJobsAt(60, s.id)).toEqual([]);

    expect(await runFocusJobsAt(12 * 60, s.id)).toEqual(['closed']);
    const [row] = await h.db.select().from(focusSessions).where(eq(focusSessions.id, s.id));
    expect(row).toMatchObject({ outcome: 'abandoned', autoClosed: true, workedMs: 5 * 60_000 });
    // Its end is the last sign of the person, not the morning after.
    expect(row!.endedAt).toEqual(at(5));
    expect(await me.caller.focus.current()).toBeNull();
    expect((await me.caller.timeEntries.forTask({ taskId: task.id })).totalMinutes).toBe(5);
    const [ended] = await h.db
      .select()
      .from(events)
      .where(and(eq(events.userId, me.id), eq(events.type, 'focus.ended')));
    expect(ended!.data).toMatchObject({ focusedMinutes: 5, completed: false });
    // The person can fix the length afterwards.
    const fixed = await me.caller.focus.fixLength({ id: s.id, workedMinutes: 25 });
    expect(fixed.focusedMinutes).toBe(25);
  });

  it('a plan that ran to its end completes itself at that end', async () => {
    clock = at(0);
    const me = await h.newUser();
    const s = await me.caller.focus.start({ settings: { kind: 'custom', workMinutes: 10 } });
    const results = await runFocusJobsAt(10, s.id);
    expect(results).toEqual(expect.arrayContaining(['sent', 'closed']));
    const view = await me.caller.focus.get({ id: s.id });
    expect(view.state).toMatchObject({ outcome: 'completed', autoClosed: true });
    expect(view.state.endedAt).toEqual(at(10));
    expect((await inbox(me.id)).map((n) => n.title)).toEqual(['Focus session done']);
  });

  it('the sweep heals a lost job, and a start closes an overdue session first', async () => {
    clock = at(0);
    const me = await h.newUser();
    const s = await me.caller.focus.start({ settings: { kind: 'flowtime' } });
    await h.db.execute(sql`delete from pgboss.job where data->>'sessionId' = ${s.id}`);
    clock = at(60);
    expect(await sweepFocusSessions(h.deps)).toBe(0);
    clock = at(60 + 121);
    expect(await sweepFocusSessions(h.deps)).toBeGreaterThanOrEqual(1);
    const swept = await me.caller.focus.get({ id: s.id });
    expect(swept.state).toMatchObject({ outcome: 'abandoned', autoClosed: true });
    expect(swept.state.workedMs).toBe(60 * 60_000);

    clock = at(0);
    const other = await h.newUser();
    const old = await other.caller.focus.start({ settings: { kind: 'pomodoro', blocks: 1 } });
    await h.db.execute(sql`delete from pgboss.job where data->>'sessionId' = ${old.id}`);
    clock = at(30);
    const fresh = await other.caller.focus.start({ settings: { kind: 'short_burst' } });
    expect(fresh.id).not.toBe(old.id);
    expect((await other.caller.focus.get({ id: old.id })).state.outcome).toBe('completed');
  });
});
