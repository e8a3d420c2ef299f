import { createTestDb } from '@proxy/db/testing';
import { type AppDeps, createContext } from '../context';
import { createAppDeps } from '../deps';
import { handleRestRequest, handleTrpcRequest } from '../http/handlers';
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
  /** A caller with no credentials. */
  anonymous(): ReturnType<typeof createCaller>;
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
  close(): Promise<void>;
}

let userCounter = 0;

/** One migrated database (PGlite, or PostgreSQL under TEST_DATABASE_URL) per test file. */
export async function createHarness(
  options: Parameters<typeof createAppDeps>[1] = {},
): Promise<Harness> {
  const handle = await createTestDb();
  const deps = createAppDeps(handle.db, options);
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
    anonymous: () => createCaller(ctx(new Headers())),
    asUser: (userId) => createCaller(ctx(new Headers(), userId)),
    withKey: (secret) => createCaller(ctx(new Headers({ authorization: `Bearer ${secret}` }))),
    async newUser(email) {
      userCounter += 1;
      const address = email ?? `person${userCounter}-${Date.now()}@example.com`;
      const user = await harness.anonymous().auth.register({
        email: address,
        password: 'a calm purple otter',
      });
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
    close: () => handle.close(),
  };
  return harness;
}

export { serveOnLoopback } from './http-server';
export { insertMonitors, type MonitorSeed } from './monitors';
