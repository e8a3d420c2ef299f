import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, signUp, uniqueEmail } from './browser';

describe('API keys', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a new secret once; it works on REST until revoked', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('keys'));
    await page.goto('/settings');

    await page.getByLabel('Key name').fill('e2e script');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secretBox = page.getByTestId('api-key-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())?.trim() ?? '';
    expect(secret).toMatch(/^pxy_/);
    await page.getByText('It will not be shown again').waitFor();

    const listTasks = () =>
      fetch(`${baseUrl()}/api/v1/tasks?limit=5`, {
        headers: { authorization: `Bearer ${secret}` },
      });
    const ok = await listTasks();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ items: [], nextCursor: null });

    // Once dismissed, the secret is gone from the page, also after a reload.
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await secretBox.waitFor({ state: 'detached' });
    await page.reload();
    const item = page.getByTestId('api-key-item').filter({ hasText: 'e2e script' });
    await item.waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await item.textContent()).toContain(secret.slice(0, 12));

    await page.getByRole('button', { name: 'Revoke "e2e script"' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke this key?' })
      .getByRole('button', { name: 'Revoke key' })
      .click();
    await item.locator('.badge').getByText('Revoked', { exact: true }).waitFor();

    const refused = await listTasks();
    expect(refused.status).toBe(401);
    await context.close();
  });
});
