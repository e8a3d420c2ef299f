import {
  defineJob,
  handleJob,
  type JobHandler,
  monitorEvaluate,
  monitorEvaluateHandler,
  type Worker,
} from '@proxy/api/jobs';
import { createDb, type DbHandle, migrate } from '@proxy/db';
import postgres from 'postgres';
import { z } from 'zod';

/** Shared by the queue benchmarks: a fresh database, a no-op job baseline, completion counting. */

export interface BenchDatabase {
  handle: DbHandle;
  url?: string;
  label: string;
  close(): Promise<void>;
}

/** A fresh database on the benchmark server (BENCH_DATABASE_URL, TEST_DATABASE_URL), else PGlite. */
export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await createDb({ pgliteDataDir: 'memory://' });
    await migrate(handle);
    return { handle, label: 'PGlite (in memory, one connection)', close: () => handle.close() };
  }
  const dbName = `proxy_bench_${name}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 20 });
  await migrate(handle);
  return {
    handle,
    url: url.toString(),
    label: `PostgreSQL (${url.host})`,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Resolves when `n` jobs of `name` have completed (counted from the worker's own log). */
export function completions() {
  const counts = new Map<string, number>();
  const waiters: { name: string; n: number; resolve: () => void }[] = [];
  return {
    log(msg: string, extra?: object) {
      const e = extra as { job?: string } | undefined;
      if ((msg !== 'job done' && msg !== 'job failed') || !e?.job) return;
      counts.set(e.job, (counts.get(e.job) ?? 0) + 1);
      for (const w of [...waiters]) {
        if (w.name === e.job && (counts.get(w.name) ?? 0) >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    until(name: string, n: number) {
      if ((counts.get(name) ?? 0) >= n) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ name, n, resolve }));
    },
  };
}

/** pg-boss's own rate: no-op jobs with the monitor queue's policy and work options. */
export const NOOP_JOB = 'bench.noop';
export const noopJob = defineJob({
  name: NOOP_JOB,
  payload: z.object({ i: z.number() }),
  queue: { ...monitorEvaluate.queue, deadLetter: `${NOOP_JOB}.dead` },
});
export const noopHandler = handleJob(noopJob, {
  work: monitorEvaluateHandler.work,
  handle: async () => null,
}) as JobHandler<unknown>;

/** Inserts `count` no-op jobs and waits for the worker to drain them; answers jobs per second. */
export async function noopRate(
  worker: Worker,
  done: ReturnType<typeof completions>,
  count: number,
): Promise<{ rate: number; seconds: number }> {
  const t0 = performance.now();
  for (let at = 0; at < count; at += 5000) {
    await worker.boss.insert(
      Array.from({ length: Math.min(5000, count - at) }, (_, k) => ({
        name: NOOP_JOB,
        data: { i: at + k },
        singletonKey: `k${at + k}`,
      })),
    );
  }
  await done.until(NOOP_JOB, count);
  const seconds = (performance.now() - t0) / 1000;
  return { rate: count / seconds, seconds };
}

export const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
