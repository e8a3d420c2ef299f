import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** Debian's Chromium; no test tool downloads a browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Auth.js builds URLs from `localhost`, so the browser must use it too (not 127.0.0.1). */
export const baseUrl = () => inject('baseUrl');

export function newContext(
  browser: Browser,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
}

export const PASSWORD = 'a calm river at dawn';

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/**
 * Signs up through the form, which lands on Today's first run, and goes on to the inbox (where
 * most tests begin; `today.test.ts` walks the first run itself).
 */
export async function signUp(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/today?welcome=1');
  await page.goto('/inbox');
  await page.getByLabel('Add a task').waitFor();
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/today');
}

/** Adds a task with the quick-add field and waits until its row is in the list. */
export async function quickAdd(page: Page, title: string): Promise<void> {
  const input = page.getByLabel('Add a task');
  await input.fill(title);
  await input.press('Enter');
  await page.getByRole('checkbox', { name: `Complete "${title}"` }).waitFor();
}

/** Saves a screenshot when E2E_SCREENSHOTS names a folder (to look at the pages by eye). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Opens the nav's "More" menu (setup, the builders' places, sign out; on a phone, the rest). */
export async function openMoreMenu(page: Page): Promise<void> {
  const more = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^More/ });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await page.locator('.app-nav-panel').waitFor();
}

/** Creates an API key through the signed-in session (the same call the Settings form makes). */
export async function createKey(page: Page, name: string, scopes: string[]): Promise<string> {
  const res = await page.request.post('/api/trpc/apiKeys.create', {
    data: { json: { name, scopes } },
  });
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { result: { data: { json: { secret: string } } } };
  return body.result.data.json.secret;
}

/** Calls the REST surface with an API key and returns the parsed body of a 2xx answer. */
export async function rest<T>(
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

/** The two sizes the everyday flows are checked at: a laptop and a small phone. */
export const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 360, height: 740 } },
] as const;

/** The newest toast that says `text`. */
export const toastWith = (page: Page, text: string) =>
  page.getByTestId('toast').filter({ hasText: text }).last();
