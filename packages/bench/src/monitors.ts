import { createAppDeps } from '@proxy/api';
import {
  allJobContracts,
  monitorEvaluate,
  monitorEvaluateHandler,
  openJobQueue,
  startWorker,
  type Worker,
} from '@proxy/api/jobs';
import { insertMonitors, serveOnLoopback } from '@proxy/api/testing';
import { users } from '@proxy/db/schema';
import { completions, fmt, noopHandler, noopJob, noopRate, openBenchDatabase } from './queue-bench';

/**
 * Monitor scheduling throughput. (a) the queue alone: pg-boss drains no-op jobs through the same
 * startWorker, queue policy and work options as monitor runs; (b) the real thing: monitors with
 * threshold conditions on JSON sources (a loopback HTTP server, one distinct URL per monitor, so
 * every run fetches), all due at once, drained through the monitor-evaluate job, which also
 * stores each evaluation, its notification when it triggers, and queues the monitor's next run.
 */
const MONITOR_EVALUATE_JOB = monitorEvaluate.name;

export async function benchMonitors(): Promise<void> {
  const db = await openBenchDatabase('monitors');
  const onServer = Boolean(db.url);
  const count = Number(process.env.MONITOR_BENCH_COUNT ?? (onServer ? 10_000 : 2_000));
  const evaluateJob = { ...monitorEvaluateHandler, queue: monitorEvaluate.queue };
  console.log(`\nMonitor scheduling, ${fmt(count)} runs due at once, on ${db.label}`);
  console.log(
    `  one worker: startWorker, ${evaluateJob.work?.localConcurrency ?? 1} fetch loops × batch ${evaluateJob.work?.batchSize} handled concurrently, polling every ${evaluateJob.work?.pollingIntervalSeconds} s, queue policy ${evaluateJob.queue?.policy}`,
  );

  let hits = 0;
  const server = await serveOnLoopback({
    '/v/': async (req) => {
      hits += 1;
      const i = Number(new URL(req.url).pathname.split('/').pop());
      return Response.json({ value: i % 200 });
    },
  });
  const queue = await openJobQueue(db.handle, {
    databaseUrl: db.url,
    work: true,
    contracts: [...allJobContracts, noopJob],
  });
  const deps = createAppDeps(db.handle.db, {
    jobs: queue.jobs,
    monitors: { fetch: { timeoutMs: 10_000, maxBytes: 1_000_000, allowHosts: ['127.0.0.1'] } },
  });
  const done = completions();
  const worker: Worker = await startWorker(db.handle, deps, {
    boss: queue.boss,
    handlers: [noopHandler],
    log: done.log,
  });

  try {
    // (a) The queue alone.
    const a = await noopRate(worker, done, count);
    const aRate = a.rate;
    console.log(`  (a) pg-boss baseline, no-op jobs: ${fmt(aRate)} jobs/s (${fmt(a.seconds)} s)`);

    // (b) Monitor evaluations.
    const [user] = await db.handle.db
      .insert(users)
      .values({
        email: 'monitor-bench@example.com',
        passwordHash: 'x',
        displayName: 'Bench',
        handle: 'monitor-bench',
      })
      .returning({ id: users.id });
    const due = new Date();
    const ids = await insertMonitors(
      db.handle.db,
      user!.id,
      Array.from({ length: count }, (_, i) => ({
        url: `${server.url}/v/${i}`,
        op: 'above' as const,
        value: 100,
        intervalMinutes: 360 as const,
        nextRunAt: due,
      })),
    );
    const b0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let at = 0; at < ids.length; at += 5000) {
      await worker.boss.insert(
        ids.slice(at, at + 5000).map((monitorId) => ({
          name: MONITOR_EVALUATE_JOB,
          data: { monitorId, slot: due.toISOString(), scheduledFor: due.toISOString() },
          singletonKey: monitorId,
          startAfter: due,
        })),
      );
    }
    const bInserted = performance.now();
    await done.until(MONITOR_EVALUATE_JOB, count);
    // Completions can include a monitor's *next* run: with 10,000 phases spread over 6 hours,
    // a few fall inside the run itself. So wait for the due slot's own evaluations to be in.
    const giveUpAt = Date.now() + 120_000;
    while (Date.now() < giveUpAt) {
      const [row] = await db.handle.raw.query<{ n: number }>(
        `select count(*)::int as n from evaluations where trigger = 'scheduled' and slot = $1`,
        [due.toISOString()],
      );
      if (Number(row?.n ?? 0) >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const bSeconds = (performance.now() - b0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuShare = (cpu.user + cpu.system) / 1000 / 1000 / bSeconds;
    const [stats] = await db.handle.raw.query<{
      n: number;
      triggered: number;
      errors: number;
      p50: number;
      p99: number;
      run_p50: number;
    }>(
      `select count(*)::int as n,
          count(*) filter (where triggered)::int as triggered,
          count(*) filter (where outcome = 'error')::int as errors,
          percentile_cont(0.5) within group (order by extract(epoch from started_at - scheduled_for) * 1000) as p50,
          percentile_cont(0.99) within group (order by extract(epoch from started_at - scheduled_for) * 1000) as p99,
          percentile_cont(0.5) within group (order by latency_ms) as run_p50
        from evaluations where trigger = 'scheduled' and slot = $1`,
      [due.toISOString()],
    );
    const evaluated = Number(stats?.n ?? 0);
    const bRate = evaluated / bSeconds;
    console.log(
      `  (b) monitor evaluations (distinct source URL each, ${fmt(hits)} fetches): ${fmt(bRate)} evaluations/s (${fmt(bSeconds)} s, insert ${fmt((bInserted - b0) / 1000)} s)`,
    );
    console.log(
      `      ${fmt(evaluated)} evaluated, ${fmt(Number(stats?.triggered ?? 0))} triggered (notification each), ${fmt(Number(stats?.errors ?? 0))} errors; one run's own latency p50 ${fmt(Number(stats?.run_p50 ?? 0))} ms; this process used ${fmt(cpuShare * 100)}% of one core`,
    );
    console.log(`  ratio (b)/(a): ${(bRate / aRate).toFixed(3)}`);
    console.log(
      `  scheduling lag (started - scheduled), all due at one instant: p50 ${fmt(Number(stats?.p50 ?? 0))} ms, p99 ${fmt(Number(stats?.p99 ?? 0))} ms`,
    );
    const need = 100_000 / (5 * 60);
    console.log(
      `  100,000 monitors every 5 minutes need ${fmt(need)} evaluations/s sustained: measured ${fmt(bRate)}/s with one worker -> ${bRate >= need ? 'met by one worker' : `about ${Math.ceil(need / bRate)} such workers, if the database keeps up`}`,
    );
  } finally {
    await worker.stop();
    await queue.close();
    await server.close();
    await db.close();
  }
}
