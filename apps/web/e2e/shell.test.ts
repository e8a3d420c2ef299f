import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, quickAdd, screenshot, signUp, uniqueEmail } from './browser';

const PLACES = [
  'Today',
  'Inbox',
  'Triage',
  'Board',
  'Focus',
  'Creature',
  'Monitors',
  'Notifications',
];

/** The visible links of the main nav, in order (hidden ones are left out). */
async function visibleNavLinks(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  return (await links.allInnerTexts()).map((text) => text.trim());
}

const activeLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.tagName ?? '';
  });

/** Keys do nothing until the page has come alive; the shortcut provider says when it listens. */
const shortcutsReady = (page: Page) =>
  page.locator('html[data-shortcuts="on"]').waitFor({ state: 'attached' });

/** Leaves whatever field has focus by focusing the page's main area (as a click on it would). */
const focusMain = (page: Page) => page.locator('#main').focus();

describe('the shell', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on a desktop, the person’s places are one row and the rest sit under "More"', async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('shell-desk'));

    expect(await visibleNavLinks(page)).toEqual(PLACES);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const tops = new Set<number>();
    for (const name of PLACES) {
      const box = await nav.getByRole('link', { name, exact: true }).boundingBox();
      tops.add(Math.round(box?.y ?? -1));
    }
    expect(tops.size, 'the places wrap onto more than one row').toBe(1);
    // The creature stays in the header.
    await page.getByTestId('shell-creature').waitFor();

    // "More" opens by keyboard, holds setup and the builders' places, and Escape closes it.
    const more = nav.getByRole('button', { name: /^More/ });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.focus();
    await page.keyboard.press('Enter');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await nav.getByText('For builders').waitFor();
    expect(await visibleNavLinks(page)).toEqual([
      ...PLACES,
      'Templates',
      'Settings',
      'Agents',
      'Jobs',
      'AI usage',
      'API reference',
    ]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Templates');
    await screenshot(page, 'shell-more-desktop');
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^More/);

    // Going to a builders' place closes the menu and marks "More" as where you are.
    await more.click();
    await nav.getByRole('link', { name: 'Agents' }).click();
    await page.waitForURL('**/agents');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await more.getAttribute('data-current')).toBe('true');
    await context.close();
  });

  it('on a phone, a bottom tab bar with the daily places and "More" for the rest', async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('shell-phone'));

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await visibleNavLinks(page)).toEqual(['Today', 'Inbox', 'Triage', 'Board']);
    const bar = await nav.boundingBox();
    expect(bar && Math.round(bar.y + bar.height)).toBe(844);
    expect(bar?.height).toBeLessThan(100);
    const more = nav.getByRole('button', { name: /^More/ });
    const moreBox = await more.boundingBox();
    expect(moreBox && Math.round(moreBox.y + moreBox.height)).toBeGreaterThan(800);

    // Toasts are raised above the bar (another part of the app reads --toast-offset).
    const toastBottom = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.cssText = 'position:fixed;bottom:var(--toast-offset);height:1px;width:1px';
      document.body.append(probe);
      const bottom = probe.getBoundingClientRect().bottom;
      probe.remove();
      return bottom;
    });
    expect(toastBottom).toBeLessThanOrEqual((bar?.y ?? 0) + 1);

    // "More" holds the other places too, in a panel above the bar.
    await more.click();
    const panel = nav.locator('.app-nav-panel');
    await panel.getByRole('link', { name: 'Focus' }).waitFor();
    for (const name of ['Creature', 'Monitors', 'Notifications', 'Settings', 'Agents', 'Jobs']) {
      await panel.getByRole('link', { name, exact: true }).waitFor();
    }
    await panel.getByRole('button', { name: 'Sign out' }).waitFor();
    const panelBox = await panel.boundingBox();
    expect(panelBox && panelBox.y + panelBox.height).toBeLessThanOrEqual((bar?.y ?? 0) + 1);
    expect(panelBox && panelBox.x >= 0 && panelBox.x + panelBox.width <= 390).toBe(true);
    await screenshot(page, 'shell-more-phone');
    await panel.getByRole('link', { name: 'Focus' }).click();
    await page.waitForURL('**/focus');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );

    // The end of a page is never under the bar.
    await page.goto('/inbox');
    await quickAdd(page, 'Pay the electricity bill');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const lastRow = await page.getByTestId('task-row').last().boundingBox();
    expect(lastRow && lastRow.y + lastRow.height).toBeLessThanOrEqual(bar?.y ?? 0);
    await screenshot(page, 'shell-phone-inbox');
    await context.close();
  });

  it('"?" opens the shortcut sheet, never while typing in a field', async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('shell-help'));
    await page.goto('/today');
    // Arriving at Today, the cursor waits in its quick add; "?" typed there is a question mark.
    const add = page.getByRole('textbox', { name: 'Add to Today' });
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-quick-add'));
    await page.keyboard.type('Why is the sky blue?');
    expect(await add.inputValue()).toBe('Why is the sky blue?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(await sheet.isVisible()).toBe(false);

    await shortcutsReady(page);
    await focusMain(page);
    await page.keyboard.press('?');
    await sheet.waitFor();
    for (const does of [
      'Add a task (from any page)',
      'Next task',
      'Complete the task you are on',
    ]) {
      await sheet.getByText(does).waitFor();
    }
    await screenshot(page, 'shell-shortcuts');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });

    // The same sheet is offered in the "More" menu for those who do not know the key.
    await page.getByRole('button', { name: /^More/ }).click();
    await page.getByRole('button', { name: /Keyboard shortcuts/ }).click();
    await sheet.waitFor();
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'hidden' });
    await context.close();
  });

  it('"n" adds a task from any page, and "g i" goes to the inbox', async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('shell-add'));
    await page.goto('/focus');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shortcutsReady(page);

    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'Add a task' });
    await dialog.waitFor();
    expect(await activeLabel(page)).toBe('Add a task');
    await page.keyboard.type('Buy oat milk #errands');
    await dialog.getByTestId('quick-add-preview').getByText('#errands').waitFor();
    await page.keyboard.press('Enter');
    await dialog.getByText('Added "Buy oat milk". Add another, or close this.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(page.url()).toMatch(/\/focus$/);

    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await page.waitForURL('**/inbox');
    const row = page.getByTestId('task-row').filter({ hasText: 'Buy oat milk' });
    await row.getByText('#errands').waitFor();
    // The inbox's own quick add is focused on arrival, and "n" elsewhere on it goes back there.
    await page.waitForFunction(() => document.activeElement?.id === 'quick-add');
    await focusMain(page);
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('quick-add');
    expect(await page.getByRole('dialog', { name: 'Add a task' }).isVisible()).toBe(false);
    await context.close();
  });

  it('j and k walk the inbox rows, x completes one, and "/" goes to the search', async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('shell-keys'));
    for (const title of ['Water the plants', 'Call the bank', 'Book the dentist']) {
      await quickAdd(page, title);
    }
    // Typing j in the quick add is just a letter.
    await page.keyboard.type('j');
    expect(await page.getByLabel('Add a task').inputValue()).toBe('j');
    await page.getByLabel('Add a task').fill('');

    await shortcutsReady(page);
    await focusMain(page);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await page.keyboard.press('j');
    expect(await focused()).toBe('Complete "Book the dentist"');
    await page.keyboard.press('j');
    expect(await focused()).toBe('Complete "Call the bank"');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focused()).toBe('Complete "Water the plants"');
    await page.keyboard.press('k');
    expect(await focused()).toBe('Complete "Call the bank"');
    await screenshot(page, 'shell-row-focus');

    await page.keyboard.press('x');
    await page.getByTestId('count-done').filter({ hasText: 'Done 1' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Complete "Call the bank"' }).isChecked()).toBe(
      true,
    );
    expect(
      await page.getByRole('checkbox', { name: 'Complete "Water the plants"' }).isChecked(),
    ).toBe(false);

    await focusMain(page);
    await page.keyboard.press('/');
    expect(await activeLabel(page)).toBe('Search');
    await page.keyboard.type('bank');
    expect(await page.getByLabel('Search').inputValue()).toBe('bank');
    await context.close();
  });
});
