import { monitors } from '@proxy/db/schema';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMonitorRun } from '../monitors/schedule';
import { createHarness, type Harness, insertMonitors } from '../testing';
import { monitorEvaluate, startWorker, type Worker } from './index';
import { reconcileMonitors } from './monitor-reconcile';
import { rowsOf } from './sql-rows';

/**
 * A monitor run that can never succeed — its monitor is held by a lease that does not run out, so
 * every attempt answers `busy` and the job throws — spends its retries in the real worker and
 * lands in the dead-letter queue, where its owner sees it and nobody else does.
 */
let h: Harness;
let worker: Worker;

beforeAll(async () => {
  // The queue's figures cover everyone, so only an administrator reads them.
  h = await createHarness({ admin: { emails: ['ops@example.com'], firstAccountIsAdmin: false } });
  worker = await startWorker(h.handle, h.deps, {
    databaseUrl: h.handle.url,
    queuePolicies: { [monitorEvaluate.name]: { retryLimit: 1, retryDelay: 1 } },
  });
});
afterAll(async () => {
  await worker?.stop();
  await h?.close();
});

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string) {
  for (let i = 0; i < 600; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('a monitor run whose retries run out', () => {
  it('ends in the dead-letter queue, visible to its owner only', async () => {
    const owner = await h.newUser();
    const other = await h.newUser();
    const due = new Date(h.deps.now().getTime() - 1000);
    const [held] = await insertMonitors(h.db, owner.id, [
      { url: 'http://127.0.0.1:9/held', nextRunAt: due },
    ]);
    // Another run holds the monitor for a year: every attempt of this job is `busy`.
    await h.db
      .update(monitors)
      .set({ leaseUntil: new Date(Date.now() + 365 * 86_400_000), leaseToken: crypto.randomUUID() })
      .where(eq(monitors.id, held!));
    await enqueueMonitorRun(h.deps, undefined, held!, due);

    const seen = await until(
      () => owner.caller.jobs.deadLetters({}),
      (d) => d.items.length > 0,
      'the dead letter',
    );
    expect(seen.items).toHaveLength(1);
    expect(seen.items[0]).toMatchObject({
      queue: monitorEvaluate.name,
      data: { monitorId: held, slot: due.toISOString() },
    });
    expect(seen.items[0]!.error).toContain('is being evaluated elsewhere');
    // The original job failed after its retry; nothing was evaluated.
    const states = rowsOf<{ state: string; retry_count: number }>(
      await h.db.execute(sql`
        select state::text as state, retry_count from pgboss.job
        where name = ${monitorEvaluate.name} and singleton_key = ${held}`),
    );
    expect(states).toEqual([{ state: 'failed', retry_count: 1 }]);
    const evaluated = rowsOf<{ n: number }>(
      await h.db.execute(
        sql`select count(*)::int as n from evaluations where monitor_id = ${held}`,
      ),
    );
    expect(evaluated[0]!.n).toBe(0);

    expect((await other.caller.jobs.deadLetters({})).items).toEqual([]);
    await expect(owner.caller.jobs.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await h.newUser('ops@example.com');
    const overview = await admin.caller.jobs.overview();
    expect(overview.queues.find((q) => q.name === monitorEvaluate.name)).toMatchObject({
      failed: 1,
      deadLetters: 1,
    });

    // The chain is broken now; once the run is overdue past the grace, the reconciler re-queues it.
    expect(await reconcileMonitors(h.deps, { graceMs: 0 })).toEqual({ requeued: 1 });
  });
});
