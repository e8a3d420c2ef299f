import { readdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  createKey,
  launchBrowser,
  newContext,
  rest,
  signUp,
  uniqueEmail,
} from './browser';
import { startPriceServer } from './price-source';

/**
 * Every page, found from the file system (so a new page is covered without touching this file),
 * at a phone's width and a laptop's: nothing scrolls sideways, and axe finds nothing serious or
 * critical. Each page's server time and first-load JS are printed as a table (recorded, not
 * asserted: this shared machine's timings say little on their own).
 */

const appDir = join(dirname(dirname(fileURLToPath(import.meta.url))), 'src', 'app');

interface Route {
  /** The route as a pattern, e.g. `/monitors/[id]`. */
  pattern: string;
  /** Pages under the `(app)` group need a session; the others are seen signed out. */
  signedIn: boolean;
}

function findRoutes(): Route[] {
  return readdirSync(appDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file === 'page.tsx' || file.endsWith(`${sep}page.tsx`))
    .map((file) => {
      const segments = file.split(sep).slice(0, -1);
      return {
        pattern: `/${segments.filter((s) => !/^\(.+\)$/.test(s)).join('/')}`,
        signedIn: segments[0] === '(app)',
      };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

const routes = findRoutes();
const viewports = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** What a page's first load cost, per route and viewport. */
const timings: { path: string; viewport: string; serverMs: number; jsKb: number }[] = [];

/** The elements that reach past the right edge and are not inside something that scrolls. */
function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth + 0.5;
    const clips = (el: Element) => {
      const { overflowX } = getComputedStyle(el);
      return overflowX !== 'visible';
    };
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : '';
      const right = Math.round(el.getBoundingClientRect().right);
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
      return `<${el.tagName.toLowerCase()}${id}${cls}> reaches ${right}px: "${text}"`;
    };
    const found: Element[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.getBoundingClientRect().right <= limit) continue;
      // Inside a scroll container (or one that clips) that itself fits: not the page's problem.
      let ancestor = el.parentElement;
      let contained = false;
      while (ancestor && ancestor !== document.body) {
        if (clips(ancestor) && ancestor.getBoundingClientRect().right <= limit) {
          contained = true;
          break;
        }
        ancestor = ancestor.parentElement;
      }
      if (contained) continue;
      // Report the outermost culprit, not each of its children.
      if (found.some((f) => f.contains(el))) continue;
      found.push(el);
    }
    if (found.length === 0) {
      // Nothing sticks out on its own: name what reaches furthest, scrollers or not.
      const widest = Array.from(document.body.querySelectorAll('*'))
        .filter((el) => el.getBoundingClientRect().right > limit)
        .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
        .slice(0, 5);
      return widest.map((el) => `(inside a scroller) ${describe(el)}`);
    }
    return found.map(describe);
  });
}

