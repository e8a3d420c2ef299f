import { rateLimits } from '@proxy/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';
import {
  allJobContracts,
  allJobHandlers,
  housekeepingPurge,
  JOB_NAME_PATTERN,
  notificationDeliver,
  startWorker,
  type Worker,
} from './index';

let h: Harness;
let worker: Worker;
const now = new Date('2026-11-21T12:00:00Z');

beforeAll(async () => {
  h = await createHarness({ now: () => now });
  worker = await startWorker(h.handle, h.deps, { databaseUrl: h.handle.url });
});
afterAll(async () => {
  await worker?.stop();
  await h?.close();
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

describe('job contracts', () => {
  it('gives every contract exactly one handler, and every name one style', () => {
    const contracts = allJobContracts.map((c) => c.name).sort();
    const handled = allJobHandlers.map((h) => h.job.name).sort();
    expect(handled).toEqual(contracts);
    expect(new Set(contracts).size).toBe(contracts.length);
    for (const c of allJobContracts) {
      expect(c.name).toMatch(JOB_NAME_PATTERN);
      if (c.queue.deadLetter) expect(c.queue.deadLetter).toBe(`${c.name}.dead`);
    }
  });

  it('creates every queue, so a job sent from any process is never dropped', async () => {
    const queues = new Set((await h.boss.getQueues()).map((q) => q.name));
    for (const c of allJobContracts) expect(queues.has(c.name)).toBe(true);
  });

  it('refuses a payload that does not fit its contract before writing anything', async () => {
    await expect(
      h.deps.jobs.send(notificationDeliver, { deliveryId: 'not a uuid' }),
    ).rejects.toThrow();
  });
});

describe('housekeeping job', () => {
  it('is scheduled every five minutes', async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: housekeepingPurge.name, cron: '*/5 * * * *' }),
    );
  });

  it('purges only expired rate-limit rows, through the real queue', async () => {
    await h.db.insert(rateLimits).values([
      { key: 'signin:account:old', points: 3, expire: new Date('2026-11-21T11:00:00Z') },
      { key: 'signin:account:live', points: 1, expire: new Date('2026-11-21T12:10:00Z') },
    ]);
    const id = await h.deps.jobs.send(housekeepingPurge, {});
    expect(id).toBeTruthy();
    const job = await settled(housekeepingPurge.name, id!);
    expect(job.state).toBe('completed');
    const left = await h.raw.query<{ key: string }>('select key from rate_limits order by key');
    expect(left.map((r) => r.key)).toEqual(['signin:account:live']);
  });
});
