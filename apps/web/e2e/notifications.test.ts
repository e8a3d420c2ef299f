import { createECDH, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, screenshot, signUp, uniqueEmail } from './browser';
import { startPriceServer } from './price-source';

/**
 * A push service on loopback, standing in for the browser vendor's (which a sandboxed Chromium
 * cannot reach): it takes what the server pushes, as Mozilla's or Google's would.
 */
async function startPushService() {
  const received: { path: string; headers: Record<string, unknown>; bytes: number }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        bytes: Buffer.concat(chunks).length,
      });
      res.writeHead(201).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('notifications', () => {
  let browser: Browser;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let prices: Awaited<ReturnType<typeof startPriceServer>>;
  beforeAll(async () => {
    browser = await launchBrowser();
    push = await startPushService();
    prices = await startPriceServer(42_000);
  });
  afterAll(async () => {
    await browser?.close();
    await push?.close();
    await prices?.close();
  });

  it('turns push on in settings; a triggered monitor reaches the inbox, the badge and the device', async () => {
    const context = await newContext(browser);
    await context.grantPermissions(['notifications'], { origin: baseUrl() });
    // The browser's subscription, with real keys, pointing at the loopback push service.
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const subscription = {
      endpoint: `${push.url}/device/${randomBytes(4).toString('hex')}`,
      p256dh: ecdh.getPublicKey().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    };
    await context.addInitScript((sub) => {
      const fake = {
        endpoint: sub.endpoint,
        expirationTime: null,
        toJSON: () => ({
          endpoint: sub.endpoint,
          expirationTime: null,
          keys: { p256dh: sub.p256dh, auth: sub.auth },
        }),
        unsubscribe: async () => {
          localStorage.removeItem('test-push');
          return true;
        },
      };
      const manager = PushManager.prototype as unknown as Record<string, unknown>;
      manager.subscribe = async () => {
        localStorage.setItem('test-push', '1');
        return fake;
      };
      manager.getSubscription = async () => (localStorage.getItem('test-push') ? fake : null);
    }, subscription);

    const page = await context.newPage();
    await signUp(page, uniqueEmail('push'));
    await page.goto('/settings#notifications');
    const section = page.getByRole('region', { name: 'Notifications' });
    await section.getByText('Push is off in this browser.').waitFor();
    await section.getByRole('button', { name: 'Turn on push in this browser' }).click();
    await section.getByText('Push is on in this browser.').waitFor();
    await section
      .getByRole('list', { name: 'Push devices' })
      .getByText(/on Linux/)
      .waitFor();
    // Preferences are a table of kinds by channel; a change says it was saved.
    await section.getByLabel('An agent finished a task: Push').selectOption('instant');
    await section.getByText('Saved. An agent finished a task: Push right away.').waitFor();
    await screenshot(page, 'settings-notifications');

    // A monitor that triggers on its first check.
    const created = await page.request.post('/api/v1/monitors', {
      data: {
        name: 'Cheap coffee',
        prompt: 'tell me when the price drops below 50000',
        intervalMinutes: 360,
        plan: {
          sources: [{ kind: 'json', url: prices.url, jsonPath: '$.price' }],
          condition: {
            type: 'threshold',
            op: 'below',
            value: 50000,
            unit: 'number',
            currency: null,
          },
        },
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`/monitors/${id}`);
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    await page.getByTestId('unread-count').filter({ hasText: /^1/ }).waitFor();

    await page.getByRole('link', { name: /Notifications/ }).click();
    const item = page.getByTestId('notification').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('Cheap coffee');
    // The worker inside the server sends the push when its queue gets to it (slower while other
    // suites load the server): wait for the push service to have it, then the inbox says so on
    // its next read, without depending on the page's refresh cadence.
    await expect
      .poll(() => push.received.some((r) => r.path === new URL(subscription.endpoint).pathname), {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(true);
    await page.reload();
    await page.getByTestId('notification').first().getByText('Push: sent').waitFor();
    const delivered = push.received.find(
      (r) => r.path === new URL(subscription.endpoint).pathname,
    )!;
    expect(delivered.headers['content-encoding']).toBe('aes128gcm');
    expect(String(delivered.headers.authorization)).toMatch(/^vapid t=/);
    await screenshot(page, 'notifications-push');
    await context.close();
  });
});