describe('every page', () => {
  let browser: Browser;
  let storageState: Awaited<ReturnType<BrowserContext['storageState']>>;
  let prices: Awaited<ReturnType<typeof startPriceServer>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    prices = await startPriceServer(42_000);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('pages'));
    const key = await createKey(page, 'pages test', ['read', 'write']);
    const agentKey = await createKey(page, 'research agent', ['agent']);
    await rest(agentKey, 'POST', '/delegation/agents/register', {
      agent_id: 'research-agent-with-a-long-name',
      agent_type: 'research',
      capabilities: ['research', 'writing'],
    });

    // Tasks: long titles (one of them a single unbroken word), tags, one for the agent.
    const task = (body: Record<string, unknown>) =>
      rest<{ id: string }>(key, 'POST', '/tasks', body);
    const long = await task({
      title:
        'Reply to the school about the permission slip for the museum trip and the packed lunch',
      tags: ['family', 'school'],
      estimateMinutes: 20,
      priority: 'high',
    });
    ids.task = long.id;
    await task({
      title: 'Read https://example.com/a-very-long-article-address-that-never-breaks-anywhere',
      tags: ['reading'],
    });
    await task({ title: 'Pay rent', dueAt: new Date(Date.now() + 86_400_000).toISOString() });
    const research = await task({
      title: 'Research standing desks under 300',
      requiredCapabilities: ['research'],
      delegationMode: 'DELEGATE',
      complexity: 2,
    });
    const sent = await rest<{ assignment: { id: string } }>(key, 'POST', '/delegation/delegate', {
      task_id: research.id,
      delegation_mode: 'DELEGATE',
    });
    await rest(agentKey, 'POST', `/delegation/assignments/${sent.assignment.id}/accept`);
    const done = await task({ title: 'Book a haircut' });
    await rest(key, 'PATCH', `/tasks/${done.id}`, { status: 'done' });
    const gone = await task({ title: 'Cancel the old phone contract with a long name' });
    await rest(key, 'DELETE', `/tasks/${gone.id}`);

    await rest(key, 'POST', '/templates', {
      name: 'Weekly review with a longer name than most',
      description: 'Look back, clear the inbox, pick three things.',
      tags: ['review'],
      steps: [
        { title: 'Clear the inbox', estimateMinutes: 15 },
        { title: 'Pick three things for next week', estimateMinutes: 10, energy: 'low' },
      ],
    });

    // A monitor that triggers on its first check, which also leaves a notification.
    const monitor = await rest<{ id: string }>(key, 'POST', '/monitors', {
      name: 'Bitcoin below fifty thousand',
      prompt: 'tell me when the price drops below 50000',
      intervalMinutes: 360,
      plan: {
        sources: [{ kind: 'json', url: prices.url, jsonPath: '$.price' }],
        condition: { type: 'threshold', op: 'below', value: 50000, unit: 'number', currency: null },
      },
    });
    ids.monitor = monitor.id;
    await rest(key, 'POST', `/monitors/${monitor.id}/evaluate`);
    // The notification is written by the worker inside the server; each read waits on an answer.
    let unread = 0;
    for (let i = 0; i < 200 && unread === 0; i++) {
      unread = (await rest<{ count: number }>(key, 'GET', '/notifications/unread-count')).count;
    }
    expect(unread).toBeGreaterThan(0);

    storageState = await context.storageState();
    await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await prices?.close();
    if (timings.length === 0) return;
    const rows = [...timings].sort(
      (a, b) => a.path.localeCompare(b.path) || a.viewport.localeCompare(b.viewport),
    );
    const width = Math.max(...rows.map((r) => r.path.length), 4);
    const lines = [
      `${'page'.padEnd(width)}  viewport  server ms  first-load JS kB`,
      ...rows.map(
        (r) =>
          `${r.path.padEnd(width)}  ${r.viewport.padEnd(8)}  ${String(r.serverMs).padStart(9)}  ${String(r.jsKb).padStart(16)}`,
      ),
    ];
    console.log(`\n${lines.join('\n')}\n`);
  });

  const resolve = (pattern: string) =>
    pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
      const parent = pattern.split('/').at(pattern.split('/').indexOf(`[${name}]`) - 1);
      const id = parent === 'tasks' ? ids.task : parent === 'monitors' ? ids.monitor : undefined;
      if (!id) throw new Error(`Seed an id for ${pattern} in pages.test.ts`);
      return id;
    });

  for (const viewport of viewports) {
    describe(`at ${viewport.width} px`, () => {
      for (const route of routes) {
        it(`${route.pattern}${route.signedIn ? '' : ' (signed out)'}`, async () => {
          const path = resolve(route.pattern);
          // A fresh context per page: an empty cache, so the JS counted is a first load.
          const context = await browser.newContext({
            baseURL: baseUrl(),
            viewport: { width: viewport.width, height: viewport.height },
            storageState: route.signedIn ? storageState : undefined,
          });
          try {
            const page = await context.newPage();
            const response = await page.goto(path, { waitUntil: 'load' });
            expect(response?.ok(), `${path} answered ${response?.status()}`).toBe(true);
            await page.getByRole('heading', { level: 1 }).first().waitFor();
            // Let client components settle (queries, hydration) before measuring.
            await page.waitForLoadState('networkidle');

            const cost = await page.evaluate(() => {
              const [nav] = performance.getEntriesByType(
                'navigation',
              ) as PerformanceNavigationTiming[];
              const scripts = (
                performance.getEntriesByType('resource') as PerformanceResourceTiming[]
              ).filter((r) => r.initiatorType === 'script' || /\.m?js(\?|$)/.test(r.name));
              return {
                serverMs: nav ? Math.round(nav.responseStart - nav.requestStart) : -1,
                jsBytes: scripts.reduce((sum, r) => sum + r.transferSize, 0),
              };
            });
            timings.push({
              path: route.pattern,
              viewport: viewport.name,
              serverMs: cost.serverMs,
              jsKb: Math.round(cost.jsBytes / 1024),
            });

            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            const overflow =
              scrollWidth > viewport.width ? (await overflowingElements(page)).join('\n') : '';
            // One string, so the report names every culprit instead of a truncated array.
            expect(overflow, `${path} at ${viewport.width} px scrolls sideways`).toBe('');
            expect(scrollWidth, `${path} is wider than the window`).toBeLessThanOrEqual(
              viewport.width,
            );

            const { violations } = await new AxeBuilder({ page }).analyze();
            const serious = violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .flatMap((v) =>
                v.nodes.map(
                  (n) =>
                    `${v.impact} ${v.id}: ${v.help} at ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ')}`,
                ),
              );
            expect(serious.join('\n'), `axe on ${path} at ${viewport.width} px`).toBe('');
          } finally {
            await context.close();
          }
        });
      }
    });
  }
});
