import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  launchBrowser,
  newContext,
  openMoreMenu,
  PASSWORD,
  signIn,
  signUp,
  uniqueEmail,
} from './browser';

describe('sessions', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs up in the browser’s timezone with a handle made from the name', async () => {
    const ctx = await browser.newContext({ baseURL: baseUrl(), timezoneId: 'Europe/Berlin' });
    const page = await ctx.newPage();
    const word = uniqueEmail('x')
      .slice(2, 10)
      .replace(/[^a-z0-9]/g, '');
    await page.goto('/sign-up');
    await page.getByLabel('Email').fill(uniqueEmail('berlin'));
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Display name (optional)').fill(`Zoë ${word}`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/today?welcome=1');
    await page.goto('/settings');
    await expect.poll(() => page.getByLabel('Handle').inputValue()).toBe(`zoe_${word}`);
    expect(await page.getByLabel('Timezone').inputValue()).toBe('Europe/Berlin');
    await ctx.close();
  });

  it('"Sign out everywhere" in one browser ends the session in another', async () => {
    const email = uniqueEmail('everywhere');
    const first = await newContext(browser);
    const second = await newContext(browser);
    const pageA = await first.newPage();
    const pageB = await second.newPage();
    await signUp(pageA, email);
    await signIn(pageB, email);

    await pageA.goto('/settings');
    await pageA.getByRole('button', { name: 'Sign out everywhere' }).click();
    await pageA
      .getByRole('dialog', { name: 'Sign out everywhere?' })
      .getByRole('button', { name: 'Sign out all sessions' })
      .click();
    await pageA.waitForURL('**/sign-in');

    // The other browser still holds its cookie, but its next navigation is refused.
    await pageB.goto('/inbox');
    expect(new URL(pageB.url()).pathname).toBe('/sign-in');
    const api = await pageB.request.get('/api/trpc/tasks.counts');
    expect(api.status()).toBe(401);

    // Signing in again works.
    await signIn(pageB, email);
    await first.close();
    await second.close();
  });

  it('refuses a wrong password with the uniform message, and a taken email on sign-up', async () => {
    const email = uniqueEmail('wrong');
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, email);
    await openMoreMenu(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`${PASSWORD} nope`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const message = page.locator('.alert-error');
    await message.filter({ hasText: 'Email or password is incorrect.' }).waitFor();
    // An unknown email gets exactly the same answer.
    await page.getByLabel('Email').fill(uniqueEmail('nobody'));
    const answered = page.waitForResponse((res) =>
      res.url().includes('/api/auth/callback/credentials'),
    );
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await answered;
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(await message.textContent()).toBe('Email or password is incorrect.');

    await page.goto('/sign-up');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use another email, or sign in').waitFor();

    await page.getByLabel('Password', { exact: true }).fill('password123');
    await page.getByLabel('Email').fill(uniqueEmail('common'));
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('commonly used passwords').waitFor();
    await context.close();
  });

  it('says when sign-in is rate limited', async () => {
    const email = uniqueEmail('limited');
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, email);
    await openMoreMenu(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');

    const attempt = async () => {
      const answered = page.waitForResponse((res) =>
        res.url().includes('/api/auth/callback/credentials'),
      );
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await answered;
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      return page.locator('.alert-error').textContent();
    };
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password at all');
    // Five consecutive failures are allowed for one account from one address; the sixth waits.
    for (let i = 0; i < 5; i++) {
      expect(await attempt()).toBe('Email or password is incorrect.');
    }
    expect(await attempt()).toMatch(/^Too many attempts, try again in \d+ minutes\.$/);
    // Even the right password waits now.
    await page.getByLabel('Password').fill(PASSWORD);
    expect(await attempt()).toMatch(/^Too many attempts/);
    await context.close();
  });

  it('a password change keeps this tab signed in and signs out the others', async () => {
    const email = uniqueEmail('newpass');
    const newPassword = 'a slower river at dusk';
    const first = await newContext(browser);
    const second = await newContext(browser);
    const pageA = await first.newPage();
    const pageB = await second.newPage();
    await signUp(pageA, email);
    await signIn(pageB, email);

    await pageA.goto('/settings');
    await pageA.getByLabel('Current password').fill(PASSWORD);
    await pageA.getByLabel('New password').fill(newPassword);
    await pageA.getByRole('button', { name: 'Change password' }).click();
    await pageA.getByText('Password changed. Other devices were signed out').waitFor();

    await pageA.goto('/inbox');
    expect(new URL(pageA.url()).pathname).toBe('/inbox');
    await pageB.goto('/inbox');
    expect(new URL(pageB.url()).pathname).toBe('/sign-in');
    await signIn(pageB, email, newPassword);
    await first.close();
    await second.close();
  });

  it('deletes the account after the password is confirmed', async () => {
    const email = uniqueEmail('leaving');
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, email);
    await page.goto('/settings');

    await page.getByLabel('Your password').fill('not my password');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete your account for good?' });
    await confirm.getByRole('button', { name: 'Delete everything' }).click();
    await confirm.getByText('The password is incorrect').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await confirm.getByRole('button', { name: 'Delete everything' }).click();
    await page.waitForURL('**/sign-up');

    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page
      .locator('.alert-error')
      .filter({ hasText: 'Email or password is incorrect.' })
      .waitFor();
    await context.close();
  });
});
