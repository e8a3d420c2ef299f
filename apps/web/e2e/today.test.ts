import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, quickAdd, screenshot, signUp, uniqueEmail } from './browser';

/** Today in a real browser: the front page, the next thing, not today, and "what can I do now?". */
describe('today', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says what Proxy is to a visitor, and is Today once signed in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'A task app that is kind to ADHD brains.' }).waitFor();
    await page.getByRole('link', { name: 'Create your account' }).waitFor();

    await signUp(page, uniqueEmail('today'));
    await page.goto('/');
    await page.waitForURL('**/today');
    await page.getByText('A clear day.').waitFor();

    // Added here, it is on Today and it is the next thing.
    await page.getByRole('textbox', { name: 'Add to Today' }).fill('Call the dentist ~10m');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const next = page.getByTestId('next-thing');
    await next.getByText('Call the dentist').waitFor();
    await page.getByRole('checkbox', { name: 'Complete "Call the dentist"' }).waitFor();
    await screenshot(page, 'today');

    // Not today: it leaves, gently, until tomorrow.
    await next.getByRole('button', { name: 'Not today' }).click();
    await page.getByText('A clear day.').waitFor();

    // Something from the inbox is offered as a first pick, and one click puts it on Today.
    await page.goto('/inbox');
    await quickAdd(page, 'Water the plants');
    await page.goto('/today');
    await next.getByText('Maybe start with').waitFor();
    await next.getByRole('button', { name: 'Do it today' }).click();
    await next.getByRole('heading', { name: 'Next thing' }).waitFor();
    await next.getByText('Water the plants').waitFor();

    // What can I do now? Five minutes: nothing (it is taken as 15); fifteen: it fits.
    await page.getByRole('button', { name: '5 min', exact: true }).click();
    await page.getByText('Nothing fits right now, and that is fine.').waitFor();
    await page.getByRole('button', { name: '15 min', exact: true }).click();
    await next.getByText('Water the plants').waitFor();
    expect(
      await page.getByRole('button', { name: '15 min', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');

    // Done from Today.
    await next.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('status').getByText('Done: “Water the plants”. Nicely done.').waitFor();
    await context.close();
  }, 120_000);
});
