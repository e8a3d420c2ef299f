import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newContext,
  PASSWORD,
  quickAdd,
  screenshot,
  signUp,
  uniqueEmail,
} from './browser';

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

  it('walks a newcomer from sign-up through three things, one pick and a start', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/sign-up');
    await page.getByLabel('Email').fill(uniqueEmail('first-run'));
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/today?welcome=1');
    await page.getByText('Getting started · step 1 of 3').waitFor();

    // Nothing written: a kind nudge, not a red wall.
    await page.getByRole('button', { name: 'Add them' }).click();
    await page.getByRole('alert').getByText('Write at least one thing, however small.').waitFor();

    await page.getByLabel('First thing').fill('Reply to Sam ~5m');
    await page.getByLabel('Second thing').fill('Book the dentist #health');
    await page.getByLabel('Third thing').fill('Water the plants');
    await page.getByRole('button', { name: 'Add them' }).click();
    await page.getByRole('heading', { name: 'Pick one for now' }).waitFor();
    // Quick add read them: the estimate and the tag are not in the titles.
    await page.getByRole('radio', { name: 'Reply to Sam' }).waitFor();
    await page.getByRole('radio', { name: 'Book the dentist' }).check();
    await screenshot(page, 'first-run-pick');
    await page.getByRole('button', { name: 'Put it on Today' }).click();
    await page.getByRole('heading', { name: 'Start with "Book the dentist"' }).waitFor();
    expect(
      await page.getByRole('link', { name: 'Start a focus session' }).getAttribute('href'),
    ).toMatch(/^\/focus\?task=[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'I will start on my own' }).click();

    // Done: Today has the pick as the next thing, and the first run does not come back.
    await page.waitForURL(/\/today$/);
    await page.getByTestId('next-thing').getByText('Book the dentist').waitFor();
    await page.reload();
    await page.getByTestId('next-thing').getByText('Book the dentist').waitFor();
    expect(await page.getByText('Getting started').count()).toBe(0);
    await page.goto('/inbox');
    for (const title of ['Reply to Sam', 'Book the dentist', 'Water the plants']) {
      await page.getByRole('checkbox', { name: `Complete "${title}"` }).waitFor();
    }
    await context.close();
  }, 120_000);

  it('lets a newcomer on a phone skip the first run, and offers it again only until declined', async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/sign-up');
    await page.getByLabel('Email').fill(uniqueEmail('first-run-phone'));
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/today?welcome=1');
    await page.getByRole('heading', { name: 'What is on your mind?' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await screenshot(page, 'first-run-phone');
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.waitForURL(/\/today$/);
    await page.getByText('A clear day.').waitFor();
    expect(await page.getByText('Getting started').count()).toBe(0);
    expect(await page.getByText('New here? Start with three things').count()).toBe(0);
    await context.close();
  }, 120_000);
});
