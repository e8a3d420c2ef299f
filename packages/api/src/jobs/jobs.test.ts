import { rateLimits } from '@proxy/db/schema';
import { createTestDb } from '@proxy/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppDeps } from '../deps';
import { purgeRateLimitsJob, startWorker, type Worker } from './index';

let db: Awaited<ReturnType<typeof createTestDb>>;
let worker: Worker;
const now = new Date('2026-11-21T12:00:00Z');

beforeAll(async () => {
  db = await createTestDb();
  worker = await startWorker(db, createAppDeps(db.db, { now: () => now }), { databaseUrl: db.url });
});
afterAll(async () => {
  await worker?.stop();
  await db?.close();
});

/** Waits for a job to finish by reading its state: no fixed sleeps. */
async function settled(name: string, id: string) {
  for (let i = 0; i < 600; i++) {
    const job = await worker.boss.getJobById(name, id);
    if (job && ['completed', 'failed'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('housekeeping job', () => {
  it('is scheduled every five minutes', async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: purgeRateLimitsJob.name, cron: '*/5 * * * *' }),
    );
  });

  it('purges only expired rate-limit rows, through the real queue', async () => {
    await db.db.insert(rateLimits).values([
      { key: 'signin:account:old', points: 3, expire: new Date('2026-11-21T11:00:00Z') },
      { key: 'signin:account:live', points: 1, expire: new Date('2026-11-21T12:10:00Z') },
    ]);
    const id = await worker.boss.send(purgeRateLimitsJob.name, {});
    expect(id).toBeTruthy();
    const job = await settled(purgeRateLimitsJob.name, id!);
    expect(job.state).toBe('completed');
    const left = await db.raw.query<{ key: string }>('select key from rate_limits order by key');
    expect(left.map((r) => r.key)).toEqual(['signin:account:live']);
  });
});
