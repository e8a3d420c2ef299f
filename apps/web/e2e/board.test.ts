import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, quickAdd, signUp, uniqueEmail } from './browser';

/** Which column of the board a card is drawn in (its `column-<key>` section). */
const columnOf = (page: Page, title: string) =>
  page
    .getByTestId('board-card')
    .filter({ hasText: title })
    .evaluate((card) => card.closest('section')?.getAttribute('data-testid'));

/** Waits until the board has saved the move (the toast says so) and the card is in `column`. */
async function waitForMove(page: Page, title: string, label: string, column: string) {
  await page
    .getByTestId('toast')
    .filter({ hasText: `Moved “${title}” to ${label}` })
    .last()
    .waitFor();
  await page.getByTestId(column).getByTestId('board-card').filter({ hasText: title }).waitFor();
}

describe('mapper board', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('moves a focused card with the arrow keys twice in a row, keeping focus on it, and keeps the moves', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('board-keys'));
    await quickAdd(page, 'Plan the garden');
    await quickAdd(page, 'Sort the receipts');

    await page.goto('/mapper');
    const handle = page.getByRole('button', { name: /^Plan the garden, in / });
    await handle.waitFor();
    expect(await columnOf(page, 'Plan the garden')).toBe('column-none');
    await handle.focus();

    // Pressed on whatever has focus: the second press only lands if focus followed the card.
    await page.keyboard.press('ArrowRight');
    await waitForMove(page, 'Plan the garden', 'Do', 'column-DO');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Plan the garden, in Do. Left and right arrows move it.',
    );

    await page.keyboard.press('ArrowRight');
    await waitForMove(page, 'Plan the garden', 'Do with me', 'column-DO_WITH_ME');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Plan the garden, in Do with me. Left and right arrows move it.',
    );
    // The other card stayed where it was.
    expect(await columnOf(page, 'Sort the receipts')).toBe('column-none');

    // Saved: a fresh load draws it in the same column.
    await page.reload();
    await page.getByTestId('column-DO_WITH_ME').getByText('Plan the garden').waitFor();
    expect(await columnOf(page, 'Sort the receipts')).toBe('column-none');

    // And back by one, from the reloaded page.
    await page.getByRole('button', { name: /^Plan the garden, in / }).focus();
    await page.keyboard.press('ArrowLeft');
    await waitForMove(page, 'Plan the garden', 'Do', 'column-DO');
    await page.reload();
    await page.getByTestId('column-DO').getByText('Plan the garden').waitFor();
    await context.close();
  });

  it('on a phone, moves a card with its “Move to…” menu, and keeps the move', async () => {
    const context = await newContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('board-phone'));
    await quickAdd(page, 'Find a plumber');

    await page.goto('/mapper');
    const menu = page.getByRole('button', { name: 'Move to… (Find a plumber)' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page
      .getByRole('list', { name: 'Columns for Find a plumber' })
      .getByRole('button', { name: 'Delegate', exact: true })
      .click();
    await waitForMove(page, 'Find a plumber', 'Delegate', 'column-DELEGATE');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );

    await page.reload();
    await page.getByTestId('column-DELEGATE').getByText('Find a plumber').waitFor();
    expect(await columnOf(page, 'Find a plumber')).toBe('column-DELEGATE');
    await context.close();
  });
});
