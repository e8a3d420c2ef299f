import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createTestDb } from '@proxy/db/testing';
import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from './env';

describe('worker env', () => {
  it('requires a postgres DATABASE_URL with a clear message', () => {
    expect(() => readWorkerEnv({})).toThrow(/DATABASE_URL is required/);
    expect(() => readWorkerEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
    expect(readWorkerEnv({ DATABASE_URL: 'postgres://u@h/db' }).WORKER_DB_POOL).toBe(20);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('worker process', () => {
  it('starts on PostgreSQL, registers its schedule and stops cleanly on SIGTERM', async () => {
    const db = await createTestDb();
    try {
      const main = fileURLToPath(new URL('./main.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', main], {
        env: { ...process.env, DATABASE_URL: db.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (chunk) => {
        output += String(chunk);
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          output += String(chunk);
          if (output.includes('"worker started"')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`worker exited early (${code}): ${output}`)));
      });
      const schedules = await db.raw.query<{ name: string; cron: string }>(
        'select name, cron from pgboss.schedule',
      );
      expect(schedules).toContainEqual(
        expect.objectContaining({ name: 'housekeeping.purge', cron: '*/5 * * * *' }),
      );
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(output).toContain('"worker stopped"');
    } finally {
      await db.close();
    }
  });
});
