import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = dirname(dirname(fileURLToPath(import.meta.url)));
const READY_TIMEOUT_MS = 90_000;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('No free port');
  return address.port;
}

/** Polls until the server answers (each attempt waits on a response, not on a clock). */
async function waitForServer(url: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The web server exited during start; see ${logFile}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The web server did not answer ${url} in time; see ${logFile}`);
}

export interface WebServer {
  /** `http://localhost:<port>`: Auth.js builds URLs from localhost, so browsers use it too. */
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the already built production server (`server.mjs`, Next behind the client-address
 * server) on a free port with a fresh embedded database (the worker runs inside it) and a fixed
 * session secret. `env` adds or overrides settings (an SMTP server, limits).
 */
export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  if (!existsSync(join(appDir, '.next', 'BUILD_ID'))) {
    throw new Error('Build the web app first: pnpm --filter @proxy/web build');
  }
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'proxy-e2e-'));
  const logFile = join(dataDir, 'server.log');
  const log = createWriteStream(logFile);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    PGLITE_DATA_DIR: join(dataDir, 'pglite'),
    AUTH_SECRET: 'e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    NEXT_MANUAL_SIG_HANDLE: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    ...env,
  };
  // Embedded mode: the worker runs inside this server on the temporary PGlite.
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [join(appDir, 'server.mjs')], {
    cwd: appDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const baseUrl = `http://localhost:${port}`;
  try {
    await waitForServer(`${baseUrl}/api/v1/openapi.json`, child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    baseUrl,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
      if (process.env.E2E_KEEP_DATA) {
        console.log(`e2e server data and log kept in ${dataDir}`);
      } else {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
