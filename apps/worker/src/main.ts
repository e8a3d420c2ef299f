import {
  aiConfigFromEnv,
  createAppDeps,
  eventsConfigFromEnv,
  mailerFromEnv,
  monitorConfigFromEnv,
  publicUrlFromEnv,
  pushConfigFromEnv,
  webhookConfigFromEnv,
} from '@proxy/api';
import { allJobContracts, openJobQueue, startWorker } from '@proxy/api/jobs';
import { createDb } from '@proxy/db';
import { readWorkerEnv } from './env';
import { log } from './log';

/**
 * The standalone worker: boots pg-boss on DATABASE_URL and runs every job handler and schedule
 * from packages/api. Run as many replicas as needed; pg-boss hands each job to one of them.
 * (Without DATABASE_URL the web server runs this same worker inside itself.)
 */
const env = readWorkerEnv();
const handle = await createDb({
  databaseUrl: env.DATABASE_URL,
  maxConnections: env.WORKER_DB_POOL,
});
const queue = await openJobQueue(handle, {
  databaseUrl: env.DATABASE_URL,
  work: true,
  contracts: allJobContracts,
});
// The worker evaluates monitors, so it needs the same AI providers and fetch settings as the web.
const deps = createAppDeps(handle.db, {
  jobs: queue.jobs,
  ai: aiConfigFromEnv(process.env),
  monitors: monitorConfigFromEnv(process.env),
  mailer: mailerFromEnv(process.env),
  push: pushConfigFromEnv(process.env),
  events: eventsConfigFromEnv(process.env),
  publicUrl: publicUrlFromEnv(process.env),
  // The same AUTH_SECRET as the web server: webhook secrets are sealed under it.
  secretKey: process.env.AUTH_SECRET,
  webhooks: webhookConfigFromEnv(process.env),
});
if (!process.env.AUTH_SECRET) {
  log("AUTH_SECRET is not set: webhooks cannot be signed until it is (use the web server's)");
}
// Signals are handled from before the start: "worker started" is logged inside startWorker, and
// a SIGTERM that follows it at once must still stop the worker cleanly, not kill the process.
const started = startWorker(handle, deps, { boss: queue.boss, log });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log('shutting down', { signal });
  try {
    const worker = await started;
    await worker.stop();
    await queue.close();
    await handle.close();
    process.exit(0);
  } catch (error) {
    log('shutdown failed', { error: String(error) });
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
await started;
