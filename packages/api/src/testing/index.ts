import { users } from '@proxy/db/schema';
import { createTestDb } from '@proxy/db/testing';
import { eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { type AppDeps, CLIENT_ADDRESS_HEADER, createContext } from '../context';
import { createAppDeps } from '../deps';
import { handleRestRequest, handleTrpcRequest } from '../http/handlers';
import type { JobContract } from '../jobs/contract';
import { allJobContracts } from '../jobs/definitions';
import { allJobHandlers } from '../jobs/handlers';
import { openJobQueue } from '../jobs/queue';
import { appRouter } from '../root';
import { createCallerFactory } from '../trpc';

const createCaller = createCallerFactory(appRouter);

export interface Harness {
  deps: AppDeps;
  db: AppDeps['db'];
  raw: Awaited<ReturnType<typeof createTestDb>>['raw'];
  kind: 'postgres' | 'pglite';
  /** The database handle (and its URL on PostgreSQL), e.g. to start a worker on it. */
  handle: Awaited<ReturnType<typeof createTestDb>>;
  /**
   * A caller with no credentials, from `address` (by default an address of its own, so the
   * per-address registration limit counts only what a test means it to).
   */
  anonymous(address?: string): ReturnType<typeof createCaller>;
  /** A caller signed in through a browser session. */
  asUser(userId: string): ReturnType<typeof createCaller>;
  /** A caller presenting `Authorization: Bearer <secret>`. */
  withKey(secret: string): ReturnType<typeof createCaller>;
  /** Registers a user and returns its id and a session caller. */
  newUser(
    email?: string,
  ): Promise<{ id: string; email: string; caller: ReturnType<typeof createCaller> }>;
  /** Sends a request to the REST surface as the web app's route handler would. */
  rest(method: string, path: string, opts?: { key?: string; body?: unknown }): Promise<Response>;
  /** Sends a request to the tRPC endpoint over its HTTP wire format. */
  trpcHttp(req: Request): Promise<Response>;
  /** The send-only queue's pg-boss (the harness has no worker unless a test starts one). */
  boss: PgBoss;
  /**
   * Runs the jobs that are due now with their registered handlers, here and in order, until none
   * is left (or only those of `only`): a test's stand-in for the worker, without its timing.
   * Answers how many ran; a failed job is failed in the queue (retried later, as in production).
   */
  runJobs(options?: { only?: readonly JobContract<unknown>[] }): Promise<number>;
  close(): Promise<void>;
}

let userCounter = 0;
let anonymousCount = 0;

/** One migrated database (PGlite, or PostgreSQL under TEST_DATABASE_URL) per test file. */
export async function createHarness(
  options: Omit<Parameters<typeof createAppDeps>[1], 'jobs'> = {},
): Promise<Harness> {
  const handle = await createTestDb();
  const queue = await openJobQueue(handle, {
    databaseUrl: handle.url,
    contracts: allJobContracts,
  });
  const deps = createAppDeps(handle.db, {
    secretKey: 'test-auth-secret-for-the-secret-box-only',
    ...options,
    jobs: queue.jobs,
  });
  const ctx = (headers: Headers, userId?: string) =>
    createContext({
      deps,
      headers,
      getSessionUserId: async () => userId ?? null,
    });
  const harness: Harness = {
    deps,
    db: handle.db,
    raw: handle.raw,
    kind: handle.kind,
    handle,
    anonymous: (address) =>
      createCaller(
        ctx(
          new Headers({
            [CLIENT_ADDRESS_HEADER]: address ?? `192.0.2.${(anonymousCount++ % 250) + 1}`,
          }),
        ),
      ),
    asUser: (userId) => createCaller(ctx(new Headers(), userId)),
    withKey: (secret) => createCaller(ctx(new Headers({ authorization: `Bearer ${secret}` }))),
    async newUser(email) {
      userCounter += 1;
      const address = email ?? `person${userCounter}-${Date.now()}@example.com`;
      const result = await harness.anonymous().auth.register({
        email: address,
        password: 'a calm purple otter',
      });
      const [user] = await handle.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, result.email));
      if (!user) throw new Error(`newUser: ${address} was not registered`);
      return { id: user.id, email: address, caller: harness.asUser(user.id) };
    },
    rest(method, path, opts = {}) {
      const headers = new Headers();
      if (opts.key) headers.set('authorization', `Bearer ${opts.key}`);
      let body: string | undefined;
      if (opts.body !== undefined) {
        headers.set('content-type', 'application/json');
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      }
      const req = new Request(`http://localhost/api/v1${path}`, { method, headers, body });
      return handleRestRequest(req, { deps });
    },
    trpcHttp: (req) => handleTrpcRequest(req, { deps }),
    boss: queue.boss,
    async runJobs(opts = {}) {
      const names = opts.only ? new Set(opts.only.map((j) => j.name)) : null;
      const handlers = allJobHandlers.filter((h) => !names || names.has(h.job.name));
      let ran = 0;
      for (let pass = 0; pass < 100; pass++) {
        let thisPass = 0;
        for (const handler of handlers) {
          const jobs = await queue.boss.fetch(handler.job.name, { batchSize: 100 });
          for (const job of jobs) {
            thisPass += 1;
            try {
              await handler.handle(deps, handler.job.payload.parse(job.data));
              await queue.boss.complete(handler.job.name, job.id);
            } catch (error) {
              await queue.boss.fail(handler.job.name, job.id, { message: String(error) });
            }
          }
        }
        ran += thisPass;
        if (thisPass === 0) return ran;
      }
      throw new Error('runJobs: jobs kept creating jobs for 100 passes');
    },
    async close() {
      await queue.close();
      await handle.close();
    },
  };
  return harness;
}

export { startSmtpServer, textBody } from '../notifications/smtp-test-server';
export { type HookReceiver, type ReceivedHook, startHookReceiver } from '../webhooks/receiver';
export { serveOnLoopback } from './http-server';
export { insertMonitors, type MonitorSeed } from './monitors';
