import { notificationDeliveries, notifications, users } from '@proxy/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPush from 'web-push';
import type { MailMessage } from '../context';
import { notificationDeliver } from '../jobs/definitions';
import { rowsOf } from '../jobs/sql-rows';
import { sendDueReminders } from '../tasks/due-reminders';
import { createHarness, type Harness } from '../testing';
import { deliverNotification } from './deliver';
import { sendDueDigests } from './digest';
import { notify } from './notify';

/**
 * notify() and the rules around it, with an injected clock: preferences per kind and channel,
 * quiet hours in the person's timezone (across a daylight-saving night), digests, due reminders.
 */
let h: Harness;
let clock = new Date('2026-06-01T10:00:00Z');
const mails: MailMessage[] = [];

beforeAll(async () => {
  h = await createHarness({
    now: () => clock,
    mailer: {
      async send(message) {
        mails.push(message);
      },
    },
    // Keys only: no device is subscribed in this file, so push deliveries are never planned.
    push: { ...webPush.generateVAPIDKeys(), subject: 'mailto:test@example.com' },
  });
});
afterAll(() => h.close());

async function personIn(timezone: string) {
  const me = await h.newUser();
  await h.db.update(users).set({ timezone }).where(eq(users.id, me.id));
  return me;
}

let n = 0;
async function tell(
  userId: string,
  kind: Parameters<typeof notify>[2]['kind'],
  title = `Something ${++n}`,
) {
  return h.db.transaction((tx) =>
    notify(h.deps, tx, { userId, kind, title, body: 'Details.', dedupeKey: `t:${userId}:${++n}` }),
  );
}

const deliveriesOf = (notificationId: string) =>
  h.db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.notificationId, notificationId))
    .orderBy(notificationDeliveries.channel);

async function deliverJobsFor(deliveryId: string) {
  return rowsOf<{ start_after: string | Date }>(
    await h.db.execute(
      sql`select start_after from pgboss.job where name = ${notificationDeliver.name} and data->>'deliveryId' = ${deliveryId}`,
    ),
  );
}

