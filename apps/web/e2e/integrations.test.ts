import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newContext,
  quickAdd,
  screenshot,
  signIn,
  signUp,
  uniqueEmail,
} from './browser';

type Received = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback that keeps every request it gets and answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('thanks');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/proxy`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Standard Webhooks verification by the specification (the `standardwebhooks` package is not a
 * dependency of the web app): base64 HMAC-SHA256 of "id.timestamp.body" under the secret's
 * base64 part, matching one of the space-separated `v1,` signatures, with a fresh timestamp.
 */
function verified(secret: string, message: Received): boolean {
  const id = String(message.headers['webhook-id'] ?? '');
  const timestamp = String(message.headers['webhook-timestamp'] ?? '');
  const signatures = String(message.headers['webhook-signature'] ?? '').split(' ');
  if (!id || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 5 * 60) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${message.body}`).digest();
  return signatures.some((s) => {
    const [version, value] = s.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const typeOf = (m: Received) => (JSON.parse(m.body) as { type: string }).type;

const hasHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('integrations', () => {
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    browser = await launchBrowser();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
  });

  it('adds a webhook, tests it, logs and replays deliveries, and manages the calendar address', async () => {
    const email = uniqueEmail('integrations');
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await signUp(page, email);

    await page.goto('/settings');
    await page.getByRole('link', { name: 'Open integrations' }).click();
    await page.waitForURL('**/settings/integrations');
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();

    // A private address is refused, and the reason is shown at the URL field.
    const urlField = page.getByLabel('URL to send to');
    await urlField.fill('http://10.0.0.1/x');
    await page.getByRole('checkbox', { name: 'All task events task.*' }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Webhooks cannot go to private or local addresses').waitFor();
    await expect.poll(() => urlField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await urlField.getAttribute('aria-describedby')) ?? '';
    const fieldError = page.locator(`[id="${describedBy.split(' ').at(-1)}"]`);
    expect(await fieldError.textContent()).toContain('private or local addresses');
    await screenshot(page, 'integrations-form-refused');

    // The receiver on loopback is allowed on this server; the secret is shown once.
    await urlField.fill(receiver.url);
    await page.getByLabel('What it is for (optional)').fill('e2e receiver');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secretBox = page.getByTestId('webhook-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await page.getByText('You will not see it again').waitFor();
    await page.getByRole('button', { name: 'Copy the secret' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await secretBox.waitFor({ state: 'detached' });

    const endpoint = page.getByTestId('webhook-endpoint').filter({ hasText: receiver.url });
    await endpoint.getByText('Sends: all task events').waitFor();

    // The test message arrives signed, and its result shows up without a reload.
    await endpoint.getByRole('button', { name: 'Send test' }).click();
    await endpoint
      .getByTestId('watch-result')
      .getByText(/Test: Delivered · 200 · \d+ ms/)
      .waitFor();
    const log = endpoint.getByRole('list', { name: 'Deliveries' });
    await log
      .getByTestId('webhook-delivery')
      .filter({ hasText: 'webhook.test' })
      .getByText('Delivered · 200')
      .waitFor();
    const tests = receiver.received.filter((m) => typeOf(m) === 'webhook.test');
    expect(tests).toHaveLength(1);
    expect(verified(secret, tests[0]!)).toBe(true);
    expect(verified('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', tests[0]!)).toBe(false);

    // A new task is sent as task.created, verified, and listed in the log.
    await page.goto('/inbox');
    await quickAdd(page, 'Water the plants');
    await expect
      .poll(() => receiver.received.filter((m) => typeOf(m) === 'task.created').length, {
        timeout: 20_000,
      })
      .toBe(1);
    const created = receiver.received.find((m) => typeOf(m) === 'task.created')!;
    expect(verified(secret, created)).toBe(true);
    expect(JSON.parse(created.body)).toMatchObject({
      type: 'task.created',
      data: expect.objectContaining({ title: 'Water the plants' }),
    });

    await page.goto('/settings/integrations');
    await endpoint.getByRole('button', { name: 'Show the delivery log' }).click();
    const createdRow = log.getByTestId('webhook-delivery').filter({ hasText: 'task.created' });
    await createdRow.getByText('Delivered · 200').waitFor();

    // Details show each try; replaying sends the same webhook-id and body again.
    await createdRow.getByRole('button', { name: 'Show details of task.created' }).click();
    await createdRow.getByText(String(created.headers['webhook-id'])).waitFor();
    await createdRow.getByRole('button', { name: 'Send task.created again' }).click();
    await endpoint
      .getByTestId('watch-result')
      .getByText(/task\.created, sent again: Delivered · 200/)
      .waitFor();
    const replays = receiver.received.filter((m) => typeOf(m) === 'task.created');
    expect(replays).toHaveLength(2);
    expect(replays[1]!.headers['webhook-id']).toBe(created.headers['webhook-id']);
    expect(replays[1]!.body).toBe(created.body);
    expect(verified(secret, replays[1]!)).toBe(true);
    await createdRow.getByText('sent again by you').waitFor();
    await screenshot(page, 'integrations-desktop');

    // The calendar address: made, copied, regenerated; the old one stops answering.
    await page.getByRole('button', { name: 'Make my calendar address' }).click();
    const calendarUrl = page.getByTestId('calendar-url');
    await calendarUrl.waitFor();
    const oldUrl = (await calendarUrl.textContent())?.trim() ?? '';
    expect(oldUrl).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const first = await fetch(oldUrl);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/calendar');
    expect(await first.text()).toContain('BEGIN:VCALENDAR');

    await page.getByRole('button', { name: 'Regenerate (the old address stops working)' }).click();
    await page
      .getByRole('dialog', { name: 'Make a new calendar address?' })
      .getByRole('button', { name: 'Make a new address' })
      .click();
    await page.getByText('New address made.').waitFor();
    await expect.poll(async () => (await calendarUrl.textContent())?.trim()).not.toBe(oldUrl);
    const newUrl = (await calendarUrl.textContent())?.trim() ?? '';
    expect((await fetch(oldUrl)).status).toBe(404);
    const fresh = await fetch(newUrl);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-type')).toContain('text/calendar');
    expect(await page.content()).not.toContain(secret);
    await context.close();

    // On a phone the page fits the screen, with the log and its details open.
    const phone = await newContext(browser, { viewport: { width: 390, height: 844 } });
    const phonePage = await phone.newPage();
    await signIn(phonePage, email);
    await phonePage.goto('/settings/integrations');
    const phoneEndpoint = phonePage.getByTestId('webhook-endpoint');
    await phoneEndpoint.getByRole('button', { name: 'Show the delivery log' }).click();
    await phoneEndpoint
      .getByTestId('webhook-delivery')
      .filter({ hasText: 'task.created' })
      .getByRole('button', { name: 'Show details of task.created' })
      .click();
    await phoneEndpoint.getByText('sent again by you').waitFor();
    expect(await hasHorizontalScroll(phonePage)).toBe(false);
    await screenshot(phonePage, 'integrations-phone');
    await phone.close();
  });
});
