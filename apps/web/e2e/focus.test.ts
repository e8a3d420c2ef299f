import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, quickAdd, screenshot, signUp, uniqueEmail } from './browser';

/** Seconds on the clock ("0:42" -> 42, "1:00" -> 60). */
async function clockSeconds(page: Page): Promise<number> {
  // The clock appears once the page has hydrated (the server cannot know this device's clock).
  const clock = page.getByTestId('focus-clock');
  await expect
    .poll(async () => /^\d+:\d\d$/.test(((await clock.textContent()) ?? '').trim()), {
      timeout: 10_000,
    })
    .toBe(true);
  const match = /^(\d+):(\d\d)$/.exec(((await clock.textContent()) ?? '').trim())!;
  return Number(match[1]) * 60 + Number(match[2]);
}

const phase = (page: Page) => page.getByTestId('focus-phase');

describe('focus', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('walks a short session on a task across a reload and two tabs, to the break reminder and the minutes', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('focus'));
    await quickAdd(page, 'Draft the newsletter');

    // From the task row to the timer, with the task chosen.
    await page.getByRole('link', { name: 'Focus on "Draft the newsletter"' }).click();
    await page.waitForURL('**/focus?task=*');
    await page.getByRole('form', { name: 'Start a focus session' }).waitFor();
    await page.getByLabel('Kind', { exact: true }).selectOption('custom');
    await page.getByLabel('Work minutes', { exact: true }).fill('1');
    await page.getByLabel('Break minutes', { exact: true }).fill('1');
    await page.getByLabel('Blocks', { exact: true }).fill('2');
    expect(await page.getByLabel('Task', { exact: true }).inputValue()).not.toBe('');
    await page.getByRole('group', { name: 'Energy before (optional)' }).getByText('2').click();
    await page.getByRole('button', { name: 'Start' }).click();

    await expect.poll(() => phase(page).textContent(), { timeout: 10_000 }).toBe('Focus');
    expect(await page.getByTestId('focus-task').textContent()).toBe('Draft the newsletter');
    expect(await clockSeconds(page)).toBeLessThanOrEqual(60);
    await expect
      .poll(() => page.title(), { timeout: 10_000 })
      .toMatch(/^[01]:\d\d · Focus · Proxy$/);

    // A reload shows the same running timer.
    await page.reload();
    await expect.poll(() => phase(page).textContent(), { timeout: 10_000 }).toBe('Focus');
    const afterReload = await clockSeconds(page);
    expect(afterReload).toBeGreaterThan(0);
    expect(afterReload).toBeLessThanOrEqual(60);

    // A second tab shows the same second.
    const other = await context.newPage();
    await other.goto('/focus');
    await expect.poll(() => phase(other).textContent(), { timeout: 10_000 }).toBe('Focus');
    const [a, b] = [await clockSeconds(page), await clockSeconds(other)];
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);

    // Pause in one tab; the other shows it within a second.
    await other.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => phase(page).textContent(), { timeout: 1_500 }).toBe('Paused');
    const frozen = await clockSeconds(page);
    await expect.poll(() => page.title(), { timeout: 10_000 }).toContain('Paused');
    expect(Math.abs((await clockSeconds(other)) - frozen)).toBeLessThanOrEqual(1);
    await screenshot(page, 'focus-paused');

    // Space resumes, and the second tab follows.
    await page.locator('body').press('Space');
    await expect.poll(() => phase(other).textContent(), { timeout: 1_500 }).toBe('Focus');

    // The block runs out by the clock: the break starts in both tabs.
    await expect
      .poll(() => phase(page).textContent(), { timeout: 80_000, interval: 1_000 })
      .toBe('Short break');
    await expect.poll(() => phase(other).textContent(), { timeout: 10_000 }).toBe('Short break');
    await screenshot(page, 'focus-break');

    // The worker sent the break reminder: it is in the inbox.
    await other.goto('/notifications');
    await expect
      .poll(
        async () => {
          await other.reload();
          // The inbox loads after the page does: wait for it a little, then look again.
          try {
            await other.getByText('Time for a break').first().waitFor({ timeout: 3_000 });
            return 1;
          } catch {
            return 0;
          }
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    expect(await other.getByText('You focused 1 minute on “Draft the newsletter”').count()).toBe(1);

    // Finish with the energy after; the minutes show in analytics and history.
    await page.getByRole('group', { name: 'Energy now (optional)' }).getByText('4').click();
    await page.getByRole('button', { name: 'Finish session' }).click();
    await page.getByRole('form', { name: 'Start a focus session' }).waitFor();
    await expect
      .poll(() => page.getByTestId('minutes-today').textContent(), { timeout: 10_000 })
      .toBe('1 min');
    const row = page.getByRole('table', { name: 'Recent sessions' }).getByRole('row').nth(1);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('completed');
    expect(await row.textContent()).toContain('Draft the newsletter');
    expect(await row.textContent()).toContain('2 → 4');
    await screenshot(page, 'focus-analytics');
    await context.close();
  });
});
