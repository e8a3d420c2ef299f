import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from '@proxy/core';
import { notifications, webhookDeliveries, webhookEndpoints } from '@proxy/db/schema';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatchEvent } from '../events/dispatch';
import { emit } from '../events/emit';
import { allSubscribers } from '../events/subscribers';
import { notify } from '../notifications/notify';
import { createHarness, type Harness } from '../testing';
import { deliverWebhook } from './deliver';
import { type HookReceiver, type ReceivedHook, startHookReceiver } from './receiver';

/**
 * Webhooks end to end on a real loopback receiver: signed by the Standard Webhooks spec and
 * verified with its official library, retried on the spec's schedule (an injected clock), turned
 * off by a 410 or days of failure, replayed with the same id, never sent to private addresses,
 * delivered once per (event, endpoint); REST hooks and polling triggers as Zapier uses them.
 */
let h: Harness;
let receiver: HookReceiver;
let clock = new Date();
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
/** Host names the tests resolve: public ones, and one that turns into loopback later. */
const dns: Record<string, string> = {
  'public.example.test': '93.184.216.34',
  'rebind.example.test': '127.0.0.1',
  'flip.example.test': '93.184.216.34',
  localhost: '127.0.0.1',
};

beforeAll(async () => {
  h = await createHarness({
    now: () => clock,
    webhooks: {
      // Only the receiver's literal address is trusted, as an operator's allow-list would be.
      allowHosts: ['127.0.0.1'],
      resolve: async (host) => {
        const address = dns[host];
        if (!address) throw new Error(`no such host ${host}`);
        return [{ address, family: 4 }];
      },
      random: () => 0.5,
      timeoutMs: 5_000,
    },
  });
  receiver = await startHookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await h.close();
});
beforeEach(() => {
  clock = new Date();
  receiver.received.length = 0;
  receiver.respond = () => ({ status: 200, body: 'ok' });
});

type User = Awaited<ReturnType<Harness['newUser']>>;

async function endpointFor(user: User, eventTypes: string[], path = '/hook') {
  return user.caller.webhooks.create({ url: receiver.url(path), eventTypes });
}

/** Verifies a received message with the official library (at the message's own timestamp). */
function verified(hook: ReceivedHook, secret: string) {
  const wh = new Webhook(secret);
  const id = String(hook.headers['webhook-id']);
  const ts = Number(hook.headers['webhook-timestamp']);
  const expected = wh.sign(id, new Date(ts * 1000), hook.body);
  const signatures = String(hook.headers['webhook-signature']).split(' ');
  return signatures.includes(expected);
}

const onPath = (path: string) => receiver.received.filter((r) => r.path === path);

