import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, startPlan } from '../../../scripts/start-plan.mjs';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** An address of this machine that other machines can reach, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm start` on the embedded database listens on loopback unless HOST says otherwise, and seeds
 * the demo account (whose password the README prints) only then.
 */
describe('the embedded start', () => {
  it('listens on loopback by default, and seeds the demo account only then', () => {
    const plain = startPlan({});
    expect(plain).toMatchObject({ host: '127.0.0.1', seedDemo: true });
    for (const host of ['localhost', '::1', '127.0.0.2']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(startPlan({ HOST: host }).seedDemo, host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'proxy.example.com']) {
      const plan = startPlan({ HOST: host });
      expect(plan.seedDemo, host).toBe(false);
      expect(plan.host, host).toBe(host);
      expect(plan.notices.join('\n'), host).toMatch(/no demo account is seeded/);
      expect(plan.notices.join('\n')).not.toMatch(/demo@proxy\.local/);
    }
    // The production layout (DATABASE_URL) never seeds.
    expect(startPlan({ DATABASE_URL: 'postgres://db/proxy' }).seedDemo).toBe(false);
  });

  it('the server it starts answers on loopback and not on the machine’s network address', async () => {
    const external = externalAddress();
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'proxy-start-'));
    const plan = startPlan({ PORT: String(port) });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: plan.port,
      HOST: plan.host,
      PGLITE_DATA_DIR: join(dataDir, 'pglite'),
      AUTH_SECRET: 'e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      NEXT_MANUAL_SIG_HANDLE: 'true',
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [join(appDir, 'server.mjs')], {
      cwd: appDir,
      stdio: 'ignore',
      env,
    });
    try {
      const local = `http://127.0.0.1:${port}/api/v1/openapi.json`;
      await expect.poll(() => answers(local), { timeout: 60_000, interval: 250 }).toBe(true);
      if (external) expect(await answers(`http://${external}:${port}/`)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
