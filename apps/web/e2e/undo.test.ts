import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newContext,
  quickAdd,
  SIZES,
  signUp,
  toastWith,
  uniqueEmail,
} from './browser';

/**
 * Undo, at a laptop's size and a phone's: completing a task and deleting one both offer Undo in
 * their toast, and a deleted task can also be brought back from the Trash later. Each undo is
 * checked after a reload, so it is the server's state, not only the page's.
 */
const sizes = SIZES;

const box = (page: Page, title: string) =>
  page.getByRole('checkbox', { name: `Complete "${title}"` });

const toast = toastWith;

describe('undo', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const size of sizes) {
    it(`undoes a completion and a delete, and restores from the Trash (${size.name})`, async () => {
      const context = await newContext(browser, { viewport: size.viewport });
      const page = await context.newPage();
      await signUp(page, uniqueEmail(`undo-${size.name}`));
      await quickAdd(page, 'Renew the passport');
      await quickAdd(page, 'Return the library books');

      // Complete, then Undo: open again, here and after a reload.
      await box(page, 'Renew the passport').check();
      await toast(page, 'Completed “Renew the passport”')
        .getByRole('button', { name: 'Undo' })
        .click();
      await toast(page, 'Reopened “Renew the passport”.').waitFor();
      expect(await box(page, 'Renew the passport').isChecked()).toBe(false);
      await page.reload();
      await box(page, 'Renew the passport').waitFor();
      expect(await box(page, 'Renew the passport').isChecked()).toBe(false);
      expect(await page.getByTestId('count-done').textContent()).toBe('Done 0');

      // Delete, then Undo: back in the list, and still there after a reload.
      await page.getByRole('button', { name: 'Delete "Return the library books"' }).click();
      await box(page, 'Return the library books').waitFor({ state: 'detached' });
      await toast(page, 'Deleted “Return the library books”')
        .getByRole('button', { name: 'Undo' })
        .click();
      await toast(page, 'Restored “Return the library books”.').waitFor();
      await box(page, 'Return the library books').waitFor();
      await page.reload();
      await box(page, 'Return the library books').waitFor();

      // Delete and let the toast go: the Trash has it, and Restore brings it back.
      await page.getByRole('button', { name: 'Delete "Return the library books"' }).click();
      await toast(page, 'Deleted “Return the library books”').waitFor();
      await box(page, 'Return the library books').waitFor({ state: 'detached' });
      await page.getByRole('main').getByRole('link', { name: 'Trash', exact: true }).click();
      await page.waitForURL('**/trash');
      const row = page.getByTestId('trash-task').filter({ hasText: 'Return the library books' });
      await row.waitFor();
      expect(await page.getByTestId('trash-task').count()).toBe(1);
      await row.getByRole('button', { name: 'Restore "Return the library books"' }).click();
      await toast(page, 'Restored “Return the library books” to your lists.').waitFor();
      await row.waitFor({ state: 'detached' });
      await page.goto('/inbox');
      await box(page, 'Return the library books').waitFor();
      expect(await box(page, 'Return the library books').isChecked()).toBe(false);
      await page.goto('/trash');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getByTestId('trash-task').count()).toBe(0);
      await context.close();
    });
  }
});
