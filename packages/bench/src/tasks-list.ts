import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb, migrate } from '@proxy/db';
import { apiKeys, tasks, users } from '@proxy/db/schema';
import postgres from 'postgres';
import { adminUrl } from './config';
import { load, printTable } from './report';

const PAGE = 50;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** The port a child server prints as `listening <port>` on its stdout. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the baseline server exited (${code})`)));
  });
}

export async function benchTasksList() {
  const dbName = 'proxy_bench';
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  // Data: one user with 1,000 tasks and a read key.
  const handle = await createDb({ databaseUrl });
  await migrate(handle);
  const [user] = await handle.db
    .insert(users)
    .values({
      email: 'bench@example.com',
      passwordHash: 'x',
      displayName: 'Bench',
      handle: 'bench',
    })
    .returning({ id: users.id });
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    userId: user!.id,
    title: `Benchmark task ${i}`,
    tags: i % 3 === 0 ? ['bench', 'three'] : ['bench'],
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
  }));
  await handle.db.insert(tasks).values(rows);
  const secret = `pxy_bench_${createHash('sha256').update(String(Math.random())).digest('base64url')}`;
  await handle.db.insert(apiKeys).values({
    userId: user!.id,
    name: 'bench',
    prefix: secret.slice(0, 12),
    secretHash: createHash('sha256').update(secret).digest('hex'),
    scopes: ['read'],
  });
  await handle.close();

  // The baseline: a bare node:http handler running the same SQL, in its own process.
  const bare = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./bare-tasks-server.ts', import.meta.url))],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    },
  );
  const barePort = await listeningPort(bare);

  // The product: the production Next.js server on the same database.
  const webPort = await freePort();
  const webDir = fileURLToPath(new URL('../../../apps/web', import.meta.url));
  // BENCH_WEB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the web server.
  const nodeArgs = process.env.BENCH_WEB_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const web = spawn(process.execPath, [...nodeArgs, `${webDir}/server.mjs`], {
    cwd: webDir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret',
      NODE_ENV: 'production',
      PORT: String(webPort),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    const base = `http://localhost:${webPort}`;
    await waitFor(`${base}/api/v1/openapi.json`);
    const headers = { authorization: `Bearer ${secret}` };
    const trpcUrl = `${base}/api/trpc/tasks.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: PAGE } }))}`;
    const restUrl = `${base}/api/v1/tasks?limit=${PAGE}`;
    // Warm up each path once so compilation and connection pools are not measured.
    for (const u of [trpcUrl, restUrl, `http://127.0.0.1:${barePort}/`]) {
      const res = await fetch(u, { headers });
      if (res.status !== 200) throw new Error(`${u} answered ${res.status}: ${await res.text()}`);
    }
    const baseline = await load(
      'bare node:http + postgres.js',
      `http://127.0.0.1:${barePort}/`,
      headers,
    );
    const viaTrpc = await load('tasks.list via tRPC', trpcUrl, headers);
    const viaRest = await load('tasks.list via REST', restUrl, headers);
    printTable('tasks.list, a page of 50, over HTTP', [baseline, viaTrpc, viaRest]);
    const ratio = (r: { requestsPerSecond: number }) =>
      (r.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
    console.log(`  ratio tRPC / bare: ${ratio(viaTrpc)}   REST / bare: ${ratio(viaRest)}`);
  } finally {
    if (web.pid) process.kill(-web.pid, 'SIGTERM');
    if (bare.pid) process.kill(-bare.pid, 'SIGTERM');
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
  }
}
