import { startSmtpServer, textBody } from '@proxy/api/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PASSWORD, screenshot, uniqueEmail } from './browser';
import { startWebServer, type WebServer } from './web-server';

/**
 * Registration, confirmation and password reset on a server with email on: its own production
 * server (the shared one has no SMTP) mailing a real SMTP server on loopback.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startWebServer({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Proxy <hello@proxy.test>',
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: '1000',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const context = (): Promise<BrowserContext> =>
  browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } });

/** The link in the newest mail to `email` with this subject, once the worker has sent it. */
async function mailedLink(email: string, subject: string, page: string): Promise<string> {
  await expect
    .poll(
      () =>
        smtp.received.filter((m) => m.to.includes(email) && m.headers.subject === subject).length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(0);
  const mail = smtp.received
    .filter((m) => m.to.includes(email) && m.headers.subject === subject)
    .at(-1)!;
  const match = new RegExp(`(https?://[^\\s]+/${page}\\?token=[A-Za-z0-9_-]{43})`).exec(
    textBody(mail.raw),
  );
  if (!match?.[1]) throw new Error(`No ${page} link in: ${mail.raw}`);
  return match[1];
}

describe('accounts with email on', () => {
  it('signs up, answers a taken address the same way, confirms, and resets the password', async () => {
    const email = uniqueEmail('mail');
    const ctx = await context();
    const page = await ctx.newPage();

    const signUp = async () => {
      await page.goto('/sign-up');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      return page.locator('.card').textContent();
    };
    const first = await signUp();
    const again = await signUp();
    // A stranger cannot tell from the page whether the address already had an account.
    expect(again).toBe(first);
    await screenshot(page, 'sign-up-check-email');
    const verifyLink = await mailedLink(email, 'Confirm your email for Proxy', 'verify-email');
    await mailedLink(email, 'You already have a Proxy account', 'reset-password');

    // Unconfirmed, the person can sign in and is reminded.
    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/today');
    const banner = page.locator('.verify-banner');
    await banner.getByText(`Please confirm ${email}`).waitFor();
    await screenshot(page, 'verify-banner');

    await page.goto(verifyLink);
    await page.getByRole('button', { name: 'Confirm my email' }).click();
    await page.getByRole('heading', { name: 'Email confirmed' }).waitFor();
    await page.getByRole('link', { name: 'Go to your inbox' }).click();
    await page.getByLabel('Add a task').waitFor();
    await expect.poll(() => banner.count()).toBe(0);

    // Forgot the password: another browser asks for a link; this one stays signed in until used.
    const other = await context();
    const resetPage = await other.newPage();
    await resetPage.goto('/sign-in');
    await resetPage.getByRole('link', { name: 'Forgot your password?' }).click();
    await resetPage.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await resetPage.getByLabel('Email').fill(email);
    await resetPage.getByRole('button', { name: 'Mail me a link' }).click();
    await resetPage.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const resetLink = await mailedLink(email, 'Set a new password for Proxy', 'reset-password');

    await resetPage.goto(resetLink);
    await resetPage.getByLabel('New password', { exact: true }).fill('a new river at dusk');
    await resetPage.getByLabel('New password, again').fill('a new river at dusk');
    await resetPage.getByRole('button', { name: 'Set new password' }).click();
    await resetPage.getByRole('heading', { name: 'Your new password is set' }).waitFor();
    await screenshot(resetPage, 'password-reset-done');

    // Every session ended: the first browser is sent to sign in.
    await page.goto('/inbox');
    await page.waitForURL('**/sign-in');

    // The link worked once.
    await resetPage.goto(resetLink);
    await resetPage.getByLabel('New password', { exact: true }).fill('a third river otter');
    await resetPage.getByLabel('New password, again').fill('a third river otter');
    await resetPage.getByRole('button', { name: 'Set new password' }).click();
    await resetPage.getByText('This link has expired or was already used').waitFor();

    await resetPage.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a new river at dusk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/today');
    await ctx.close();
    await other.close();
  });
});
