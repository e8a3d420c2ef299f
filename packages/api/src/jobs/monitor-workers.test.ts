import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { usingPostgres } from '@proxy/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorConfig } from '../context';
import { createAppDeps } from '../deps';
import { enqueueMonitorRun } from '../monitors/schedule';
import { createSmtpMailer } from '../notifications/mailer';
import { startSmtpServer } from '../notifications/smtp-test-server';
import { createHarness, type Harness, insertMonitors, serveOnLoopback } from '../testing';
import { monitorEvaluate, monitorEvaluateHandler, startWorker, type Worker } from './index';
import { rowsOf } from './sql-rows';

/**
 * Several workers on one PostgreSQL database, as in production: two in-process workers sharing
 * a burst of due monitors, and a worker in a child process killed mid-run whose job another
 * worker finishes. PGlite is one process's embedded database, so these run on PostgreSQL only.
 */
const fetchConfig: MonitorConfig['fetch'] = {
  timeoutMs: 30_000,
  maxBytes: 1_000_000,
  allowHosts: ['127.0.0.1'],
};

const MONITOR_EVALUATE_JOB = monitorEvaluate.name;

async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
  withinMs = 120_000,
) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what} (${withinMs} ms)`);
}

async function count(h: Harness, query: ReturnType<typeof sql>) {
  return rowsOf<{ n: number }>(await h.db.execute(query))[0]!.n;
}

describe.skipIf(!usingPostgres())('monitor workers on PostgreSQL', () => {
  let h: Harness;
  const workers: Worker[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    h = await createHarness({ monitors: { fetch: fetchConfig, leaseMs: 2000 } });
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('two workers share due monitors and evaluate each slot exactly once', async () => {
    const owner = await h.newUser();
    const N = 40;
    // Each worker fetches at most 10 runs at a time here (one loop, batch 10).
    const small = {
      ...monitorEvaluateHandler,
      work: { batchSize: 10, pollingIntervalSeconds: 0.5, localConcurrency: 1 },
    };
    const BATCH = 10;
    // The source holds every answer until more runs are in flight than one worker's batch can
    // hold, which only happens once both workers are fetching: then it answers them all.
    const hits = new Map<string, number>();
    const inFlight = new Map<string, number>();
    let maxInFlightPerPath = 0;
    let waiting: (() => void)[] = [];
    let released = false;
    const server = await serveOnLoopback({
      '/v/': async (req) => {
        const path = new URL(req.url).pathname;
        hits.set(path, (hits.get(path) ?? 0) + 1);
        inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
        maxInFlightPerPath = Math.max(maxInFlightPerPath, inFlight.get(path)!);
        if (!released) {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if ([...inFlight.values()].reduce((a, b) => a + b, 0) > BATCH) {
              released = true;
              for (const w of waiting) w();
              waiting = [];
            }
          });
        }
        await new Promise((r) => setTimeout(r, 20));
        inFlight.set(path, inFlight.get(path)! - 1);
        return Response.json({ value: 10 });
      },
    });
    cleanups.push(server.close);

    const handled: { worker: string; monitorId: string; slot: string; status: string }[] = [];
    for (const name of ['worker-a', 'worker-b']) {
      const deps = createAppDeps(h.db, {
        jobs: h.deps.jobs,
        monitors: { fetch: fetchConfig, leaseMs: 30_000 },
      });
      workers.push(
        await startWorker(h.handle, deps, {
          databaseUrl: h.handle.url,
          handlers: [small],
          // The log line is written by the worker that completed the job.
          log: (msg, extra) => {
            const e = extra as {
              job?: string;
              result?: { monitorId: string; slot: string; status: string };
            };
            if (msg === 'job done' && e.job === MONITOR_EVALUATE_JOB && e.result) {
              handled.push({ worker: name, ...e.result });
            }
          },
        }),
      );
    }

    const now = new Date();
    const ids = await insertMonitors(
      h.db,
      owner.id,
      Array.from({ length: N }, (_, i) => ({
        url: `${server.url}/v/${i}`,
        op: 'above' as const,
        value: 100,
        // Six-hourly: the next run, queued by this one, falls well after the test.
        intervalMinutes: 360 as const,
        nextRunAt: now,
      })),
    );
    // All runs become visible at once, in one transaction.
    await h.db.transaction(async (tx) => {
      for (const id of ids) await enqueueMonitorRun(h.deps, tx, id, now);
    });

    await until(
      () => count(h, sql`select count(*)::int as n from evaluations where user_id = ${owner.id}`),
      (n) => n >= N,
      'every monitor evaluated',
    );
    await until(
      async () => handled.length,
      (n) => n >= N,
      'every job completed',
    );

    const perSlot = rowsOf<{ monitor_id: string; slot: string; n: number }>(
      await h.db.execute(sql`
        select monitor_id, slot, count(*)::int as n from evaluations
        where user_id = ${owner.id} group by monitor_id, slot`),
    );
    expect(perSlot).toHaveLength(N);
    expect(perSlot.every((r) => r.n === 1 && r.slot === now.toISOString())).toBe(true);
    expect(new Set(perSlot.map((r) => r.monitor_id))).toEqual(new Set(ids));
    // Each job was completed once, by one worker, and both workers did some.
    expect(handled).toHaveLength(N);
    expect(handled.every((r) => r.status === 'evaluated')).toBe(true);
    expect(new Set(handled.map((r) => r.monitorId)).size).toBe(N);
    expect(handled.filter((r) => r.worker === 'worker-a').length).toBeGreaterThan(0);
    expect(handled.filter((r) => r.worker === 'worker-b').length).toBeGreaterThan(0);
    // Every source was fetched once and never by two runs at the same time.
    expect([...hits.values()].every((n) => n === 1)).toBe(true);
    expect(hits.size).toBe(N);
    expect(maxInFlightPerPath).toBe(1);
    // No two evaluations of one monitor overlap in time.
    const overlaps = await count(
      h,
      sql`select count(*)::int as n from evaluations a join evaluations b
          on a.monitor_id = b.monitor_id and a.id <> b.id
          and a.started_at < b.finished_at and b.started_at < a.finished_at
          where a.user_id = ${owner.id}`,
    );
    expect(overlaps).toBe(0);
    // And each monitor's next run is queued on its phase.
    const nextQueued = await count(
      h,
      sql`select count(*)::int as n from pgboss.job j join monitors m on j.singleton_key = m.id::text
          where m.user_id = ${owner.id} and j.name = ${MONITOR_EVALUATE_JOB} and j.state = 'created'
          and (j.data->>'slot')::timestamptz = m.next_run_at and m.next_run_at > ${now.toISOString()}::timestamptz`,
    );
    expect(nextQueued).toBe(N);
  });

  it('a worker killed mid-run: another finishes the run, one notification, one email', async () => {
    const owner = await h.newUser();
    // A real SMTP server on loopback.
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const mails = smtp.received;

    // The source stalls its first answer (the run the child worker is killed in), then answers a
    // value that triggers the monitor.
    let hitCount = 0;
    let firstHit!: () => void;
    const firstHitSeen = new Promise<void>((resolve) => {
      firstHit = resolve;
    });
    const server = await serveOnLoopback({
      '/price': async () => {
        hitCount += 1;
        if (hitCount === 1) {
          firstHit();
          await new Promise(() => {}); // never answers
        }
        return Response.json({ value: 150 });
      },
    });
    cleanups.push(server.close);

    const now = new Date();
    const [monitorId] = await insertMonitors(h.db, owner.id, [
      {
        url: `${server.url}/price`,
        op: 'above',
        value: 100,
        intervalMinutes: 360,
        nextRunAt: now,
        notifyEmail: true,
      },
    ]);

    // The child worker: its own process, its own pg-boss, SIGKILLed without warning.
    // Node itself with tsx's loader (not the tsx CLI, which forks a grandchild that a SIGKILL of
    // its parent would leave running).
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('../testing/monitor-worker-child.ts', import.meta.url)),
      ],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          WORKER_DATABASE_URL: h.handle.url!,
          WORKER_ALLOW_HOSTS: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const childEvents: { event: string; job?: string }[] = [];
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`child worker exited (${code})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const e = JSON.parse(line) as { event: string; job?: string };
          childEvents.push(e);
          if (e.event === 'ready') resolve();
        } catch {
          // not one of ours
        }
      });
    });
    await ready;

    // The run is put on the queue by the harness's send-only queue (no worker in this process).
    await enqueueMonitorRun(h.deps, undefined, monitorId!, now);

    await firstHitSeen;
    child.kill('SIGKILL');
    const killedAt = Date.now();
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(childEvents.some((e) => e.event === 'job done' && e.job === MONITOR_EVALUATE_JOB)).toBe(
      false,
    );

    // A second worker, with a real mailer and the production settings (job expiry, heartbeat,
    // maintenance, lease), takes over once the dead worker's job expires: within 30 s.
    const deps = createAppDeps(h.db, {
      jobs: h.deps.jobs,
      monitors: { fetch: fetchConfig },
      mailer: createSmtpMailer({
        url: smtp.url,
        from: 'Proxy <alerts@example.com>',
      }),
    });
    workers.push(await startWorker(h.handle, deps, { databaseUrl: h.handle.url }));
    await until(
      () =>
        count(h, sql`select count(*)::int as n from evaluations where monitor_id = ${monitorId}`),
      (n) => n >= 1,
      "the killed worker's run, retried and stored",
      30_000 - (Date.now() - killedAt),
    );

    await until(
      () =>
        count(
          h,
          sql`select count(*)::int as n from notification_deliveries
              where user_id = ${owner.id} and channel = 'email' and status = 'sent'`,
        ),
      (n) => n >= 1,
      'the email delivery to be sent',
    );
    await until(
      async () => mails.length,
      (n) => n >= 1,
      'the email to arrive',
    );

    expect(hitCount).toBe(2);
    const evaluations = rowsOf<{ slot: string; outcome: string; triggered: boolean }>(
      await h.db.execute(
        sql`select slot, outcome::text as outcome, triggered from evaluations where monitor_id = ${monitorId}`,
      ),
    );
    expect(evaluations).toEqual([{ slot: now.toISOString(), outcome: 'true', triggered: true }]);
    expect(
      await count(
        h,
        sql`select count(*)::int as n from notifications where subject_type = 'monitor' and subject_id = ${monitorId}`,
      ),
    ).toBe(1);
    const deliveries = rowsOf<{ channel: string; status: string; attempts: number }>(
      await h.db.execute(sql`
        select channel::text as channel, status::text as status, attempts from notification_deliveries
        where user_id = ${owner.id} order by channel`),
    );
    expect(deliveries.find((d) => d.channel === 'email')).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([owner.email]);
    // The killed run's job is the one that completed: it expired, was retried, and finished.
    const jobs = rowsOf<{ state: string; retry_count: number; slot: string }>(
      await h.db.execute(sql`
        select state::text as state, retry_count, data->>'slot' as slot from pgboss.job
        where name = ${MONITOR_EVALUATE_JOB} and singleton_key = ${monitorId} order by created_on`),
    );
    expect(jobs[0]).toMatchObject({ state: 'completed', slot: now.toISOString() });
    expect(jobs[0]!.retry_count).toBeGreaterThanOrEqual(1);
  });
});
