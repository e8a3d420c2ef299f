/**
 * A monitor worker in its own process, for tests that kill a worker mid-run (SIGKILL: no
 * graceful stop, no cleanup) and check that another worker finishes the run exactly once.
 *
 *   WORKER_DATABASE_URL=postgres://… WORKER_ALLOW_HOSTS=127.0.0.1 tsx monitor-worker-child.ts
 *
 * It runs with the production job settings. Prints one JSON line per event; `{"event":"ready"}`
 * once the worker polls.
 */
import { createDb } from '@proxy/db';
import { createAppDeps } from '../deps';
import { allJobContracts, openJobQueue, startWorker } from '../jobs/index';

const url = process.env.WORKER_DATABASE_URL;
if (!url) throw new Error('WORKER_DATABASE_URL is required');
const say = (event: string, extra: object = {}) =>
  process.stdout.write(`${JSON.stringify({ event, pid: process.pid, ...extra })}\n`);

const handle = await createDb({ databaseUrl: url, maxConnections: 4 });
const queue = await openJobQueue(handle, {
  databaseUrl: url,
  work: true,
  contracts: allJobContracts,
});
const deps = createAppDeps(handle.db, {
  jobs: queue.jobs,
  monitors: {
    fetch: {
      timeoutMs: 30_000,
      maxBytes: 1_000_000,
      allowHosts: (process.env.WORKER_ALLOW_HOSTS ?? '').split(',').filter(Boolean),
    },
  },
});
await startWorker(handle, deps, {
  boss: queue.boss,
  log: (msg, extra) => say(msg, extra ?? {}),
});
say('ready');
