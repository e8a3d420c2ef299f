import 'server-only';
import { type AppDeps, createAppDeps, webhookConfigFromEnv } from '@proxy/api';
import { allJobContracts, type OpenQueue, openJobQueue } from '@proxy/api/jobs';
import { createDb, type DbHandle, migrate } from '@proxy/db';
import {
  accountLimits,
  adminConfig,
  aiConfig,
  eventsConfig,
  mailer,
  monitorConfig,
  publicUrl,
  pushConfig,
  serverEnv,
} from './env';

export interface AppServices {
  handle: DbHandle;
  /**
   * The job queue. With DATABASE_URL it only sends (the worker is its own process); embedded,
   * it also runs maintenance and cron, and the worker inside this process works it.
   */
  queue: OpenQueue;
  deps: AppDeps;
}

// Route handlers, server components and instrumentation can be separate module instances in
// one process, so the singleton lives on globalThis rather than in this module's scope.
const globalStore = globalThis as typeof globalThis & {
  __proxyAppServices?: Promise<AppServices>;
};

async function openAppServices(): Promise<AppServices> {
  const env = serverEnv();
  const handle = await createDb({
    databaseUrl: env.databaseUrl,
    pgliteDataDir: env.pgliteDataDir,
    maxConnections: env.databasePool,
  });
  let queue: OpenQueue;
  try {
    await migrate(handle);
    queue = await openJobQueue(handle, {
      databaseUrl: env.databaseUrl,
      work: env.embedded,
      contracts: allJobContracts,
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    handle,
    queue,
    deps: createAppDeps(handle.db, {
      jobs: queue.jobs,
      ai: aiConfig(),
      monitors: monitorConfig(),
      publicUrl: publicUrl(),
      mailer: mailer(),
      push: pushConfig(),
      events: eventsConfig(),
      admin: adminConfig(),
      accountLimits: accountLimits(),
      secretKey: env.authSecret,
      webhooks: webhookConfigFromEnv(process.env),
    }),
  };
}

/** The process-wide database and services: opened and migrated once, on first use. */
export function appServices(): Promise<AppServices> {
  globalStore.__proxyAppServices ??= openAppServices().catch((error: unknown) => {
    // A failed open is not cached, so the next request tries again.
    globalStore.__proxyAppServices = undefined;
    throw error;
  });
  return globalStore.__proxyAppServices;
}

export async function appDeps(): Promise<AppDeps> {
  return (await appServices()).deps;
}

/** Closes the database if it was opened (shutdown). */
export async function closeAppServices(): Promise<void> {
  const pending = globalStore.__proxyAppServices;
  globalStore.__proxyAppServices = undefined;
  if (!pending) return;
  const services = await pending.catch(() => undefined);
  await services?.queue.close();
  await services?.handle.close();
}