describe('webhook endpoints', () => {
  it('shows the secret once and stores it sealed; lists without it', async () => {
    const me = await h.newUser();
    const { endpoint, secret } = await endpointFor(me, ['task.*']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const listed = await me.caller.webhooks.list();
    expect(listed.map((e) => e.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    const [row] = await h.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.secretCiphertext).not.toContain(secret.slice(6));
    expect(h.deps.secrets.open(row!.secretCiphertext)).toBe(secret);
  });

  it('refuses private, loopback and odd targets at subscription, in words', async () => {
    const me = await h.newUser();
    for (const url of [
      'http://localhost:8080/hook',
      'http://10.0.0.5/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://rebind.example.test/hook',
      'http://0x7f000002/hook', // 127.0.0.2, spelled in hex
    ]) {
      await expect(me.caller.webhooks.create({ url, eventTypes: ['*'] }), url).rejects.toThrow(
        /private or local addresses/,
      );
    }
    await expect(
      me.caller.webhooks.create({ url: 'ftp://public.example.test/x', eventTypes: ['*'] }),
    ).rejects.toThrow(/only http and https/);
    await expect(
      me.caller.webhooks.create({ url: 'http://u:p@public.example.test/x', eventTypes: ['*'] }),
    ).rejects.toThrow(/user name or password/);
    await expect(
      me.caller.webhooks.create({ url: receiver.url(), eventTypes: ['tasks.everything'] }),
    ).rejects.toThrow(/Not an event type/);
    await expect(
      me.caller.webhooks.create({ url: receiver.url(), eventTypes: [] }),
    ).rejects.toThrow(/at least one/);
    expect(await me.caller.webhooks.list()).toEqual([]);
  });

  it('another person cannot see, change, test or replay my endpoints', async () => {
    const me = await h.newUser();
    const other = await h.newUser();
    const { endpoint } = await endpointFor(me, ['task.*']);
    const { deliveryId } = await me.caller.webhooks.test({ id: endpoint.id });
    await expect(other.caller.webhooks.get({ id: endpoint.id })).rejects.toThrow(/not found/);
    await expect(other.caller.webhooks.update({ id: endpoint.id, enabled: false })).rejects.toThrow(
      /not found/,
    );
    await expect(other.caller.webhooks.test({ id: endpoint.id })).rejects.toThrow(/not found/);
    await expect(other.caller.webhooks.deliveries({ id: endpoint.id })).rejects.toThrow(
      /not found/,
    );
    await expect(other.caller.webhooks.delivery({ deliveryId })).rejects.toThrow(/not found/);
    await expect(other.caller.webhooks.replay({ deliveryId })).rejects.toThrow(/not found/);
    await expect(other.caller.webhooks.delete({ id: endpoint.id })).rejects.toThrow(/not found/);
    expect(await other.caller.webhooks.list()).toEqual([]);
  });
});

describe('delivery', () => {
  it('a task event reaches the endpoint signed, and the official library verifies it', async () => {
    const me = await h.newUser();
    const { endpoint, secret } = await endpointFor(me, ['task.*'], '/verified');
    const task = await me.caller.tasks.create({ title: 'Call the dentist' });
    await h.runJobs();
    const [hook] = onPath('/verified');
    expect(hook).toBeDefined();
    // The library's own verify: signature, and a timestamp within its tolerance of now.
    const body = new Webhook(secret).verify(hook!.body, hook!.headers as Record<string, string>);
    expect(body).toMatchObject({
      type: 'task.created',
      version: 1,
      data: { taskId: task.id, title: 'Call the dentist' },
    });
    expect(hook!.headers['content-type']).toBe('application/json');
    const page = await me.caller.webhooks.deliveries({ id: endpoint.id });
    expect(page.items).toHaveLength(1);
    const detail = await me.caller.webhooks.delivery({ deliveryId: page.items[0]!.id });
    expect(detail).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200 });
    expect(detail.messageId).toBe(hook!.headers['webhook-id']);
    expect(detail.payload).toBe(hook!.body);
    expect(detail.attemptLog).toEqual([
      expect.objectContaining({
        trigger: 'schedule',
        statusCode: 200,
        responseExcerpt: 'ok',
        error: null,
      }),
    ]);
  });

  it('exactly one delivery per (event, endpoint) when dispatch runs twice', async () => {
    const me = await h.newUser();
    const { endpoint } = await endpointFor(me, ['task.created'], '/once');
    await me.caller.tasks.create({ title: 'Water the plants' });
    const [row] = await h.db
      .select({ eventId: webhookDeliveries.eventId })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(row).toBeUndefined(); // nothing before dispatch
    const { events } = await import('@proxy/db/schema');
    const [event] = await h.db
      .select()
      .from(events)
      .where(and(eq(events.userId, me.id), eq(events.type, 'task.created')));
    await Promise.all([
      dispatchEvent(h.deps, event!.id, allSubscribers),
      dispatchEvent(h.deps, event!.id, allSubscribers),
    ]);
    await h.runJobs();
    await dispatchEvent(h.deps, event!.id, allSubscribers);
    await h.runJobs();
    const rows = await h.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(rows).toHaveLength(1);
    expect(onPath('/once')).toHaveLength(1);
  });

  it('retries on the specification schedule, then gives up', async () => {
    const me = await h.newUser();
    clock = new Date('2031-01-06T09:00:00Z'); // ahead of real time: the queue leaves retries alone
    receiver.respond = () => ({ status: 503, body: 'busy' });
    const { endpoint, secret } = await endpointFor(me, ['*'], '/down');
    const { deliveryId } = await me.caller.webhooks.test({ id: endpoint.id });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      const before = clock.getTime();
      const result = await deliverWebhook(h.deps, deliveryId);
      if (attempt < WEBHOOK_MAX_ATTEMPTS) {
        expect(result.status).toBe('retrying');
        if (result.status !== 'retrying') return;
        waits.push(result.nextAttemptAt.getTime() - before);
        // Not before its time, whoever asks.
        expect(await deliverWebhook(h.deps, deliveryId)).toEqual({ status: 'skipped' });
        clock = result.nextAttemptAt;
      } else {
        expect(result).toMatchObject({ status: 'dead', statusCode: 503 });
      }
    }
    // Each step with the fixed 5% jitter of random() = 0.5.
    expect(waits).toEqual(WEBHOOK_RETRY_DELAYS_MS.map((ms) => Math.round(ms * 1.05)));
    const hooks = onPath('/down');
    expect(hooks).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(new Set(hooks.map((hk) => hk.headers['webhook-id'])).size).toBe(1);
    expect(hooks.every((hk) => verified(hk, secret))).toBe(true);
    const detail = await me.caller.webhooks.delivery({ deliveryId });
    expect(detail.status).toBe('dead');
    expect(detail.attemptLog).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    // About three days of failing: not yet the five that turn an endpoint off.
    expect((await me.caller.webhooks.get({ id: endpoint.id })).enabled).toBe(true);
  });

  it('honours Retry-After when it asks for longer than the schedule', async () => {
    const me = await h.newUser();
    clock = new Date('2031-02-01T09:00:00Z');
    receiver.respond = () => ({ status: 429, headers: { 'retry-after': '120' } });
    const { endpoint } = await endpointFor(me, ['*'], '/slow-down');
    const { deliveryId } = await me.caller.webhooks.test({ id: endpoint.id });
    const result = await deliverWebhook(h.deps, deliveryId);
    expect(result.status).toBe('retrying');
    if (result.status === 'retrying') {
      expect(result.nextAttemptAt.getTime() - clock.getTime()).toBe(120_000);
    }
  });

  it('five days of failures turn the endpoint off, and its owner is told', async () => {
    const me = await h.newUser();
    clock = new Date('2031-03-01T09:00:00Z');
    receiver.respond = () => ({ status: 500 });
    const { endpoint } = await endpointFor(me, ['*'], '/broken');
    const first = await me.caller.webhooks.test({ id: endpoint.id });
    await deliverWebhook(h.deps, first.deliveryId);
    advance(5 * 24 * 3_600_000);
    const second = await me.caller.webhooks.test({ id: endpoint.id });
    await deliverWebhook(h.deps, second.deliveryId);
    const after = await me.caller.webhooks.get({ id: endpoint.id });
    expect(after).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/five days/),
    });
    // What was waiting ends when its attempt comes, without a request.
    const before = onPath('/broken').length;
    clock = new Date(clock.getTime() + 60 * 60_000);
    expect((await deliverWebhook(h.deps, first.deliveryId)).status).toBe('dead');
    expect(onPath('/broken')).toHaveLength(before);
    await h.runJobs();
    const told = await h.db.select().from(notifications).where(eq(notifications.userId, me.id));
    expect(told.map((n) => n.kind)).toContain('webhook_disabled');
    // Back on: a fresh start.
    const on = await me.caller.webhooks.update({ id: endpoint.id, enabled: true });
    expect(on).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('a 410 turns the endpoint off at once; a REST hook answering 410 is removed', async () => {
    const me = await h.newUser();
    receiver.respond = () => ({ status: 410, body: 'gone' });
    const { endpoint } = await endpointFor(me, ['task.*'], '/gone');
    const key = await me.caller.apiKeys.create({ name: 'zap', scopes: ['read', 'write'] });
    const sub = await h.rest('POST', '/hooks', {
      key: key.secret,
      body: { target_url: receiver.url('/gone-hook'), event: 'task.created' },
    });
    expect(sub.status).toBe(201);
    const hook = (await sub.json()) as { id: string };
    await me.caller.tasks.create({ title: 'Something' });
    await h.runJobs();
    expect(await me.caller.webhooks.get({ id: endpoint.id })).toMatchObject({
      enabled: false,
      disabledReason: 'it answered 410 Gone',
    });
    expect((await me.caller.webhooks.list()).map((e) => e.id)).toEqual([endpoint.id]);
    expect((await h.rest('DELETE', `/hooks/${hook.id}`, { key: key.secret })).status).toBe(404);
    const told = await h.db.select().from(notifications).where(eq(notifications.userId, me.id));
    expect(told.filter((n) => n.kind === 'webhook_disabled')).toHaveLength(2);
  });

  it('replay sends the same webhook-id and body again', async () => {
    const me = await h.newUser();
    const { endpoint, secret } = await endpointFor(me, ['task.*'], '/replay');
    await me.caller.tasks.create({ title: 'Pay rent' });
    await h.runJobs();
    const deliveryId = (await me.caller.webhooks.deliveries({ id: endpoint.id })).items[0]!.id;
    advance(1_000);
    await me.caller.webhooks.replay({ deliveryId });
    await h.runJobs();
    const hooks = onPath('/replay');
    expect(hooks).toHaveLength(2);
    expect(hooks[1]!.headers['webhook-id']).toBe(hooks[0]!.headers['webhook-id']);
    expect(hooks[1]!.body).toBe(hooks[0]!.body);
    expect(hooks.every((hk) => verified(hk, secret))).toBe(true);
    const detail = await me.caller.webhooks.delivery({ deliveryId });
    expect(detail.attemptLog.map((a) => a.trigger)).toEqual(['schedule', 'replay']);
    expect(detail.attempts).toBe(1);
  });

  it('a name that later resolves to loopback is refused at delivery; nothing is sent', async () => {
    const me = await h.newUser();
    // Ahead of real time, so the retry it schedules stays queued and never reaches the real name.
    clock = new Date('2031-04-01T09:00:00Z');
    const { endpoint } = await me.caller.webhooks.create({
      url: 'http://flip.example.test/hook',
      eventTypes: ['*'],
    });
    dns['flip.example.test'] = '127.0.0.1';
    try {
      const { deliveryId } = await me.caller.webhooks.test({ id: endpoint.id });
      const result = await deliverWebhook(h.deps, deliveryId);
      expect(result).toMatchObject({ status: 'retrying', statusCode: null });
      const detail = await me.caller.webhooks.delivery({ deliveryId });
      expect(detail.attemptLog[0]!.error).toMatch(/loopback|private|not allowed/i);
      expect(receiver.received).toHaveLength(0);
    } finally {
      dns['flip.example.test'] = '93.184.216.34';
    }
  });

  it('a redirect is not followed', async () => {
    const me = await h.newUser();
    clock = new Date('2031-05-01T09:00:00Z');
    receiver.respond = (path) =>
      path === '/moved'
        ? { status: 307, headers: { location: receiver.url('/elsewhere') } }
        : { status: 200 };
    const { endpoint } = await endpointFor(me, ['*'], '/moved');
    const { deliveryId } = await me.caller.webhooks.test({ id: endpoint.id });
    const result = await deliverWebhook(h.deps, deliveryId);
    expect(result).toMatchObject({ status: 'retrying', statusCode: 307 });
    expect(onPath('/elsewhere')).toHaveLength(0);
  });

  it('after a rotation both secrets sign for a day, then only the new one', async () => {
    const me = await h.newUser();
    const { endpoint, secret: old } = await endpointFor(me, ['*'], '/rotate');
    const { secret: fresh } = await me.caller.webhooks.rotateSecret({ id: endpoint.id });
    const first = await me.caller.webhooks.test({ id: endpoint.id });
    await deliverWebhook(h.deps, first.deliveryId);
    const [during] = onPath('/rotate');
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(during!, old)).toBe(true);
    expect(verified(during!, fresh)).toBe(true);
    advance(25 * 3_600_000);
    const second = await me.caller.webhooks.test({ id: endpoint.id });
    await deliverWebhook(h.deps, second.deliveryId);
    const after = onPath('/rotate')[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verified(after, fresh)).toBe(true);
    expect(verified(after, old)).toBe(false);
  });

  it('notifications go out as a channel to endpoints that take them', async () => {
    const me = await h.newUser();
    await endpointFor(me, ['notification.created'], '/notes');
    await me.caller.notifications.updatePreferences({
      modes: [{ kind: 'monitor_triggered', channel: 'webhook', mode: 'instant' }],
    });
    const prefs = await me.caller.notifications.preferences();
    expect(prefs.channels.webhook).toEqual({ available: true, endpoints: 1 });
    await h.db.transaction((tx) =>
      notify(h.deps, tx, {
        userId: me.id,
        kind: 'monitor_triggered',
        title: 'Bitcoin: below 50,000',
        body: 'The condition is met.',
        link: '/monitors/x',
        dedupeKey: `test:${me.id}`,
      }),
    );
    await h.runJobs();
    const [hook] = onPath('/notes');
    expect(JSON.parse(hook!.body)).toMatchObject({
      type: 'notification.created',
      data: { kind: 'monitor_triggered', title: 'Bitcoin: below 50,000' },
    });
  });
});

