import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, quickAdd, screenshot, signUp, uniqueEmail } from './browser';

describe('inbox', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds three tasks, completes one, and shows the same state after a reload', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('tasks'));
    await page.getByRole('heading', { name: 'Your inbox is clear' }).waitFor();

    await quickAdd(page, 'Buy oat milk');
    await quickAdd(page, 'Email the landlord');
    await quickAdd(page, 'Book a haircut');

    const saved = page.waitForResponse(
      (res) => res.url().includes('/api/trpc/tasks.update') && res.request().method() === 'POST',
    );
    await page.getByRole('checkbox', { name: 'Complete "Email the landlord"' }).check();
    expect((await saved).ok()).toBe(true);

    await page.reload();
    const titles = page.locator('[data-testid="task-row"] .task-title');
    await titles.first().waitFor();
    // Newest first.
    expect(await titles.allTextContents()).toEqual([
      'Book a haircut',
      'Email the landlord',
      'Buy oat milk',
    ]);
    const box = (title: string) => page.getByRole('checkbox', { name: `Complete "${title}"` });
    expect(await box('Book a haircut').isChecked()).toBe(false);
    expect(await box('Email the landlord').isChecked()).toBe(true);
    expect(await box('Buy oat milk').isChecked()).toBe(false);
    expect(await page.getByTestId('count-inbox').textContent()).toBe('Inbox 2');
    expect(await page.getByTestId('count-done').textContent()).toBe('Done 1');
    await screenshot(page, 'inbox-desktop');

    // Filter by status: only the done task remains.
    await page.getByTestId('count-done').click();
    await page.getByRole('checkbox', { name: 'Complete "Buy oat milk"' }).waitFor({
      state: 'detached',
    });
    expect(await titles.allTextContents()).toEqual(['Email the landlord']);
    await context.close();
  });

  it('quick add shows what it understood, saves it as fields, and can keep date words as text', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('quick'));
    await page.getByRole('heading', { name: 'Your inbox is clear' }).waitFor();

    const input = page.getByLabel('Add a task');
    await input.fill('Buy cat food tomorrow 5pm #pets !high ~15m');
    const preview = page.getByTestId('quick-add-preview');
    await preview.getByText('High priority').waitFor();
    const said = await preview.textContent();
    expect(said).toContain('Buy cat food');
    expect(said).toContain('#pets');
    expect(said).toContain('~15 min');
    expect(said).toMatch(/Due \w{3} \d{1,2} \w{3}, 17:00/);
    expect(await input.getAttribute('aria-describedby')).toContain('quick-add-preview');
    await input.press('Enter');
    const row = page.getByTestId('task-row').filter({ hasText: 'Buy cat food' });
    await page.getByRole('checkbox', { name: 'Complete "Buy cat food"' }).waitFor();
    expect(await row.textContent()).toContain('pets');
    expect(await row.locator('.task-title').textContent()).toBe('Buy cat food');

    await input.fill('Watch Friday Night Lights');
    await page.getByRole('button', { name: 'Keep “Friday Night” in the title' }).click();
    await preview.waitFor({ state: 'detached' });
    await input.press('Enter');
    await page.getByRole('checkbox', { name: 'Complete "Watch Friday Night Lights"' }).waitFor();

    // Only when and how, no what: said in words, nothing saved, the text kept.
    await input.fill('tomorrow #personal');
    await input.press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Add a few words for the task itself' })
      .waitFor();
    expect(await input.inputValue()).toBe('tomorrow #personal');
    await context.close();
  });

  it('edits and deletes by keyboard alone', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('keys'));
    await quickAdd(page, 'Water the plants');

    // The skip link is the first stop and moves focus to the content.
    await page.reload();
    await page.getByLabel('Add a task').waitFor();
    // Server-rendered buttons do nothing until React has hydrated them.
    await page.locator('[data-hydrated="true"]').waitFor();
    // Quick add waits with the cursor in it; from the top of the page, the skip link is first.
    await page.waitForFunction(() => document.activeElement?.id === 'quick-add');
    // Start from the top as a fresh page does: focus the body itself (blurring alone keeps
    // Chromium's starting point at quick add).
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
    });
    await page.keyboard.press('Tab');
    await page.evaluate(() => document.body.removeAttribute('tabindex'));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Edit: the dialog opens with focus inside it; Enter in a field saves.
    await page.getByRole('button', { name: 'Edit "Water the plants"' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit task' });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    const title = dialog.getByLabel('Title');
    await title.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Water the fern');
    await dialog.getByLabel('Tags').focus();
    await page.keyboard.type('home, green');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('checkbox', { name: 'Complete "Water the fern"' }).waitFor();
    expect(await page.locator('[data-testid="task-row"] .badge').allTextContents()).toEqual(
      expect.arrayContaining(['#home', '#green']),
    );

    // A broken rule shows next to its field: a tag with a space is refused.
    await page.getByRole('button', { name: 'Edit "Water the fern"' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Tags').fill('two words');
    await dialog.getByLabel('Tags').press('Enter');
    await dialog.getByText('A tag may hold letters, digits, and _ - : . only').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Delete goes to the trash at once; the toast's Undo brings the task back.
    const remove = page.getByRole('button', { name: 'Delete "Water the fern"' });
    await remove.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your inbox is clear' }).waitFor();
    const toast = page.getByTestId('toast').filter({ hasText: 'Deleted “Water the fern”' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('checkbox', { name: 'Complete "Water the fern"' }).waitFor();
    await remove.click();
    await page.getByRole('heading', { name: 'Your inbox is clear' }).waitFor();
    await context.close();
  });

  it('pages with "Load more" and filters by text', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('pages'));
    // The REST surface accepts the browser session too; it makes 27 tasks quickly.
    for (let i = 1; i <= 27; i++) {
      const res = await page.request.post('/api/v1/tasks', {
        data: { title: `Step ${i}`, tags: i % 2 === 0 ? ['even'] : [] },
      });
      expect(res.status()).toBe(201);
    }
    await page.reload();
    const rows = page.getByTestId('task-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    expect(await rows.first().locator('.task-title').textContent()).toBe('Step 27');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('checkbox', { name: 'Complete "Step 1"' }).waitFor();
    expect(await rows.count()).toBe(27);
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });

    await page.getByText('Filters').click();
    await page.getByLabel('Search').fill('Step 1');
    // "Step 1" and "Step 10".."Step 19": eleven tasks.
    await page.getByRole('checkbox', { name: 'Complete "Step 27"' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(11);
    await page.getByLabel('Tag').fill('even');
    await page.getByRole('checkbox', { name: 'Complete "Step 1"' }).waitFor({ state: 'detached' });
    expect((await rows.locator('.task-title').allTextContents()).sort()).toEqual(
      ['Step 10', 'Step 12', 'Step 14', 'Step 16', 'Step 18'].sort(),
    );
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByRole('checkbox', { name: 'Complete "Step 27"' }).waitFor();
    await context.close();
  });
});
