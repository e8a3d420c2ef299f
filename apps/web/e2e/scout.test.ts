import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, signUp, uniqueEmail } from './browser';

async function createKey(page: Page): Promise<string> {
  const res = await page.request.post('/api/trpc/apiKeys.create', {
    data: { json: { name: 'scout test', scopes: ['read', 'write'] } },
  });
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { result: { data: { json: { secret: string } } } };
  return body.result.data.json.secret;
}

async function createTask(key: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await fetch(`${baseUrl()}/api/v1/tasks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
}

describe('Scout', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('suggests only where it would change something, sends only open work, and pages past 200', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('scout'));
    const key = await createKey(page);

    // 203 plain tasks (more than one page of 200), made in small parallel batches.
    for (let start = 0; start < 203; start += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, 203 - start) }, (_, i) =>
          createTask(key, { title: `Filler ${String(start + i).padStart(3, '0')}` }),
        ),
      );
    }
    // Made last, so they are on the first page (newest first).
    await createTask(key, { title: 'Untriaged errand' });
    await createTask(key, { title: 'Chosen to do', delegationMode: 'DO' });
    await createTask(key, {
      title: 'Finished handoff',
      delegationMode: 'DELEGATE',
      status: 'done',
    });
    await createTask(key, { title: 'Open handoff', delegationMode: 'DELEGATE' });

    await page.goto('/scout');
    const row = (title: string) => page.getByTestId('scout-task').filter({ hasText: title });
    await row('Untriaged errand').getByTestId('suggestion').waitFor();
    // The person already chose: no suggestion argues with it.
    expect(await row('Chosen to do').getByTestId('suggestion').count()).toBe(0);
    expect(await row('Open handoff').getByTestId('suggestion').count()).toBe(0);
    // Done work is not offered to an agent; open delegated work is.
    await row('Open handoff').getByRole('button', { name: 'Send to an agent' }).waitFor();
    expect(
      await row('Finished handoff').getByRole('button', { name: 'Send to an agent' }).count(),
    ).toBe(0);

    // The first page holds 200; the oldest tasks arrive with Load more.
    expect(await page.getByTestId('scout-task').count()).toBe(200);
    expect(await row('Filler 000').count()).toBe(0);
    await page.getByRole('button', { name: 'Load more' }).click();
    await row('Filler 000').waitFor();
    expect(await page.getByTestId('scout-task').count()).toBe(207);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await context.close();
  });
});
