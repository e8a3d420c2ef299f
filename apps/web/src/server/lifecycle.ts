import 'server-only';
import { startWorker } from '@proxy/api/jobs';
import { appServices, closeAppServices } from './db';
import { nextProcessInfo, serverEnv } from './env';

const log = (msg: string, extra: object = {}) =>
  console.log(JSON.stringify({ level: 'info', source: 'worker', msg, ...extra }));

const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Boots the server side of the web process: opens the database (migrating it) and the job queue
 * at start, so the first request finds them ready. Embedded mode (no DATABASE_URL): the job
 * worker runs here too, on the same PGlite instance. With DATABASE_URL the worker is its own
 * process (apps/worker), and this process's queue only sends.
 */
export async function startServerServices(): Promise<void> {
  const info = nextProcessInfo();
  if (info.isBuild) return;
  const env = serverEnv();
  let stopWorker: (() => Promise<void>) | undefined;
  const { handle, deps, queue } = await appServices();
  if (env.embedded) {
    const worker = await startWorker(handle, deps, { boss: queue.boss, log });
    stopWorker = () => worker.stop();
  }
  if (!info.appHandlesSignals) {
    if (env.embedded) {
      console.warn(
        'NEXT_MANUAL_SIG_HANDLE is not set: Next.js exits on SIGTERM without stopping the embedded worker. Use `pnpm start`.',
      );
    }
    return;
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log('shutting down', { signal });
    const timer = setTimeout(() => {
      console.error('Shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    (async () => {
      try {
        await stopWorker?.();
        await closeAppServices();
        process.exit(0);
      } catch (error) {
        console.error('Shutdown failed', error);
        process.exit(1);
      }
    })();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
