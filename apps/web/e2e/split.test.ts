import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newContext,
  openMoreMenu,
  quickAdd,
  screenshot,
  signUp,
  uniqueEmail,
} from './browser';

const hasHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('break it down', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('previews steps, edits, reorders, removes and adds, then saves them as child tasks', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('split'));
    await quickAdd(page, 'Write the quarterly report');

    await page.getByRole('link', { name: 'Break it down: "Write the quarterly report"' }).click();
    await page.getByRole('heading', { name: 'Break it down' }).waitFor();
    await page.getByText('Complexity').waitFor();
    await page.getByRole('radio', { name: /Mild/ }).check();
    await page.getByRole('button', { name: 'Suggest steps' }).click();

    const steps = page.getByTestId('split-step');
    await steps.first().waitFor();
    // No key is configured in this run: the offline splitter answers, with task-specific steps.
    await page.getByText('Made on this server, without AI.').waitFor();
    const titleOf = (n: number) => page.getByLabel(`Step ${n} title`);
    expect(await titleOf(1).inputValue()).toMatch(/blank doc for the quarterly report/);
    const count = await steps.count();
    expect(count).toBeGreaterThanOrEqual(3);

    await titleOf(1).fill('Open last quarter’s report for reference');
    const last = await titleOf(count).inputValue();
    await page.getByRole('button', { name: `Move step ${count} up` }).click();
    expect(await titleOf(count - 1).inputValue()).toBe(last);
    const second = await titleOf(2).inputValue();
    await page.getByRole('button', { name: 'Remove step 2' }).click();
    await page.getByRole('button', { name: 'Add a step' }).click();
    await titleOf(count).fill('Reward: a walk outside');

    // A broken rule shows next to its step and nothing is saved.
    await page.getByLabel(`Step ${count} minutes`).fill('90');
    await page.getByRole('button', { name: `Save ${count} steps` }).click();
    await page.getByText('A step can be at most 60 minutes; split it').waitFor();
    await page.getByLabel(`Step ${count} minutes`).fill('10');

    const expected: string[] = [];
    for (let n = 1; n <= count; n++) expected.push(await titleOf(n).inputValue());
    expect(expected).not.toContain(second);
    await screenshot(page, 'split-edit');
    await page.getByRole('button', { name: `Save ${count} steps` }).click();
    await page.getByRole('heading', { name: `Saved ${count} steps` }).waitFor();
    expect(await page.locator('ol li').allTextContents()).toEqual(
      expect.arrayContaining(expected.map((t) => expect.stringContaining(t))),
    );

    // The steps are tasks now: they show in the inbox, folded under their task, in order.
    await page.getByRole('link', { name: 'Back to the inbox' }).click();
    await page
      .getByRole('button', {
        name: `Steps of "Write the quarterly report": 0 of ${count} done`,
      })
      .click();
    await page.getByRole('checkbox', { name: 'Complete step "Reward: a walk outside"' }).waitFor();
    expect(await page.getByTestId('step-row').allTextContents()).toEqual(
      expected.map((t) => expect.stringContaining(t)),
    );
    expect(await page.getByTestId('task-row').count()).toBe(1);
    await context.close();
  });

  it('shows AI usage and the budget, and fits a phone', async () => {
    const context = await newContext(browser, { viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('usage'));
    await quickAdd(page, 'Call the dentist');
    expect(await hasHorizontalScroll(page)).toBe(false);

    await openMoreMenu(page);
    await page.getByRole('link', { name: 'AI usage' }).click();
    await page.getByRole('heading', { name: 'AI usage', level: 1 }).waitFor();
    await page.getByText('No AI provider is configured here').waitFor();
    await page.getByRole('heading', { name: "This month's budget" }).waitFor();
    await page.getByLabel('Your own monthly cap (US dollars)').fill('1000');
    await page.getByRole('button', { name: 'Save cap' }).click();
    await page.getByText(/At most \$\d+\.\d{2} a month/).waitFor();
    await page.getByLabel('Your own monthly cap (US dollars)').fill('1.5');
    await page.getByRole('button', { name: 'Save cap' }).click();
    await page.getByText('$1.50 left of $1.50').waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'usage-phone');

    await page.goto('/inbox');
    await page.getByRole('link', { name: 'Break it down: "Call the dentist"' }).click();
    await page.getByRole('button', { name: 'Suggest steps' }).click();
    await page.getByTestId('split-step').first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'split-phone');
    await context.close();
  });
});
