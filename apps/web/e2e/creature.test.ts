import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, quickAdd, screenshot, signUp, uniqueEmail } from './browser';

const xpNow = async (page: Page) =>
  Number(await page.getByTestId('xp-bar').getAttribute('aria-valuenow'));

/**
 * The reward loop in a real browser: choose an egg, finish tasks and a focus block, watch the XP
 * bar move and the creature react, reach level 2 and see the egg hatch. XP is paid by the worker
 * from domain events, so every check polls the page (no sleeps).
 */
describe('the creature', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('hatches after a few finished tasks and cheers for a focus block', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('creature'));

    await page.getByRole('link', { name: 'Creature', exact: true }).click();
    await page.waitForURL('**/creature');
    await page.getByRole('heading', { name: 'Choose an egg' }).waitFor();
    const choices = page.getByRole('button', { name: /^Choose the .+ egg$/ });
    await expect.poll(() => choices.count(), { timeout: 10_000 }).toBe(3);
    await page.getByLabel('Name (optional)').fill('Pip');
    await choices.first().click();
    await page.getByRole('heading', { name: 'Pip', level: 1 }).waitFor();
    const drawing = page.getByTestId('creature-drawing');
    expect(await drawing.getAttribute('data-stage')).toBe('egg');
    expect(await page.getByRole('button', { name: /^Feed/ }).isDisabled()).toBe(true);
    expect(await xpNow(page)).toBe(0);
    await screenshot(page, 'creature-egg');

    // A one-minute focus block runs while the tasks get done.
    await page.goto('/focus');
    await page.getByRole('form', { name: 'Start a focus session' }).waitFor();
    await page.getByLabel('Kind', { exact: true }).selectOption('custom');
    await page.getByLabel('Work minutes', { exact: true }).fill('1');
    await page.getByLabel('Blocks', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => page.getByTestId('focus-phase').textContent(), { timeout: 10_000 })
      .toBe('Focus');

    await page.goto('/inbox');
    const titles = ['Water the plants', 'Reply to Sam', 'Take out the recycling'];
    for (const title of titles) {
      await quickAdd(page, title);
      await page.getByRole('checkbox', { name: `Complete "${title}"` }).check();
    }
    // The creature in the header says so, and reaches level 2.
    const shell = page.getByTestId('shell-creature');
    await expect
      .poll(() => shell.getAttribute('aria-label'), { timeout: 20_000 })
      .toBe('Pip, Lv 2: visit your creature');

    await shell.click();
    await page.waitForURL('**/creature');
    await expect.poll(() => drawing.getAttribute('data-stage'), { timeout: 10_000 }).toBe('baby');
    const afterTasks = await xpNow(page);
    expect(afterTasks).toBe(48 - 40);
    const ledger = page.getByTestId('xp-ledger');
    for (const title of titles) await ledger.getByText(`Finished “${title}”`).waitFor();
    expect(await page.getByRole('button', { name: 'Feed (3 food)' }).isEnabled()).toBe(true);
    await screenshot(page, 'creature-baby');

    // The block ends by the clock; its XP arrives while we watch, and Pip reacts.
    const reacted = page
      .getByTestId('creature-reaction')
      .filter({ hasText: '+6 XP' })
      .waitFor({ timeout: 90_000 });
    await expect.poll(() => xpNow(page), { timeout: 90_000 }).toBe(afterTasks + 6);
    await reacted;
    await ledger.getByText('Focused for 1 minute and finished the block').waitFor();

    // Feeding and playing answer at once.
    await page.getByRole('button', { name: 'Feed (3 food)' }).click();
    await page.getByRole('button', { name: 'Feed (2 food)' }).waitFor();
    await page.getByRole('button', { name: 'Play (3 left)' }).click();
    await page.getByRole('button', { name: 'Play (2 left)' }).waitFor();

    // A name of 10 KB is refused in words, and nothing changes.
    await page.getByRole('button', { name: 'Rename Pip' }).click();
    await page.getByLabel('New name').evaluate((el) => el.removeAttribute('maxlength'));
    await page.getByLabel('New name').fill('x'.repeat(10_240));
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('alert')
      .getByText(/at most 24 characters/)
      .waitFor();
    await page.getByLabel('New name').fill('Pip the Brave');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Pip the Brave', level: 1 }).waitFor();
    await context.close();
  }, 180_000);
});
