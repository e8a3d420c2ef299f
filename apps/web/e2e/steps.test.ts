import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKey,
  launchBrowser,
  newContext,
  quickAdd,
  rest,
  SIZES,
  signUp,
  toastWith,
  uniqueEmail,
} from './browser';

/**
 * Steps stay with their task, at a laptop's size and a phone's: added under it, nested and folded
 * with "done/total" on the task, moved up and down, ticked off (the last one offers finishing the
 * task), saved as a template; and Today shows a big task's next step. Order is checked after a
 * reload, so it is the server's, not only the page's.
 */
const sizes = SIZES;

const toast = toastWith;

async function stepOrder(page: Page): Promise<string[]> {
  const rows = page.getByTestId('step-row');
  const n = await rows.count();
  const titles: string[] = [];
  for (let i = 0; i < n; i++) {
    titles.push((await rows.nth(i).getByRole('checkbox').getAttribute('aria-label')) ?? '');
  }
  return titles.map((label) => label.replace(/^Complete step "(.*)"$/, '$1'));
}

describe('steps', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const size of sizes) {
    it(`adds, orders, finishes and saves steps under their task (${size.name})`, async () => {
      const context = await newContext(browser, { viewport: size.viewport });
      const page = await context.newPage();
      await signUp(page, uniqueEmail(`steps-${size.name}`));
      await quickAdd(page, 'Plan the party');

      // A task without steps offers to add some; the field is ready to type in.
      await page.getByRole('button', { name: 'Add steps to "Plan the party"' }).click();
      const field = page.getByLabel('New step for "Plan the party"');
      await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
      for (const title of ['Invite the guests', 'Order the food', 'Make a playlist']) {
        await field.fill(title);
        await field.press('Enter');
        await page.getByRole('checkbox', { name: `Complete step "${title}"` }).waitFor();
      }
      expect(await stepOrder(page)).toEqual([
        'Invite the guests',
        'Order the food',
        'Make a playlist',
      ]);
      await page.getByRole('button', { name: 'Steps of "Plan the party": 0 of 3 done' }).waitFor();
      // Steps are not rows of the list of their own.
      expect(await page.getByTestId('task-row').count()).toBe(1);

      // Move the playlist up twice: first, and still first after a reload.
      await page.getByRole('button', { name: 'Move "Make a playlist" up' }).click();
      await page.getByRole('button', { name: 'Move "Make a playlist" up' }).click();
      await expect
        .poll(() => stepOrder(page))
        .toEqual(['Make a playlist', 'Invite the guests', 'Order the food']);
      await expect
        .poll(async () => {
          await page.reload();
          await page
            .getByRole('button', { name: 'Steps of "Plan the party": 0 of 3 done' })
            .click();
          await page.getByTestId('step-row').first().waitFor();
          return stepOrder(page);
        })
        .toEqual(['Make a playlist', 'Invite the guests', 'Order the food']);

      // Tick them off; the task shows how far it has come, and the last one offers the task.
      await page.getByRole('checkbox', { name: 'Complete step "Make a playlist"' }).check();
      await toast(page, 'Done: “Make a playlist”.').waitFor();
      await page.getByRole('button', { name: 'Steps of "Plan the party": 1 of 3 done' }).waitFor();
      await page.getByRole('checkbox', { name: 'Complete step "Invite the guests"' }).check();
      await page.getByRole('button', { name: 'Steps of "Plan the party": 2 of 3 done' }).waitFor();
      await page.getByRole('checkbox', { name: 'Complete step "Order the food"' }).check();
      const offer = toast(page, 'That was the last step of “Plan the party”. Finish it too?');
      await offer.getByRole('button', { name: 'Finish it' }).click();
      await toast(page, 'Completed “Plan the party”. Nice.').waitFor();
      await expect
        .poll(() => page.getByRole('checkbox', { name: 'Complete "Plan the party"' }).isChecked())
        .toBe(true);

      // The whole saves as a template, its steps in their order.
      await page.getByRole('button', { name: 'Save as template' }).click();
      await toast(page, 'Saved “Plan the party” as a template.').waitFor();
      await page.goto('/templates');
      await page.getByText('Plan the party').first().waitFor();
      await context.close();
    });
  }

  it("Today shows a big task's next step, and ticking it brings the one after", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('steps-today'));
    const key = await createKey(page, 'me', ['read', 'write']);
    const task = await rest<{ id: string }>(key, 'POST', '/tasks', {
      title: 'Do the tax return',
      priority: 'urgent',
    });
    await rest(key, 'POST', `/tasks/${task.id}/today`);
    await rest(key, 'POST', `/tasks/${task.id}/steps`, { title: 'Find last year’s forms' });
    await rest(key, 'POST', `/tasks/${task.id}/steps`, {
      title: 'Gather the receipts',
      position: 0,
    });

    await page.goto('/today');
    const next = page.getByTestId('next-thing');
    await next.getByText('Do the tax return').waitFor();
    await next.getByTestId('next-step').getByText('Gather the receipts').waitFor();
    await next.getByRole('button', { name: 'Step done: "Gather the receipts"' }).click();
    await next.getByTestId('next-step').getByText('Find last year’s forms').waitFor();
    await context.close();
  });
});