describe('notify', () => {
  it('records the inbox row at once and is idempotent by its dedupe key', async () => {
    const me = await personIn('Europe/Berlin');
    const input = {
      userId: me.id,
      kind: 'assignment_needs_review' as const,
      title: 'Review me',
      body: 'Please',
      dedupeKey: `once:${me.id}`,
    };
    const first = await h.db.transaction((tx) => notify(h.deps, tx, input));
    const second = await h.db.transaction((tx) => notify(h.deps, tx, input));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    const rows = await h.db.select().from(notifications).where(eq(notifications.userId, me.id));
    expect(rows).toHaveLength(1);
    expect((await me.caller.notifications.unreadCount()).count).toBe(1);
  });

  it('obeys preferences per kind and channel', async () => {
    const me = await personIn('UTC');
    // Defaults: a review waiting goes by email at once.
    const before = await tell(me.id, 'assignment_needs_review');
    expect(before!.deliveries.map((d) => [d.channel, d.status])).toEqual([['email', 'pending']]);
    await me.caller.notifications.updatePreferences({
      modes: [{ kind: 'assignment_needs_review', channel: 'email', mode: 'off' }],
    });
    const after = await tell(me.id, 'assignment_needs_review');
    expect(after!.deliveries).toEqual([]);
    // Another kind keeps its own default.
    const other = await tell(me.id, 'assignment_failed');
    expect(other!.deliveries.map((d) => d.channel)).toEqual(['email']);
    // Push has no device here, so it is not planned whatever the preference.
    const prefs = await me.caller.notifications.preferences();
    expect(prefs.kinds.find((k) => k.kind === 'assignment_needs_review')?.modes.email).toBe('off');
    expect(prefs.channels).toMatchObject({
      email: { available: true },
      push: { available: true, devices: 0 },
    });
  });

  it('holds deliveries through quiet hours and releases them when they end, across the spring change', async () => {
    const me = await personIn('Europe/Berlin');
    await me.caller.notifications.updatePreferences({
      quietHours: { enabled: true, start: '22:00', end: '07:00' },
    });
    // Saturday 28 March 2026, 23:30 in Berlin; the clocks jump forward at 02:00.
    clock = new Date('2026-03-28T22:30:00Z');
    const held = await tell(me.id, 'monitor_triggered', 'Held overnight');
    const [, email] = await deliveriesOf(held!.notificationId);
    expect(email).toMatchObject({ channel: 'email', status: 'held' });
    // 07:00 CEST is 05:00 UTC that morning.
    expect(email!.nextAttemptAt).toEqual(new Date('2026-03-29T05:00:00Z'));
    const [job] = await deliverJobsFor(email!.id);
    expect(new Date(job!.start_after)).toEqual(new Date('2026-03-29T05:00:00Z'));
    // The inbox has it already.
    expect((await me.caller.notifications.list({})).items[0]!.title).toBe('Held overnight');

    // A send asked for early changes nothing; at 07:00 it goes.
    clock = new Date('2026-03-29T04:59:00Z');
    expect(await deliverNotification(h.deps, email!.id)).toEqual({ status: 'skipped' });
    clock = new Date('2026-03-29T05:00:30Z');
    const sent = mails.length;
    expect(await deliverNotification(h.deps, email!.id)).toMatchObject({ status: 'sent' });
    expect(mails.slice(sent).map((m) => m.subject)).toEqual(['Held overnight']);

    // Urgent kinds are not held: a break reminder for a session the person started.
    clock = new Date('2026-03-28T23:00:00Z');
    await me.caller.notifications.updatePreferences({
      modes: [{ kind: 'break_reminder', channel: 'email', mode: 'instant' }],
    });
    const urgent = await tell(me.id, 'break_reminder');
    expect(urgent!.deliveries.map((d) => d.status)).toEqual(['pending']);
    clock = new Date('2026-06-01T10:00:00Z');
  });

  it('gathers low-priority kinds into one digest message at the digest hour', async () => {
    const me = await personIn('America/New_York');
    await me.caller.notifications.updatePreferences({ digest: { cadence: 'daily', hour: 8 } });
    clock = new Date('2026-06-01T14:00:00Z'); // 10:00 in New York
    for (const title of ['Report written', 'Tests green', 'Docs updated']) {
      const r = await tell(me.id, 'assignment_completed', title);
      expect(r!.deliveries).toEqual([
        { channel: 'email', status: 'digest', at: new Date('2026-06-02T12:00:00Z') },
      ]);
    }
    // Not yet.
    expect(await sendDueDigests(h.deps)).toEqual({ digests: 0, items: 0 });
    clock = new Date('2026-06-02T12:00:00Z');
    expect(await sendDueDigests(h.deps)).toEqual({ digests: 1, items: 3 });
    expect(await sendDueDigests(h.deps)).toEqual({ digests: 0, items: 0 });

    const [digest] = await h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, me.id), eq(notifications.kind, 'digest')));
    expect(digest!.title).toBe('3 updates from Proxy');
    expect(digest!.body).toContain('- Report written');
    expect(digest!.body).toContain('- Docs updated');
    const [delivery] = await deliveriesOf(digest!.id);
    const sent = mails.length;
    expect(await deliverNotification(h.deps, delivery!.id)).toMatchObject({ status: 'sent' });
    expect(mails.slice(sent).map((m) => m.subject)).toEqual(['3 updates from Proxy']);
    // The gathered ones are marked sent through the digest; the inbox lists them, not it.
    const items = await h.db
      .select({ status: notificationDeliveries.status, digestId: notificationDeliveries.digestId })
      .from(notificationDeliveries)
      .where(
        and(eq(notificationDeliveries.userId, me.id), eq(notificationDeliveries.channel, 'email')),
      );
    expect(items.filter((i) => i.digestId === digest!.id)).toHaveLength(3);
    const inbox = await me.caller.notifications.list({});
    expect(inbox.items.map((i) => i.kind)).not.toContain('digest');
    expect((await me.caller.notifications.unreadCount()).count).toBe(3);
    clock = new Date('2026-06-01T10:00:00Z');
  });

  it('a test on a channel goes now, or is refused with what to do', async () => {
    const me = await personIn('UTC');
    const sent = await me.caller.notifications.sendTest({ channel: 'email' });
    const [, email] = await deliveriesOf(sent.notificationId);
    expect(email).toMatchObject({ channel: 'email', status: 'pending' });
    await expect(me.caller.notifications.sendTest({ channel: 'push' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Turn on push'),
    });
    const key = await me.caller.apiKeys.create({ name: 'notify', scopes: ['read', 'write'] });
    const res = await h.rest('POST', '/notifications/test', {
      key: key.secret,
      body: { channel: 'pigeon' },
    });
    expect(res.status).toBe(400);
  });

  it('preferences over REST: read, change, and clear 400s for bad input', async () => {
    const me = await personIn('Asia/Kolkata');
    const key = await me.caller.apiKeys.create({ name: 'prefs', scopes: ['read', 'write'] });
    const got = await h.rest('GET', '/notifications/preferences', { key: key.secret });
    expect(got.status).toBe(200);
    const body = (await got.json()) as { timeZone: string; kinds: { kind: string }[] };
    expect(body.timeZone).toBe('Asia/Kolkata');
    expect(body.kinds.map((k) => k.kind)).toContain('monitor_triggered');
    expect(body.kinds.map((k) => k.kind)).not.toContain('digest');

    const changed = await h.rest('PATCH', '/notifications/preferences', {
      key: key.secret,
      body: { quietHours: { enabled: true, start: '23:30', end: '06:15' } },
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { quietHours: unknown }).quietHours).toEqual({
      enabled: true,
      start: '23:30',
      end: '06:15',
    });

    for (const bad of [
      { quietHours: { enabled: true, start: '25:00', end: '07:00' } },
      { digest: { cadence: 'weekly', hour: 8 } },
      { modes: [{ kind: 'digest', channel: 'email', mode: 'instant' }] },
      { modes: [{ kind: 'monitor_triggered', channel: 'in_app', mode: 'off' }] },
      { surprise: true },
    ]) {
      const res = await h.rest('PATCH', '/notifications/preferences', {
        key: key.secret,
        body: bad,
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe('due reminders', () => {
  it('tell once per task and due time, in the person’s own time', async () => {
    const me = await personIn('Europe/Berlin');
    clock = new Date('2026-06-01T10:00:00Z');
    const soon = await me.caller.tasks.create({
      title: 'Send the form',
      dueAt: '2026-06-01T10:45:00.000Z',
    });
    await me.caller.tasks.create({ title: 'Far away', dueAt: '2026-06-03T10:00:00.000Z' });
    const done = await me.caller.tasks.create({
      title: 'Already done',
      dueAt: '2026-06-01T10:30:00.000Z',
    });
    await me.caller.tasks.update({ id: done.id, status: 'done' });

    const first = await sendDueReminders(h.deps);
    expect(first.dueSoon).toBeGreaterThanOrEqual(1);
    const mine = () =>
      h.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, me.id), eq(notifications.kind, 'task_due_soon')));
    const told = await mine();
    expect(told.map((t) => t.title)).toEqual(['Soon: Send the form']);
    // 10:45 UTC is 12:45 in Berlin.
    expect(told[0]!.body).toContain('12:45');
    expect(told[0]!.body).toContain('in 45 minutes');

    await sendDueReminders(h.deps);
    expect(await mine()).toHaveLength(1);

    // A new due time is a new reminder.
    await me.caller.tasks.update({ id: soon.id, dueAt: '2026-06-01T10:50:00.000Z' });
    await sendDueReminders(h.deps);
    expect(await mine()).toHaveLength(2);

    // Past due: one gentle word, once.
    clock = new Date('2026-06-01T11:30:00Z');
    await sendDueReminders(h.deps);
    await sendDueReminders(h.deps);
    const overdue = await h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, me.id), eq(notifications.kind, 'task_overdue')));
    expect(overdue.map((o) => o.title)).toEqual(['Still open: Send the form']);
    clock = new Date('2026-06-01T10:00:00Z');
  });
});
