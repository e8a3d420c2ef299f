import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newContext,
  openMoreMenu,
  screenshot,
  signUp,
  uniqueEmail,
} from './browser';
import { startPriceServer } from './price-source';

const hasHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('monitors', () => {
  let browser: Browser;
  let source: Awaited<ReturnType<typeof startPriceServer>>;
  beforeAll(async () => {
    browser = await launchBrowser();
    source = await startPriceServer();
  });
  afterAll(async () => {
    await browser?.close();
    await source?.close();
  });

  it('creates a monitor from words, evaluates it, notifies, and is paused, resumed and deleted', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('monitor'));

    await page.getByRole('link', { name: 'Monitors' }).click();
    await page.getByRole('heading', { name: 'Monitors', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'No monitors yet' }).waitFor();
    await page.getByRole('link', { name: 'New monitor' }).click();
    await page.getByRole('heading', { name: 'New monitor', level: 1 }).waitFor();

    // Compiling with nothing written says so next to the prompt.
    await page.getByRole('button', { name: 'Compile' }).click();
    await page.getByText('Say in a few words what to watch for').waitFor();

    await page.getByLabel('What to watch for').fill('tell me when the price drops below 50000');
    await page.getByLabel('Name (optional)').fill('Bitcoin price');
    await page.getByLabel('Source URL').fill(source.url);
    await page.getByLabel('Kind of source').selectOption('json');
    // A JSON source needs to say which value to read; the message sits under that field.
    await page.getByRole('button', { name: 'Compile' }).click();
    await page.getByText('A JSON source needs a JSONPath').waitFor();
    expect(await page.getByLabel('JSONPath').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('JSONPath').fill('$.price');
    await page.getByLabel('Check every').selectOption('360');
    // This test server has no SMTP settings: email is offered honestly, as not set up.
    await page.getByText('Email is not set up on this server yet').waitFor();
    expect(await page.getByLabel('Also tell me by email').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Compile' }).click();

    // The compiled plan, in words, editable.
    const description = page.getByTestId('plan-description');
    await description.waitFor();
    expect(await description.textContent()).toMatch(/below.*50,?000/);
    expect(await page.getByLabel('When the value is').inputValue()).toBe('below');
    expect(await page.getByLabel('Threshold').inputValue()).toBe('50000');

    // A broken edit is caught next to its field; nothing is sent.
    await page.getByLabel('Threshold').fill('');
    await page.getByRole('button', { name: 'Save monitor' }).click();
    await page.getByText('Enter a number').waitFor();
    await page.getByLabel('Threshold').fill('50000');

    await page.getByRole('button', { name: 'Dry run' }).click();
    const dry = page.getByTestId('dry-run-result');
    await dry.waitFor();
    expect(await page.getByTestId('dry-run-value').textContent()).toBe('60,000');
    expect(await dry.textContent()).toContain('would not notify you');
    await screenshot(page, 'monitor-new');

    await page.getByRole('button', { name: 'Save monitor' }).click();
    await page.waitForURL(/\/monitors\/[0-9a-f-]{36}$/);
    const monitorPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: 'Bitcoin price', level: 1 }).waitFor();

    // Above the line: checked, nothing to tell.
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    const result = page.getByTestId('evaluate-result');
    await result.filter({ hasText: 'no trigger' }).waitFor();
    expect(await result.textContent()).toContain('60,000');

    // Below the line: triggered, and the nav counts one unread notification. A fetched source is
    // shared for a minute, so point the monitor at a fresh address of the same API (via Edit).
    source.setPrice(45000);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit monitor' }).waitFor();
    expect(await page.getByLabel('Threshold').inputValue()).toBe('50000');
    await page.getByLabel('Source URL').fill(`${source.url}?fresh=1`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Edit monitor' }).waitFor({ state: 'detached' });
    // Saving a new plan also queues a check right away; whichever run sees 45,000 first tells
    // the person, once.
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    await result.filter({ hasText: '45,000' }).waitFor();
    const badge = page.getByTestId('unread-count');
    await badge.filter({ hasText: /^1/ }).waitFor();

    await page.getByRole('link', { name: /Notifications/ }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const item = page.getByTestId('notification');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.first().getAttribute('data-unread')).toBe('true');
    const link = item.first().getByRole('link');
    expect(await link.getAttribute('href')).toContain(monitorPath);
    await screenshot(page, 'notifications');

    await item
      .first()
      .getByRole('button', { name: /^Mark read: / })
      .click();
    await badge.waitFor({ state: 'detached' });
    await item
      .first()
      .getByRole('button', { name: /^Mark read: / })
      .waitFor({ state: 'detached' });
    expect(await item.first().getAttribute('data-unread')).toBeNull();

    // Unread only: nothing left.
    await page.getByLabel('Unread only').check();
    await page.getByRole('heading', { name: 'All caught up' }).waitFor();
    await page.getByLabel('Unread only').uncheck();

    // The notification leads back to the monitor: its log and its chart.
    await item.first().getByRole('link').click();
    await page.waitForURL(`**${monitorPath}`);
    const rows = page.getByTestId('evaluation-row');
    await rows.nth(1).waitFor();
    // The two checks by hand, plus the ones queued on save and on edit; exactly one triggered.
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.filter({ hasText: 'By you' }).count()).toBe(2);
    expect(
      await page.locator('[data-testid="evaluation-row"][data-triggered="true"]').count(),
    ).toBe(1);
    const chart = page.getByTestId('history-chart');
    await chart.waitFor();
    expect(await chart.locator('[data-kind="trigger"]').count()).toBe(1);
    expect(await chart.locator('[data-kind="point"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('img', { name: /Values over time/ }).count()).toBe(1);
    // What it cost: no model calls for a threshold the parser read.
    expect(await page.getByTestId('history-totals').textContent()).toMatch(
      /1 notification, 0 failed checks · AI spend \$0 \(no model calls\)/,
    );
    await screenshot(page, 'monitor-detail');

    // Pause and resume.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    await page.getByText('Paused', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();

    // The list shows it with its last value.
    await page.getByRole('link', { name: '← Monitors' }).click();
    const row = page.getByTestId('monitor-row');
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('Bitcoin price');
    expect(await row.first().textContent()).toContain('45,000');
    expect(await row.first().textContent()).toContain('Every 6 hours');

    // The jobs view answers for this user.
    await openMoreMenu(page);
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    await page.getByRole('heading', { name: 'Dead letters' }).waitFor();
    await page.getByText('Loading the queues…').waitFor({ state: 'detached' });
    await screenshot(page, 'jobs');

    // Delete, after confirming.
    await page.goto(monitorPath);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete "Bitcoin price"?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete monitor' }).click();
    await page.waitForURL('**/monitors');
    await page.getByRole('heading', { name: 'No monitors yet' }).waitFor();
    await context.close();
  });

  it('fits a phone: no sideways scrolling on the monitor pages', async () => {
    const context = await newContext(browser, { viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('monitor-phone'));
    source.setPrice(70000);

    await page.goto('/monitors');
    await page.getByRole('heading', { name: 'No monitors yet' }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);

    await page.goto('/monitors/new');
    await page.getByLabel('What to watch for').fill('tell me when the price drops below 50000');
    await page.getByLabel('Source URL').fill(source.url);
    await page.getByLabel('JSONPath').fill('$.price');
    await page.getByRole('button', { name: 'Compile' }).click();
    await page.getByTestId('plan-description').waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    // A dry run that finds nothing: saving asks first, and says what saving now would mean.
    await page.getByLabel('JSONPath').fill('$.nothing_here');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByTestId('dry-run-result').getByText('the check could not run').waitFor();
    await page.getByRole('button', { name: 'Save monitor' }).click();
    await page.getByTestId('save-warning').getByText('could not check this yet').waitFor();
    expect(new URL(page.url()).pathname).toBe('/monitors/new');
    expect(await hasHorizontalScroll(page)).toBe(false);
    // Fixed and tried again, the warning is gone and Save saves.
    await page.getByLabel('JSONPath').fill('$.price');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByTestId('dry-run-result').getByText('would not notify you').waitFor();
    expect(await page.getByTestId('save-warning').count()).toBe(0);
    await page.getByRole('button', { name: 'Save monitor' }).click();
    await page.waitForURL(/\/monitors\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    await page.getByTestId('evaluate-result').waitFor();
    await page.getByTestId('evaluation-row').first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'monitor-detail-phone');

    await page.goto('/monitors');
    await page.getByTestId('monitor-row').first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'monitors-phone');

    for (const path of ['/notifications', '/jobs']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await hasHorizontalScroll(page), path).toBe(false);
    }
    expect(source.hits()).toBeGreaterThan(0);
    await context.close();
  });
});
