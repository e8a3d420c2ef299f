import { randomUUID } from 'node:crypto';
import { monitorSources, monitors } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAiRouterForDb } from '../ai/index';
import { type StubServer, startStubProvider } from '../ai/stub-server';
import { createHarness, type Harness, serveOnLoopback } from '../testing';
import { guessSourceKind, parsePromptCondition, urlsIn } from './compile';
import { evaluateMonitorNow } from './service';

/**
 * The monitors API: compiling prompts (parser, AI through the stub provider, offline), the tRPC
 * procedures and the REST surface an agent uses, validation and owner scoping.
 */

const clock = Date.UTC(2026, 10, 21, 10, 0, 0);
const now = () => new Date(clock);
let h: Harness;
let stub: StubServer;
let world: Awaited<ReturnType<typeof serveOnLoopback>>;
let proposal: unknown = null;

const withAi = () => {
  h.deps.ai = createAiRouterForDb(
    h.db,
    {
      providers: [
        {
          kind: 'anthropic',
          apiKey: 'sk-ant-monitor-compile-0000000',
          baseUrl: stub.anthropicBaseUrl,
        },
      ],
      retry: { baseDelayMs: 1 },
    },
    { now, sleep: async () => {} },
  );
};
const offlineOnly = () => {
  h.deps.ai = createAiRouterForDb(h.db, {}, { now });
};

beforeAll(async () => {
  h = await createHarness({
    now,
    monitors: {
      factTtlMs: 1000,
      leaseMs: 60_000,
      fetch: { timeoutMs: 5000, maxBytes: 1_000_000, allowHosts: ['127.0.0.1'] },
    },
  });
  stub = await startStubProvider({ answer: () => proposal });
  world = await serveOnLoopback({
    '/api/weather.json': async () => Response.json({ temperature: { celsius: 31.5 } }),
  });
});
afterAll(async () => {
  await world?.close();
  await stub?.close();
  await h?.close();
});
afterEach(() => {
  stub.reset();
  offlineOnly();
});

describe('prompt helpers', () => {
  it('finds the condition in the longest word-suffix the parser reads', () => {
    expect(parsePromptCondition('tell me when BTC drops below $50k')).toEqual({
      phrase: 'drops below $50k',
      condition: {
        type: 'threshold',
        op: 'below',
        value: 50_000,
        unit: 'currency',
        currency: '$',
      },
    });
    expect(
      parsePromptCondition('alert me if https://x.test/feed.xml has a new post')?.condition,
    ).toEqual({ type: 'change', rule: { type: 'new_items' } });
    expect(parsePromptCondition('is the weather nice at https://x.test/')).toBeNull();
  });

  it('finds URLs and guesses their kind', () => {
    expect(urlsIn('see https://a.test/x.json, and https://b.test/page.')).toEqual([
      'https://a.test/x.json',
      'https://b.test/page',
    ]);
    expect(guessSourceKind('https://a.test/x.json')).toBe('json');
    expect(guessSourceKind('https://api.a.test/v1/price')).toBe('json');
    expect(guessSourceKind('https://a.test/blog/rss')).toBe('feed');
    expect(guessSourceKind('https://a.test/atom.xml')).toBe('feed');
    expect(guessSourceKind('https://a.test/products/widget')).toBe('html');
  });
});

