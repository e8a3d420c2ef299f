import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, quickAdd, screenshot, signUp, uniqueEmail } from './browser';

const hasHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('on a phone-sized screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the inbox is usable and nothing scrolls sideways', async () => {
    const context = await newContext(browser, { viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('phone'));
    expect(await hasHorizontalScroll(page)).toBe(false);

    // A long title wraps on a phone; its date words would be read as a due date, so none here.
    await quickAdd(page, 'Reply to the school about the permission slip for the museum trip');
    await quickAdd(page, 'Pay rent');
    await page.getByRole('checkbox', { name: 'Complete "Pay rent"' }).check();
    await page.getByTestId('count-done').filter({ hasText: 'Done 1' }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);

    await page.getByRole('button', { name: 'Edit "Pay rent"' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit task' });
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await screenshot(page, 'inbox-phone');

    for (const path of ['/settings', '/docs/api']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await hasHorizontalScroll(page), path).toBe(false);
      await screenshot(page, `phone${path.replaceAll('/', '-')}`);
    }
    await context.close();
  });
});
