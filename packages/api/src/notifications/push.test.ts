import { createECDH, randomBytes } from 'node:crypto';
import { pushSubscriptions } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import ece from 'http_ece';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPush from 'web-push';
import { notificationDeliver } from '../jobs/definitions';
import { createHarness, type Harness, serveOnLoopback } from '../testing';
import type { PushConfig } from './push';

/**
 * Web Push end to end: a push service on loopback that speaks the protocol (VAPID-authorised POST,
 * aes128gcm body, 201 Created), a subscription made of real keys, and the test decrypting what
 * arrived with the subscription's private key, as a browser would.
 */
type Received = { headers: Headers; body: Buffer; path: string };
let h: Harness;
let service: Awaited<ReturnType<typeof serveOnLoopback>>;
const received: Received[] = [];
let answer = 201;
let config: PushConfig;

beforeAll(async () => {
  service = await serveOnLoopback({
    '/push/': async (req) => {
      received.push({
        headers: req.headers,
        body: Buffer.from(await req.arrayBuffer()),
        path: new URL(req.url).pathname,
      });
      return new Response(null, { status: answer });
    },
  });
  config = {
    ...webPush.generateVAPIDKeys(),
    subject: 'mailto:ops@example.com',
    allowHosts: ['127.0.0.1'],
  };
  h = await createHarness({ push: config });
});
afterAll(async () => {
  await h?.close();
  await service?.close();
});

/** A browser's subscription: a P-256 key pair and a 16-byte auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    keys: {
      p256dh: ecdh.getPublicKey().toString('base64url'),
      auth: auth.toString('base64url'),
    },
  };
}

describe('web push', () => {
  it('delivers a notification the subscription’s keys decrypt, signed with the server’s VAPID key', async () => {
    const me = await h.newUser();
    const browser = browserKeys();
    const device = await me.caller.notifications.subscribePush({
      endpoint: `${service.url}/push/device-1`,
      keys: browser.keys,
      label: 'Chromium on Linux',
    });
    expect(device).toMatchObject({ label: 'Chromium on Linux', service: expect.any(String) });
    expect((await me.caller.notifications.pushDevices()).items).toHaveLength(1);

    answer = 201;
    const { notificationId } = await me.caller.notifications.sendTest({ channel: 'push' });
    await h.runJobs({ only: [notificationDeliver] });

    expect(received).toHaveLength(1);
    const push = received[0]!;
    expect(push.path).toBe('/push/device-1');
    expect(push.headers.get('content-encoding')).toBe('aes128gcm');
    expect(push.headers.get('ttl')).toBe(String(24 * 60 * 60));
    // VAPID: "vapid t=<JWT>, k=<server public key>".
    const authorization = push.headers.get('authorization') ?? '';
    expect(authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=/);
    expect(authorization).toContain(`k=${config.publicKey}`);
    const jwt = JSON.parse(
      Buffer.from(authorization.split('t=')[1]!.split('.')[1]!, 'base64url').toString('utf8'),
    ) as { aud: string; sub: string };
    expect(jwt).toMatchObject({ aud: service.url, sub: 'mailto:ops@example.com' });

    const plain = ece.decrypt(push.body, {
      version: 'aes128gcm',
      privateKey: browser.ecdh,
      authSecret: browser.keys.auth,
    });
    const message = JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
    expect(message).toEqual({
      title: 'Test notification (push)',
      body: expect.stringContaining('Web Push'),
      url: '/settings#notifications',
      tag: notificationId,
    });
    const inbox = await me.caller.notifications.list({});
    const sent = inbox.items.find((i) => i.id === notificationId)!;
    expect(sent.deliveries.find((d) => d.channel === 'push')).toMatchObject({ status: 'sent' });
    const [row] = await h.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.id, device.id));
    expect(row!.lastSuccessAt).not.toBeNull();
  });

  it('a 410 from the push service removes the subscription, and the delivery says why', async () => {
    const me = await h.newUser();
    await me.caller.notifications.subscribePush({
      endpoint: `${service.url}/push/gone-device`,
      keys: browserKeys().keys,
    });
    answer = 410;
    const { notificationId } = await me.caller.notifications.sendTest({ channel: 'push' });
    await h.runJobs({ only: [notificationDeliver] });
    expect((await me.caller.notifications.pushDevices()).items).toEqual([]);
    const inbox = await me.caller.notifications.list({});
    const delivery = inbox.items
      .find((i) => i.id === notificationId)!
      .deliveries.find((d) => d.channel === 'push');
    expect(delivery).toMatchObject({
      status: 'dead',
      lastError: expect.stringMatching(/No device/),
    });
    answer = 201;
  });

  it('a push service that fails for now is retried; the subscription stays', async () => {
    const me = await h.newUser();
    await me.caller.notifications.subscribePush({
      endpoint: `${service.url}/push/busy-device`,
      keys: browserKeys().keys,
    });
    answer = 503;
    const { notificationId } = await me.caller.notifications.sendTest({ channel: 'push' });
    await h.runJobs({ only: [notificationDeliver] });
    const inbox = await me.caller.notifications.list({});
    expect(
      inbox.items
        .find((i) => i.id === notificationId)!
        .deliveries.find((d) => d.channel === 'push'),
    ).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('503') });
    const devices = await me.caller.notifications.pushDevices();
    expect(devices.items).toEqual([
      expect.objectContaining({ lastError: expect.stringContaining('503') }),
    ]);
    answer = 201;
  });

  it('never sends to a private address: such a subscription is dropped at its first delivery', async () => {
    const guarded = await createHarness({ push: { ...config, allowHosts: [] } });
    try {
      const me = await guarded.newUser();
      await me.caller.notifications.subscribePush({
        endpoint: `${service.url}/push/private`,
        keys: browserKeys().keys,
      });
      const before = received.length;
      const { notificationId } = await me.caller.notifications.sendTest({ channel: 'push' });
      await guarded.runJobs({ only: [notificationDeliver] });
      expect(received.length).toBe(before);
      expect((await me.caller.notifications.pushDevices()).items).toEqual([]);
      const inbox = await me.caller.notifications.list({});
      expect(
        inbox.items
          .find((i) => i.id === notificationId)!
          .deliveries.find((d) => d.channel === 'push'),
      ).toMatchObject({ status: 'dead' });
    } finally {
      await guarded.close();
    }
  });

  it('refuses subscriptions that are not one: bad endpoint, bad keys', async () => {
    const me = await h.newUser();
    const key = await me.caller.apiKeys.create({ name: 'push', scopes: ['write'] });
    for (const body of [
      { endpoint: 'ftp://push.example.com/x', keys: browserKeys().keys },
      { endpoint: 'https://push.example.com/x', keys: { p256dh: 'short', auth: 'x' } },
      { endpoint: 'https://push.example.com/x' },
    ]) {
      const res = await h.rest('POST', '/notifications/push/devices', { key: key.secret, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
