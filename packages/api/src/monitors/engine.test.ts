import type { MonitorPlanInput } from '@proxy/core';
import {
  evaluations,
  facts,
  monitors,
  notificationDeliveries,
  notifications,
} from '@proxy/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiRouterForDb } from '../ai/index';
import { type StubServer, startStubProvider } from '../ai/stub-server';
import type { AppDeps } from '../context';
import { dispatchEvent } from '../events/dispatch';
import { allSubscribers } from '../events/subscribers';
import { eventDispatch, monitorEvaluate, notificationDeliver } from '../jobs/definitions';
import { housekeepingPurgeHandler } from '../jobs/housekeeping';
import { createHarness, type Harness, serveOnLoopback } from '../testing';
import { dryRunPlan, type EvaluateResult, evaluateMonitor } from './evaluate';
import { getFact } from './facts';

/**
 * The monitor engine against a real world on loopback: a JSON price, an RSS feed, a page and a
 * failing endpoint served over HTTP, the AI stub for fuzzy judgements, and the database (PGlite,
 * or PostgreSQL under TEST_DATABASE_URL). The clock is injected; each run moves it past the fact
 * TTL, so every evaluation fetches afresh.
 */

const TTL = 60_000;
let clock = Date.UTC(2026, 10, 21, 8, 0, 0);
const now = () => new Date(clock);
const tick = (ms = 5 * 60_000) => {
  clock += ms;
};

let h: Harness;
let world: Awaited<ReturnType<typeof serveOnLoopback>>;
let stub: StubServer;
let price = 60_000;
let downStatus = 500;
const hits: Record<string, number> = {};
let feedItems = [
  { guid: 'r-1', title: 'Release 1.0', link: 'https://example.com/r/1' },
  { guid: 'r-2', title: 'Release 1.1', link: 'https://example.com/r/2' },
];
let gate: { arrived: () => void; open: Promise<void> } | null = null;