describe('monitors.compile', () => {
  it('the rule parser reads the condition: no AI call', async () => {
    withAi();
    const user = await h.newUser();
    const out = await user.caller.monitors.compile({
      prompt: 'tell me when BTC drops below $50k',
      sources: [{ kind: 'json', url: 'https://api.example.com/btc', jsonPath: '$.usd' }],
    });
    expect(out.origin).toBe('parser');
    expect(out.plan.condition).toMatchObject({ type: 'threshold', op: 'below', value: 50_000 });
    expect(out.description).toContain('below $50,000');
    expect(stub.requests).toHaveLength(0);
  });

  it('asks the AI router when the parser cannot, taking its JSONPath suggestion', async () => {
    withAi();
    proposal = {
      condition: { type: 'threshold', op: 'above', value: 30, unit: 'number', currency: null },
      jsonPath: '$.temperature.celsius',
      selector: null,
    };
    const user = await h.newUser();
    const out = await user.caller.monitors.compile({
      prompt: `let me know when it gets uncomfortably hot: ${world.url}/api/weather.json`,
    });
    expect(stub.requests).toHaveLength(1);
    expect(out.origin).toBe('ai');
    expect(out.plan.sources).toEqual([
      { kind: 'json', url: `${world.url}/api/weather.json`, jsonPath: '$.temperature.celsius' },
    ]);
    expect(out.plan.condition).toMatchObject({ type: 'threshold', op: 'above', value: 30 });
    const dry = await user.caller.monitors.dryRun({ plan: out.plan });
    expect(dry).toMatchObject({ outcome: 'true', wouldTrigger: true, valueNumber: 31.5 });
  });

  it('offline, the prompt becomes a fuzzy question', async () => {
    const user = await h.newUser();
    const prompt = 'is the keynote announcing a new laptop? https://events.example.com/live';
    const out = await user.caller.monitors.compile({ prompt });
    expect(out.origin).toBe('ai');
    expect(out.plan.condition).toEqual({ type: 'fuzzy', question: prompt });
    // A question about a page is judged on its whole text.
    expect(out.plan.sources).toEqual([
      { kind: 'html', url: 'https://events.example.com/live', selector: 'body' },
    ]);
    expect(out.notes.join(' ')).toMatch(/offline/i);
  });

  it('no source, or a JSON source without a JSONPath, is a field error on sources', async () => {
    const user = await h.newUser();
    await expect(
      user.caller.monitors.compile({ prompt: 'tell me when gold is above 2000' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { fieldErrors: { sources: [expect.stringMatching(/URL/)] } },
    });
    await expect(
      user.caller.monitors.compile({
        prompt: 'tell me when gold is above 2000 https://api.example.com/gold.json',
      }),
    ).rejects.toMatchObject({
      cause: { fieldErrors: { sources: [expect.stringMatching(/JSONPath/)] } },
    });
  });
});

describe('monitors over tRPC', () => {
  it('evaluate now waits for a run in progress, and says so when it does not end', async () => {
    const user = await h.newUser();
    const m = await user.caller.monitors.create({
      prompt: `tell me when the temperature is above 35 ${world.url}/api/weather.json $.temperature.celsius`,
      intervalMinutes: 15,
    });
    // Another run holds the monitor (the clock is fixed, so only a release ends the hold).
    const hold = () =>
      h.db
        .update(monitors)
        .set({ leaseUntil: new Date(clock + 60_000), leaseToken: randomUUID() })
        .where(eq(monitors.id, m.id));
    await hold();
    const release = new Promise<void>((resolve) =>
      setTimeout(() => {
        void h.db
          .update(monitors)
          .set({ leaseUntil: null, leaseToken: null })
          .where(eq(monitors.id, m.id))
          .then(() => resolve());
      }, 300),
    );
    const evaluation = await user.caller.monitors.evaluateNow({ id: m.id });
    await release;
    expect(evaluation).toMatchObject({ trigger: 'manual', outcome: 'false' });

    await hold();
    await expect(evaluateMonitorNow(h.deps, user.id, m.id, { waitMs: 300 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/being evaluated right now/),
    });
  });

  it('create, update (recompile, plan reset, interval), pause, resume, delete', async () => {
    const user = await h.newUser();
    const created = await user.caller.monitors.create({
      prompt: `tell me when the temperature is above 35 ${world.url}/api/weather.json $.temperature.celsius`,
      intervalMinutes: 15,
    });
    expect(created).toMatchObject({
      name: 'tell me when the temperature is above 35',
      planOrigin: 'parser',
      conditionText: 'value is above 35',
      status: 'active',
      notifyEmail: false,
    });
    // A new monitor is checked right away; later runs follow its phase.
    expect(created.nextRunAt!.getTime()).toBe(clock);
    const links = await h.db
      .select()
      .from(monitorSources)
      .where(eq(monitorSources.monitorId, created.id));
    expect(links).toHaveLength(1);

    await user.caller.monitors.evaluateNow({ id: created.id });
    const reworded = await user.caller.monitors.update({
      id: created.id,
      prompt: 'tell me when the temperature is above 30',
    });
    expect(reworded.plan.condition).toMatchObject({ op: 'above', value: 30 });
    expect(reworded.plan.sources).toEqual(created.plan.sources);
    const [row] = await h.db.select().from(monitors).where(eq(monitors.id, created.id));
    expect(row!.state).toMatchObject({ armed: true, lastMatched: null });

    const edited = await user.caller.monitors.update({
      id: created.id,
      name: 'Heat',
      intervalMinutes: 60,
      notifyEmail: true,
      plan: { ...reworded.plan, timing: { ...reworded.plan.timing, debounce: 2 } },
    });
    expect(edited).toMatchObject({ name: 'Heat', intervalMinutes: 60, planOrigin: 'user' });
    expect(edited.plan.timing.debounce).toBe(2);

    const paused = await user.caller.monitors.pause({ id: created.id });
    expect(paused).toMatchObject({ status: 'paused', nextRunAt: null });
    const resumed = await user.caller.monitors.resume({ id: created.id });
    expect(resumed.status).toBe('active');
    expect(resumed.nextRunAt).not.toBeNull();

    expect((await user.caller.monitors.list()).items.map((m) => m.id)).toEqual([created.id]);
    expect(await user.caller.monitors.delete({ id: created.id })).toEqual({ id: created.id });
    await expect(user.caller.monitors.get({ id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("another user's monitor is not found, everywhere", async () => {
    const owner = await h.newUser();
    const other = await h.newUser();
    const m = await owner.caller.monitors.create({
      prompt: `above 35 ${world.url}/api/weather.json $.temperature.celsius`,
      intervalMinutes: 5,
    });
    const id = m.id;
    for (const attempt of [
      () => other.caller.monitors.get({ id }),
      () => other.caller.monitors.update({ id, name: 'mine now' }),
      () => other.caller.monitors.pause({ id }),
      () => other.caller.monitors.resume({ id }),
      () => other.caller.monitors.evaluateNow({ id }),
      () => other.caller.monitors.dryRun({ id }),
      () => other.caller.monitors.evaluations({ id }),
      () => other.caller.monitors.history({ id }),
      () => other.caller.monitors.delete({ id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await other.caller.monitors.list()).items).toEqual([]);
    expect((await owner.caller.monitors.get({ id })).name).toBe(m.name);
  });
});

describe('monitors over REST', () => {
  it('POST 201, GET list and one, PUT, evaluate, DELETE; bad input 400; foreign 404', async () => {
    const user = await h.newUser();
    const key = (await user.caller.apiKeys.create({ name: 'agent', scopes: ['read', 'write'] }))
      .secret;
    const created = await h.rest('POST', '/monitors', {
      key,
      body: {
        prompt: 'Tell me when it is hot',
        intervalMinutes: 5,
        plan: {
          sources: [
            {
              kind: 'json',
              url: `${world.url}/api/weather.json`,
              jsonPath: '$.temperature.celsius',
            },
          ],
          condition: { type: 'threshold', op: 'above', value: 30, unit: 'number', currency: null },
        },
      },
    });
    expect(created.status).toBe(201);
    const monitor = (await created.json()) as { id: string; planOrigin: string };
    expect(monitor.planOrigin).toBe('user');

    const list = await h.rest('GET', '/monitors', { key });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string }[] }).items[0]!.id).toBe(monitor.id);
    const one = await h.rest('GET', `/monitors/${monitor.id}`, { key });
    expect(one.status).toBe(200);

    const put = await h.rest('PUT', `/monitors/${monitor.id}`, { key, body: { name: 'Hot' } });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { name: string }).name).toBe('Hot');

    const run = await h.rest('POST', `/monitors/${monitor.id}/evaluate`, { key });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({
      outcome: 'true',
      trigger: 'manual',
      valueNumber: 31.5,
    });
    const evals = await h.rest('GET', `/monitors/${monitor.id}/evaluations?limit=5`, { key });
    expect(((await evals.json()) as { items: unknown[] }).items).toHaveLength(1);
    const hist = await h.rest('GET', `/monitors/${monitor.id}/history?days=1`, { key });
    expect(((await hist.json()) as { points: { value: number }[] }).points[0]!.value).toBe(31.5);

    const bad = await h.rest('POST', '/monitors', {
      key,
      body: { prompt: 'x', intervalMinutes: 7, name: 'n'.repeat(201) },
    });
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { data: { fieldErrors: Record<string, string[]> } })
      .data.fieldErrors;
    expect(problems.prompt?.[0]).toMatch(/at least 3/);
    expect(problems.intervalMinutes?.[0]).toMatch(/5, 15, 60 or 360/);
    expect(problems.name?.[0]).toMatch(/at most 200/);

    const noSource = await h.rest('POST', '/monitors', {
      key,
      body: { prompt: 'tell me when gold is above 2000', intervalMinutes: 5 },
    });
    expect(noSource.status).toBe(400);
    expect(
      ((await noSource.json()) as { data: { fieldErrors: Record<string, string[]> } }).data
        .fieldErrors.sources,
    ).toHaveLength(1);

    const stranger = await h.newUser();
    const strangerKey = (
      await stranger.caller.apiKeys.create({ name: 'x', scopes: ['read', 'write'] })
    ).secret;
    expect((await h.rest('GET', `/monitors/${monitor.id}`, { key: strangerKey })).status).toBe(404);
    expect((await h.rest('DELETE', `/monitors/${monitor.id}`, { key: strangerKey })).status).toBe(
      404,
    );

    const readOnly = (await user.caller.apiKeys.create({ name: 'ro', scopes: ['read'] })).secret;
    expect((await h.rest('GET', `/monitors/${monitor.id}`, { key: readOnly })).status).toBe(200);
    expect((await h.rest('DELETE', `/monitors/${monitor.id}`, { key: readOnly })).status).toBe(403);

    const del = await h.rest('DELETE', `/monitors/${monitor.id}`, { key });
    expect(del.status).toBe(200);
    expect((await h.rest('GET', `/monitors/${monitor.id}`, { key })).status).toBe(404);
  });
});