describe('Zapier-style REST hooks and polling triggers', () => {
  it('subscribes, receives, and unsubscribes as Zapier does', async () => {
    const me = await h.newUser();
    const key = await me.caller.apiKeys.create({ name: 'zapier', scopes: ['read', 'write'] });
    const bad = await h.rest('POST', '/hooks', {
      key: key.secret,
      body: { event: 'task.completed' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/target_url/);
    const unknown = await h.rest('POST', '/hooks', {
      key: key.secret,
      body: { target_url: receiver.url('/zap'), event: 'task.exploded' },
    });
    expect(unknown.status).toBe(400);
    const res = await h.rest('POST', '/hooks', {
      key: key.secret,
      body: { target_url: receiver.url('/zap'), event: 'task.completed' },
    });
    expect(res.status).toBe(201);
    const hook = (await res.json()) as { id: string; target_url: string; event: string };
    expect(res.headers.get('location')).toContain(`/webhooks/${hook.id}`);
    expect(hook).toMatchObject({ target_url: receiver.url('/zap'), event: 'task.completed' });
    const task = await me.caller.tasks.create({ title: 'Send the invoice' });
    await me.caller.tasks.update({ id: task.id, status: 'done' });
    await h.runJobs();
    expect(onPath('/zap').map((r) => JSON.parse(r.body).type)).toEqual(['task.completed']);
    expect((await h.rest('DELETE', `/hooks/${hook.id}`, { key: key.secret })).status).toBe(200);
    const again = await me.caller.tasks.create({ title: 'Another' });
    await me.caller.tasks.update({ id: again.id, status: 'done' });
    await h.runJobs();
    expect(onPath('/zap')).toHaveLength(1);
    // Private targets are refused here too.
    const local = await h.rest('POST', '/hooks', {
      key: key.secret,
      body: { target_url: 'http://localhost/zap', event: 'task.completed' },
    });
    expect(local.status).toBe(400);
  });

  it('polling triggers list recent items newest first with stable ids', async () => {
    const me = await h.newUser();
    const key = await me.caller.apiKeys.create({ name: 'poller', scopes: ['read'] });
    for (const title of ['One', 'Two', 'Three']) await me.caller.tasks.create({ title });
    const first = await h.rest('GET', '/triggers/task-created', { key: key.secret });
    expect(first.status).toBe(200);
    const items = (await first.json()) as { id: string; type: string; data: { title: string } }[];
    expect(items.map((i) => i.data.title)).toEqual(['Three', 'Two', 'One']);
    expect(items.every((i) => i.type === 'task.created')).toBe(true);
    const second = (await (
      await h.rest('GET', '/triggers/task-created?limit=2', { key: key.secret })
    ).json()) as { id: string }[];
    expect(second.map((i) => i.id)).toEqual(items.slice(0, 2).map((i) => i.id));
    expect((await h.rest('GET', '/triggers/task-exploded', { key: key.secret })).status).toBe(400);
    // focus-completed holds finished sessions only, however many were stopped early since.
    const focusEnded = (completed: boolean) =>
      h.db.transaction((tx) =>
        emit(h.deps, tx, {
          type: 'focus.ended',
          userId: me.id,
          data: {
            sessionId: crypto.randomUUID(),
            kind: 'pomodoro',
            taskId: null,
            taskTitle: null,
            startedAt: '2026-12-07T09:00:00.000Z',
            endedAt: '2026-12-07T09:25:00.000Z',
            focusedMinutes: completed ? 25 : 3,
            completed,
            workBlocks: completed ? 1 : 0,
            interruptions: 0,
          },
        }),
      );
    const finished = await focusEnded(true);
    for (let i = 0; i < 7; i++) await focusEnded(false);
    const focus = (await (
      await h.rest('GET', '/triggers/focus-completed?limit=2', { key: key.secret })
    ).json()) as { id: string }[];
    expect(focus.map((i) => i.id)).toEqual([finished]);
    expect((await h.rest('GET', '/triggers/task-created')).status).toBe(401);
  });
});