const count = (name: string) => {
  hits[name] = (hits[name] ?? 0) + 1;
};
const rss = () =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Releases</title>${feedItems
    .map(
      (i) => `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.guid}</guid></item>`,
    )
    .join('')}</channel></rss>`;

beforeAll(async () => {
  h = await createHarness({
    now,
    monitors: {
      factTtlMs: TTL,
      leaseMs: 120_000,
      fetch: { timeoutMs: 5_000, maxBytes: 1_000_000, allowHosts: ['127.0.0.1'] },
    },
  });
  stub = await startStubProvider({
    answer: () => ({ matched: true, reason: 'The page announces a data breach.' }),
  });
  world = await serveOnLoopback({
    '/price.json': async () => {
      count('price');
      return Response.json({ market: 'BTC-USD', price });
    },
    '/shared.json': async () => {
      count('shared');
      return Response.json({ price });
    },
    '/down.json': async () => {
      count('down');
      return downStatus === 200
        ? Response.json({ price: 42 })
        : new Response('boom', { status: downStatus });
    },
    '/releases.xml': async () => {
      count('feed');
      return new Response(rss(), { headers: { 'content-type': 'application/rss+xml' } });
    },
    '/news.html': async () => {
      count('news');
      return new Response(
        '<html><body><h1 class="headline">Acme confirms a data breach affecting customers</h1></body></html>',
        { headers: { 'content-type': 'text/html' } },
      );
    },
    '/slow.json': async () => {
      count('slow');
      if (gate) {
        gate.arrived();
        await gate.open;
      }
      return Response.json({ price: 1 });
    },
  });
});

afterAll(async () => {
  await world?.close();
  await stub?.close();
  await h?.close();
});

const jsonPlan = (path: string, condition: MonitorPlanInput['condition']): MonitorPlanInput => ({
  sources: [{ kind: 'json', url: `${world.url}${path}`, jsonPath: '$.price' }],
  condition,
});

async function monitorWith(userId: string, plan: MonitorPlanInput, notifyEmail = false) {
  const caller = h.asUser(userId);
  return caller.monitors.create({ prompt: 'watch it', intervalMinutes: 5, plan, notifyEmail });
}

let slotN = 0;
/** One scheduled run, then the dispatch of any event it emitted (as the worker would). */
async function run(monitorId: string, deps: AppDeps = h.deps): Promise<EvaluateResult> {
  tick();
  slotN += 1;
  const result = await evaluateMonitor(deps, monitorId, {
    slot: `slot-${slotN}`,
    trigger: 'scheduled',
    scheduledFor: now(),
  });
  await h.runJobs({ only: [eventDispatch] });
  return result;
}

const evaluated = (r: EvaluateResult) => {
  if (r.status !== 'evaluated') throw new Error(`expected an evaluation, got ${r.status}`);
  return r.evaluation;
};

const notificationsOf = (monitorId: string) =>
  h.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.subjectType, 'monitor'), eq(notifications.subjectId, monitorId)))
    .orderBy(asc(notifications.createdAt));

describe('the loopback world: a price monitor', () => {
  it('notifies once when the price drops below 50000, and again only after it recovered', async () => {
    const user = await h.newUser();
    const compiled = await user.caller.monitors.compile({
      prompt: `tell me when the price drops below 50000 — ${world.url}/price.json $.price`,
    });
    expect(compiled.origin).toBe('parser');
    const monitor = await user.caller.monitors.create({
      prompt: `tell me when the price drops below 50000 — ${world.url}/price.json $.price`,
      intervalMinutes: 5,
    });
    expect(monitor.plan.condition).toMatchObject({ type: 'threshold', op: 'below', value: 50000 });
    expect(monitor.planOrigin).toBe('parser');

    const steps: [number, number][] = [
      [60_000, 0],
      [49_000, 1],
      [48_000, 1],
      [51_000, 1],
      [47_000, 2],
    ];
    for (const [value, expected] of steps) {
      price = value;
      const e = evaluated(await run(monitor.id));
      expect(e.valueNumber).toBe(value);
      expect(e.outcome).toBe(value < 50_000 ? 'true' : 'false');
      expect(await notificationsOf(monitor.id)).toHaveLength(expected);
    }

    const sent = await notificationsOf(monitor.id);
    expect(sent.map((n) => n.kind)).toEqual(['monitor_triggered', 'monitor_triggered']);
    expect(sent[0]!.body).toContain('49000');
    expect(sent[0]!.link).toBe(`/monitors/${monitor.id}`);
    const deliveries = await h.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, sent[0]!.id));
    expect(deliveries).toEqual([
      expect.objectContaining({ channel: 'in_app', status: 'sent', attempts: 1 }),
    ]);

    const after = await user.caller.monitors.get({ id: monitor.id });
    expect(after.lastValue).toBe(47_000);
    expect(after.lastOutcome).toBe('true');
    expect(after.lastTriggeredAt?.getTime()).toBe(clock);
    expect(after.nextRunAt!.getTime()).toBeGreaterThan(clock);

    const page = await user.caller.monitors.evaluations({ id: monitor.id, limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.items[0]!.valueNumber).toBe(47_000);
    const rest = await user.caller.monitors.evaluations({
      id: monitor.id,
      limit: 3,
      cursor: page.nextCursor!,
    });
    expect(rest.items.map((e) => e.valueNumber)).toEqual([49_000, 60_000]);
    expect(rest.nextCursor).toBeNull();

    const history = await user.caller.monitors.history({ id: monitor.id });
    expect(history.points.map((p) => p.value)).toEqual([60_000, 49_000, 48_000, 51_000, 47_000]);
    expect(history.points.map((p) => p.triggered)).toEqual([false, true, false, false, true]);
    expect(history.totals).toEqual({
      checks: 5,
      triggered: 2,
      errors: 0,
      costMicroUsd: 0,
      inputTokens: 0,
      outputTokens: 0,
    });
  });
});

describe('errors and recovery', () => {
  it('tells once after N consecutive source errors, marks the monitor, and tells when it recovers', async () => {
    const user = await h.newUser();
    const monitor = await monitorWith(user.id, {
      ...jsonPlan('/down.json', {
        type: 'threshold',
        op: 'below',
        value: 50,
        unit: 'number',
        currency: null,
      }),
      timing: { errorThreshold: 3 },
    });
    downStatus = 500;
    for (let i = 1; i <= 5; i++) {
      const e = evaluated(await run(monitor.id));
      expect(e.outcome).toBe('error');
      expect(e.errorKind).toBe('source');
      expect(e.reason).toContain('HTTP 500');
    }
    let sent = await notificationsOf(monitor.id);
    expect(sent.map((n) => n.kind)).toEqual(['monitor_errors']);
    const failing = await user.caller.monitors.get({ id: monitor.id });
    expect(failing.status).toBe('error');
    expect(failing.statusReason).toMatch(/in a row failed/);

    downStatus = 200;
    const ok = evaluated(await run(monitor.id));
    expect(ok.outcome).toBe('true');
    expect(ok.notified).toBe('trigger');
    const back = await user.caller.monitors.get({ id: monitor.id });
    expect(back.status).toBe('active');
    expect(back.statusReason).toBeNull();
    sent = await notificationsOf(monitor.id);
    expect(sent.map((n) => n.kind)).toEqual(['monitor_errors', 'monitor_triggered']);
  });

  it('a recovery without a trigger is its own notification', async () => {
    const user = await h.newUser();
    const monitor = await monitorWith(user.id, {
      ...jsonPlan('/down.json', {
        type: 'threshold',
        op: 'above',
        value: 1000,
        unit: 'number',
        currency: null,
      }),
      timing: { errorThreshold: 1 },
    });
    downStatus = 503;
    evaluated(await run(monitor.id));
    downStatus = 200;
    const e = evaluated(await run(monitor.id));
    expect(e.outcome).toBe('false');
    expect(e.notified).toBe('recovered');
    expect((await notificationsOf(monitor.id)).map((n) => n.kind)).toEqual([
      'monitor_errors',
      'monitor_recovered',
    ]);
  });
});

describe('flapping', () => {
  it('tells once that the condition flaps, holds triggers, and notes it on the monitor', async () => {
    const user = await h.newUser();
    const monitor = await monitorWith(user.id, {
      ...jsonPlan('/price.json', {
        type: 'threshold',
        op: 'below',
        value: 50_000,
        unit: 'number',
        currency: null,
      }),
      timing: { flapping: { maxFlips: 3, windowMs: 60 * 60_000 } },
    });
    for (const value of [60_000, 40_000, 60_000, 40_000, 60_000, 40_000]) {
      price = value;
      evaluated(await run(monitor.id));
    }
    expect((await notificationsOf(monitor.id)).map((n) => n.kind)).toEqual([
      'monitor_triggered',
      'monitor_flapping',
    ]);
    const m = await h.asUser(user.id).monitors.get({ id: monitor.id });
    expect(m.statusReason).toMatch(/flapping/);
    expect(m.status).toBe('active');
  });
});

describe('change monitor on an RSS feed', () => {
  it('keeps the first items as the baseline and tells about a new item', async () => {
    const user = await h.newUser();
    const monitor = await user.caller.monitors.create({
      prompt: `new item on ${world.url}/releases.xml`,
      intervalMinutes: 60,
    });
    expect(monitor.plan.sources[0]!.kind).toBe('feed');
    expect(monitor.plan.condition).toEqual({ type: 'change', rule: { type: 'new_items' } });

    const first = evaluated(await run(monitor.id));
    expect(first.outcome).toBe('false');
    expect(first.reason).toContain('baseline');
    expect(evaluated(await run(monitor.id)).triggered).toBe(false);

    feedItems = [
      { guid: 'r-3', title: 'Release 2.0', link: 'https://example.com/r/3' },
      ...feedItems,
    ];
    const third = evaluated(await run(monitor.id));
    expect(third.triggered).toBe(true);
    const [n] = await notificationsOf(monitor.id);
    expect(n!.title).toContain('Release 2.0');
    expect(n!.body).toContain('https://example.com/r/3');
    expect(evaluated(await run(monitor.id)).triggered).toBe(false);
  });
});

describe('fuzzy conditions', () => {
  const fuzzyPlan = (): MonitorPlanInput => ({
    sources: [{ kind: 'html', url: `${world.url}/news.html`, selector: '.headline' }],
    condition: { type: 'fuzzy', question: 'Does the headline report a data breach?' },
  });

  it('asks the model once for the same facts, then answers from the cache', async () => {
    const user = await h.newUser();
    const deps: AppDeps = {
      ...h.deps,
      ai: createAiRouterForDb(
        h.db,
        {
          providers: [
            {
              kind: 'anthropic',
              apiKey: 'sk-ant-monitor-test-000000',
              baseUrl: stub.anthropicBaseUrl,
            },
          ],
          retry: { baseDelayMs: 1 },
        },
        { now, sleep: async () => {} },
      ),
    };
    stub.reset();
    const monitor = await monitorWith(user.id, fuzzyPlan());
    const a = evaluated(await run(monitor.id, deps));
    expect(a).toMatchObject({ outcome: 'true', cached: false, provider: expect.any(String) });
    expect(a.inputTokens).toBeGreaterThan(0);
    expect(a.reason).toContain('data breach');
    const b = evaluated(await run(monitor.id, deps));
    expect(b).toMatchObject({ outcome: 'true', cached: true, inputTokens: 0 });
    expect(stub.requests).toHaveLength(1);
    expect((await notificationsOf(monitor.id)).map((n) => n.kind)).toEqual(['monitor_triggered']);
    // The monitor's own spend: the one model call, not the cached answer.
    const { totals } = await user.caller.monitors.history({ id: monitor.id });
    expect(totals).toMatchObject({
      checks: 2,
      costMicroUsd: a.costMicroUsd,
      inputTokens: a.inputTokens,
      outputTokens: a.outputTokens,
    });
  });

  it('offline, the keyword judge answers and says so', async () => {
    const user = await h.newUser();
    const monitor = await monitorWith(user.id, fuzzyPlan());
    const e = evaluated(await run(monitor.id));
    expect(e.outcome).toBe('true');
    expect(e.reason).toMatch(/Offline keyword judge/);
  });

  it('an exhausted budget is an error outcome of kind budget', async () => {
    const user = await h.newUser();
    const deps: AppDeps = {
      ...h.deps,
      ai: createAiRouterForDb(
        h.db,
        {
          providers: [
            {
              kind: 'anthropic',
              apiKey: 'sk-ant-monitor-test-000001',
              baseUrl: stub.anthropicBaseUrl,
            },
          ],
          budgets: { userMonthlyUsd: 0 },
        },
        { now, sleep: async () => {} },
      ),
    };
    const monitor = await monitorWith(user.id, {
      ...fuzzyPlan(),
      condition: { type: 'fuzzy', question: 'Is the breach bigger than last year?' },
    });
    const e = evaluated(await run(monitor.id, deps));
    expect(e.outcome).toBe('error');
    expect(e.errorKind).toBe('budget');
  });
});

describe('one evaluation at a time, once per slot', () => {
  it('two concurrent evaluations of one monitor: one runs, the other is busy', async () => {
    const user = await h.newUser();
    const monitor = await monitorWith(
      user.id,
      jsonPlan('/slow.json', {
        type: 'threshold',
        op: 'above',
        value: 0,
        unit: 'number',
        currency: null,
      }),
    );
    let arrived!: () => void;
    const arrival = new Promise<void>((r) => {
      arrived = r;
    });
    let open!: () => void;
    gate = {
      arrived,
      open: new Promise<void>((r) => {
        open = r;
      }),
    };
    tick();
    const first = evaluateMonitor(h.deps, monitor.id, { slot: 'lease-a', trigger: 'manual' });
    await arrival;
    const second = await evaluateMonitor(h.deps, monitor.id, {
      slot: 'lease-b',
      trigger: 'manual',
    });
    expect(second).toEqual({ status: 'busy' });
    open();
    gate = null;
    expect((await first).status).toBe('evaluated');
    const rows = await h.db.select().from(evaluations).where(eq(evaluations.monitorId, monitor.id));
    expect(rows.map((r) => r.slot)).toEqual(['lease-a']);
    const [m] = await h.db.select().from(monitors).where(eq(monitors.id, monitor.id));
    expect(m!.leaseToken).toBeNull();
    // The lease is released: the next run goes ahead.
    expect(
      (await evaluateMonitor(h.deps, monitor.id, { slot: 'lease-c', trigger: 'manual' })).status,
    ).toBe('evaluated');
  });

  it("a crashed run's lease runs out, and the next run takes the monitor", async () => {
    const user = await h.newUser();
    const monitor = await monitorWith(
      user.id,
      jsonPlan('/price.json', {
        type: 'threshold',
        op: 'below',
        value: 50,
        unit: 'number',
        currency: null,
      }),
    );
    tick();
    await h.db
      .update(monitors)
      .set({ leaseUntil: new Date(clock + 60_000), leaseToken: crypto.randomUUID() })
      .where(eq(monitors.id, monitor.id));
    expect(
      await evaluateMonitor(h.deps, monitor.id, { slot: 'crash-1', trigger: 'manual' }),
    ).toEqual({
      status: 'busy',
    });
    tick(60_001);
    const e = evaluated(
      await evaluateMonitor(h.deps, monitor.id, { slot: 'crash-2', trigger: 'manual' }),
    );
    expect(e.slot).toBe('crash-2');
  });

  it('a slot already evaluated is a duplicate and tells nobody twice', async () => {
    const user = await h.newUser();
    price = 10;
    const monitor = await monitorWith(
      user.id,
      jsonPlan('/price.json', {
        type: 'threshold',
        op: 'below',
        value: 50,
        unit: 'number',
        currency: null,
      }),
    );
    tick();
    const opts = {
      slot: '2026-11-21T09:00:00.000Z',
      trigger: 'scheduled' as const,
      scheduledFor: now(),
    };
    expect(evaluated(await evaluateMonitor(h.deps, monitor.id, opts)).triggered).toBe(true);
    expect(await evaluateMonitor(h.deps, monitor.id, opts)).toEqual({ status: 'duplicate' });
    await h.runJobs({ only: [eventDispatch] });
    expect(await notificationsOf(monitor.id)).toHaveLength(1);
  });

  it('scheduled runs of a paused monitor are skipped; manual runs still go', async () => {
    const user = await h.newUser();
    const monitor = await monitorWith(
      user.id,
      jsonPlan('/price.json', {
        type: 'threshold',
        op: 'below',
        value: 50,
        unit: 'number',
        currency: null,
      }),
    );
    await user.caller.monitors.pause({ id: monitor.id });
    expect((await run(monitor.id)).status).toBe('skipped');
    const manual = await user.caller.monitors.evaluateNow({ id: monitor.id });
    expect(manual.trigger).toBe('manual');
    expect(manual.slot).toMatch(/^manual:/);
    expect((await user.caller.monitors.get({ id: monitor.id })).status).toBe('paused');
  });
});

describe('email deliveries and the next run go on the queue in the same transaction', () => {
  it('writes the event and the next run with the evaluation; the dispatch queues the email', async () => {
    const user = await h.newUser();
    const jobs: { job: string; payload: Record<string, unknown>; inTx: boolean }[] = [];
    const deps: AppDeps = {
      ...h.deps,
      mailer: { send: async () => {} },
      jobs: {
        ...h.deps.jobs,
        async send(job, payload, options) {
          jobs.push({
            job: job.name,
            payload: payload as Record<string, unknown>,
            inTx: Boolean(options?.tx),
          });
          return h.deps.jobs.send(job, payload, options);
        },
      },
    };
    price = 10;
    const monitor = await monitorWith(
      user.id,
      jsonPlan('/price.json', {
        type: 'threshold',
        op: 'below',
        value: 50,
        unit: 'number',
        currency: null,
      }),
      true,
    );
    tick();
    const e = evaluated(
      await evaluateMonitor(deps, monitor.id, {
        slot: 'email-slot',
        trigger: 'scheduled',
        scheduledFor: now(),
      }),
    );
    expect(e.triggered).toBe(true);
    // In the evaluation's own transaction: the event's dispatch job and the next run.
    const dispatch = jobs.find((j) => j.job === eventDispatch.name);
    expect(dispatch?.inTx).toBe(true);
    const next = jobs.find((j) => j.job === monitorEvaluate.name);
    expect(next?.inTx).toBe(true);
    const [m] = await h.db.select().from(monitors).where(eq(monitors.id, monitor.id));
    expect(next?.payload.scheduledFor).toBe(m!.nextRunAt!.toISOString());

    // The dispatch tells the person: the email delivery and its job, in one transaction.
    await dispatchEvent(deps, dispatch!.payload.eventId as string, allSubscribers);
    const email = await h.db
      .select()
      .from(notificationDeliveries)
      .where(
        and(
          eq(notificationDeliveries.userId, user.id),
          eq(notificationDeliveries.channel, 'email'),
        ),
      );
    expect(email).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    expect(jobs).toContainEqual({
      job: notificationDeliver.name,
      payload: { deliveryId: email[0]!.id },
      inTx: true,
    });
  });
});

describe('dry runs and shared facts', () => {
  it('a dry run stores no evaluation, only the fact it fetched', async () => {
    const user = await h.newUser();
    tick();
    price = 45_000;
    const before = await h.db.select().from(evaluations);
    const result = await dryRunPlan(h.deps, user.id, {
      sources: [{ kind: 'json', url: `${world.url}/price.json`, jsonPath: '$.price' }],
      condition: { type: 'threshold', op: 'below', value: 50_000, unit: 'number', currency: null },
      timing: { debounce: 1, cooldownMinutes: 0, hysteresis: 0, flapping: null, errorThreshold: 3 },
    });
    expect(result).toMatchObject({ outcome: 'true', wouldTrigger: true, valueNumber: 45_000 });
    expect(result.facts[0]!.value).toBe(45_000);
    expect(await h.db.select().from(evaluations)).toHaveLength(before.length);
    const via = await user.caller.monitors.dryRun({
      plan: {
        sources: [{ kind: 'json', url: `${world.url}/price.json`, jsonPath: '$.market' }],
        condition: { type: 'contains', text: 'btc' },
      },
    });
    expect(via).toMatchObject({ outcome: 'true', value: 'BTC-USD' });
  });

  it('two monitors on one URL within the TTL share one fetch; after the TTL it is fetched again', async () => {
    const user = await h.newUser();
    const plan = jsonPlan('/shared.json', {
      type: 'threshold',
      op: 'below',
      value: 1,
      unit: 'number',
      currency: null,
    });
    const a = await monitorWith(user.id, plan);
    const b = await monitorWith(user.id, plan);
    tick();
    const start = hits.shared ?? 0;
    const ea = evaluated(await evaluateMonitor(h.deps, a.id, { slot: 's', trigger: 'manual' }));
    const eb = evaluated(await evaluateMonitor(h.deps, b.id, { slot: 's', trigger: 'manual' }));
    expect(hits.shared! - start).toBe(1);
    expect(ea.facts[0]!.factId).toBe(eb.facts[0]!.factId);
    tick(TTL + 1);
    await getFact(h.deps, user.id, { kind: 'json', url: `${world.url}/shared.json` });
    expect(hits.shared! - start).toBe(2);
    const stored = await h.db.select().from(facts).where(eq(facts.id, ea.facts[0]!.factId!));
    expect(stored[0]!.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an error fact is shared too: a down source is asked once per TTL', async () => {
    const user = await h.newUser();
    downStatus = 500;
    tick();
    const start = hits.down ?? 0;
    const src = { kind: 'json' as const, url: `${world.url}/down.json?shared-error` };
    const f1 = await getFact(h.deps, user.id, src);
    const f2 = await getFact(h.deps, user.id, src);
    expect(f1.ok).toBe(false);
    expect(f2.id).toBe(f1.id);
    expect(hits.down! - start).toBe(1);
  });
});

describe('housekeeping', () => {
  it('purges facts that expired more than a day ago, and only those', async () => {
    const user = await h.newUser();
    tick();
    const src = { kind: 'json' as const, url: `${world.url}/price.json?housekeeping` };
    const old = await getFact(h.deps, user.id, src);
    tick(TTL + 1);
    const recent = await getFact(h.deps, user.id, src);
    expect(recent.id).not.toBe(old.id);
    const cutoff = new Date(old.expiresAt.getTime() + 24 * 60 * 60_000 + 1);
    const out = (await housekeepingPurgeHandler.handle(h.deps, {
      olderThan: cutoff.toISOString(),
    })) as { factsPurged: number };
    expect(out.factsPurged).toBeGreaterThanOrEqual(1);
    const left = await h.db.select({ id: facts.id }).from(facts);
    expect(left.map((f) => f.id)).not.toContain(old.id);
    expect(left.map((f) => f.id)).toContain(recent.id);
  });
});

describe('SSRF guard', () => {
  it('a loopback source without allowHosts is an error outcome of kind source, with the refusal', async () => {
    const user = await h.newUser();
    const deps: AppDeps = {
      ...h.deps,
      monitors: { ...h.deps.monitors, fetch: { ...h.deps.monitors.fetch, allowHosts: [] } },
    };
    const monitor = await monitorWith(
      user.id,
      jsonPlan('/price.json?ssrf', {
        type: 'threshold',
        op: 'below',
        value: 1,
        unit: 'number',
        currency: null,
      }),
    );
    const start = hits.price ?? 0;
    const e = evaluated(await run(monitor.id, deps));
    expect(e.outcome).toBe('error');
    expect(e.errorKind).toBe('source');
    expect(e.reason).toMatch(/refused: 127\.0\.0\.1 is a loopback address/);
    expect(hits.price ?? 0).toBe(start);
  });
});
