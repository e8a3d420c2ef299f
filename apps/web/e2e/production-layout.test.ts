import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appRouter, createAppDeps, createCallerFactory, createContext } from '@proxy/api';
import { allJobContracts, monitorEvaluate, openJobQueue } from '@proxy/api/jobs';
import {
  type HookReceiver,
  serveOnLoopback,
  startHookReceiver,
  startSmtpServer,
} from '@proxy/api/testing';
import { createTestDb } from '@proxy/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The production layout: the built web server and a separate worker process on one PostgreSQL
 * server, talking to each other only through the database. Everything a person does goes over
 * HTTP to the web server; everything in the background happens in the worker.
 */
const appDir = dirname(dirname(fileURLToPath(import.meta.url)));
const workerMain = join(appDir, '..', 'worker', 'src', 'main.ts');
const AUTH_SECRET = 'production-layout-secret-0123456789abcdefghijklmn';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('No free port');
  return address.port;
}

/** Polls until `done`, or fails after `withinMs` with what it was waiting for. */
async function within<T>(
  withinMs: number,
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
) {
  const deadline = Date.now() + withinMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${withinMs} ms: ${what} (last: ${JSON.stringify(last)})`);
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  'web server and worker as two processes',
  () => {
    let db: Awaited<ReturnType<typeof createTestDb>>;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let source: Awaited<ReturnType<typeof serveOnLoopback>>;
    let hooks: HookReceiver | undefined;
    let web: ChildProcess;
    let base: string;
    let key: string;
    const workers: ChildProcess[] = [];
    let price = 60_000;
    let stallFirst = false;
    let stalledHits = 0;
    let stalled!: () => void;
    const stalledSeen = new Promise<void>((resolve) => {
      stalled = resolve;
    });
    const logs: string[] = [];
    let env: NodeJS.ProcessEnv;

    function startWorker(): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', workerMain], {
        cwd: join(appDir, '..', 'worker'),
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (c) => logs.push(String(c)));
      child.stderr?.on('data', (c) => logs.push(String(c)));
      workers.push(child);
      return child;
    }

    async function api(method: string, path: string, body?: unknown) {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    }

    beforeAll(async () => {
      db = await createTestDb();
      smtp = await startSmtpServer();
      source = await serveOnLoopback({
        '/price': async () => Response.json({ price }),
        '/stall': async () => {
          stalledHits += 1;
          if (stallFirst && stalledHits === 1) {
            stalled();
            await new Promise(() => {}); // the worker holding this run is killed meanwhile
          }
          return Response.json({ price: 10 });
        },
      });
      const port = await freePort();
      base = `http://localhost:${port}`;
      env = {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: db.url,
        AUTH_SECRET,
        PORT: String(port),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Proxy <alerts@example.com>',
        MONITOR_ALLOW_HOSTS: '127.0.0.1',
        WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
        // Each check reads the source afresh (no shared fact), so "Evaluate now" sees the new price.
        MONITOR_FACT_TTL_SECONDS: '0',
        PUBLIC_URL: base,
        NEXT_MANUAL_SIG_HANDLE: 'true',
        NEXT_TELEMETRY_DISABLED: '1',
      };
      web = spawn(process.execPath, [join(appDir, 'server.mjs')], {
        cwd: appDir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      web.stdout?.on('data', (c) => logs.push(String(c)));
      web.stderr?.on('data', (c) => logs.push(String(c)));
      startWorker();

      // The account and its key are set up in this process, on the same database.
      const setupQueue = await openJobQueue(db, {
        databaseUrl: db.url,
        contracts: allJobContracts,
      });
      const deps = createAppDeps(db.db, { jobs: setupQueue.jobs });
      const anonymous = createCallerFactory(appRouter)(
        createContext({ deps, headers: new Headers() }),
      );
      const user = await anonymous.auth.register({
        email: 'layout@example.com',
        password: 'a calm purple otter',
      });
      // No SMTP_URL here, so registration answers the account it made.
      if (user.outcome !== 'created') throw new Error(`registration answered ${user.outcome}`);
      const person = createCallerFactory(appRouter)(
        createContext({ deps, headers: new Headers(), getSessionUserId: async () => user.id }),
      );
      key = (await person.apiKeys.create({ name: 'layout', scopes: ['read', 'write'] })).secret;
      await setupQueue.close();

      await within(
        90_000,
        'the web server to answer',
        () =>
          fetch(`${base}/api/v1/openapi.json`)
            .then((r) => r.ok)
            .catch(() => false),
        Boolean,
      );
    });

    afterAll(async () => {
      for (const child of [web, ...workers]) {
        if (child && child.exitCode === null && child.signalCode === null) {
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(timer);
        }
      }
      await source?.close();
      await hooks?.close();
      await smtp?.close();
      await db?.close();
    });

    const plan = (path: string) => ({
      sources: [{ kind: 'json', url: `${source.url}${path}`, jsonPath: '$.price' }],
      condition: { type: 'threshold', op: 'below', value: 50_000, unit: 'number', currency: null },
    });

    it('a monitor created over REST gets its first evaluation within 10 s, from the worker', async () => {
      const created = await api('POST', '/monitors', {
        prompt: 'tell me when the price drops below 50000',
        intervalMinutes: 360,
        notifyEmail: true,
        plan: plan('/price'),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as string;
      const evaluations = await within(
        10_000,
        'the first evaluation',
        async () => (await api('GET', `/monitors/${id}/evaluations`)).body.items as unknown[],
        (items) => items.length >= 1,
      );
      expect(evaluations[0]).toMatchObject({ trigger: 'scheduled', outcome: 'false' });

      // "Evaluate now" triggers; its email reaches the SMTP server within 10 s.
      price = 45_000;
      const checked = await api('POST', `/monitors/${id}/evaluate`);
      expect(checked.status).toBe(200);
      expect(checked.body).toMatchObject({ triggered: true });
      const mails = await within(
        10_000,
        'the email',
        async () => smtp.received.filter((m) => m.to.includes('layout@example.com')),
        (m) => m.length >= 1,
      );
      expect(mails[0]!.headers.subject).toContain('below');
    });

    it('a webhook endpoint added at the web server gets a signed task.created from the worker', async () => {
      hooks = await startHookReceiver();
      const created = await api('POST', '/webhooks', {
        url: hooks.url('/layout'),
        eventTypes: ['task.*'],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const secret = created.body.secret as string;
      const task = await api('POST', '/tasks', { title: 'Sent across processes' });
      expect(task.status).toBe(201);
      const [hook] = await within(
        15_000,
        'the webhook',
        async () => hooks!.received,
        (r) => r.length >= 1,
      );
      // The web server sealed the secret and the worker opened it: one AUTH_SECRET, two processes.
      const id = String(hook!.headers['webhook-id']);
      const ts = String(hook!.headers['webhook-timestamp']);
      const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
        .update(`${id}.${ts}.${hook!.body}`)
        .digest('base64');
      expect(String(hook!.headers['webhook-signature']).split(' ')).toContain(`v1,${expected}`);
      expect(JSON.parse(hook!.body)).toMatchObject({
        type: 'task.created',
        data: { taskId: task.body.id, title: 'Sent across processes' },
      });
    });

    it('a worker SIGKILLed mid-run: its run is retried by another worker and stored once, within 30 s', async () => {
      stallFirst = true;
      const created = await api('POST', '/monitors', {
        prompt: 'tell me when the price drops below 50000',
        intervalMinutes: 360,
        plan: plan('/stall'),
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      await stalledSeen;
      const [first] = workers;
      first!.kill('SIGKILL');
      await once(first!, 'exit');
      const killedAt = Date.now();
      startWorker();
      const evaluations = await within(
        30_000 - (Date.now() - killedAt),
        "the killed worker's run, retried and stored",
        async () => (await api('GET', `/monitors/${id}/evaluations`)).body.items as unknown[],
        (items) => items.length >= 1,
      );
      // Once the killed run's job is settled, there is still exactly one evaluation of its slot.
      const job = await within(
        30_000,
        'the retried job to complete',
        async () =>
          (
            await db.raw.query<{ state: string; retry_count: number }>(
              `select state, retry_count from pgboss.job where name = $1 and singleton_key = $2 order by created_on limit 1`,
              [monitorEvaluate.name, id],
            )
          )[0],
        (j) => j?.state === 'completed',
      );
      expect(job!.retry_count).toBeGreaterThanOrEqual(1);
      const again = (await api('GET', `/monitors/${id}/evaluations`)).body.items as unknown[];
      expect(again).toHaveLength(1);
      expect(evaluations[0]).toMatchObject({ trigger: 'scheduled', triggered: true });
      expect(stalledHits).toBe(2);
    });
  },
);
