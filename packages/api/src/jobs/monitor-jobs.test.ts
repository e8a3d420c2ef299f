import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMonitorRun } from '../monitors/schedule';
import { createHarness, type Harness, insertMonitors } from '../testing';
import { allJobContracts, monitorEvaluate } from './index';
import { reconcileMonitors } from './monitor-reconcile';
import { rowsOf } from './sql-rows';

/**
 * The reconciler and the jobs view against pg-boss's real tables, with the harness's send-only
 * queue and no worker, so every job the reconciler writes stays where the test can read it.
 */
let h: Harness;
let boss: PgBoss;
let owner: Awaited<ReturnType<Harness['newUser']>>;
const MONITOR_EVALUATE_JOB = monitorEvaluate.name;

beforeAll(async () => {
  // The queue's figures cover everyone: the owner here is the installation's administrator.
  h = await createHarness({ admin: { emails: ['ops@example.com'], firstAccountIsAdmin: false } });
  boss = h.boss;
  owner = await h.newUser('ops@example.com');
});
afterAll(async () => {
  await h?.close();
});

async function monitorJobs(monitorId: string) {
  return rowsOf<{ state: string; data: { slot: string; scheduledFor: string } }>(
    await h.db.execute(sql`
      select state::text as state, data from pgboss.job
      where name = ${MONITOR_EVALUATE_JOB} and singleton_key = ${monitorId}
      order by created_on`),
  );
}

describe('jobs view before any job ran', () => {
  it('lists every queue with nothing in it, and no dead letters', async () => {
    const overview = await owner.caller.jobs.overview();
    expect(overview.queues.map((q) => q.name).sort()).toEqual(
      allJobContracts.map((c) => c.name).sort(),
    );
    expect(overview.queues.every((q) => q.queued === 0 && q.lagMs === null)).toBe(true);
    expect(overview.asOf).toBeInstanceOf(Date);
    expect(await owner.caller.jobs.deadLetters({})).toEqual({ items: [] });
  });
});

describe('monitor reconciler', () => {
  it('re-queues only active monitors whose run is lost, once', async () => {
    const now = h.deps.now();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const [lost, covered, future, paused, unset] = await insertMonitors(h.db, owner.id, [
      { url: 'http://127.0.0.1:9/lost', nextRunAt: ago(10 * 60_000) },
      { url: 'http://127.0.0.1:9/covered', nextRunAt: ago(10 * 60_000) },
      { url: 'http://127.0.0.1:9/future', nextRunAt: new Date(now.getTime() + 60_000) },
      { url: 'http://127.0.0.1:9/paused', nextRunAt: ago(10 * 60_000), status: 'paused' },
      { url: 'http://127.0.0.1:9/unset', nextRunAt: null },
    ]);
    // `covered` still has its job queued; `lost`'s job vanished (it never had one here).
    await enqueueMonitorRun(h.deps, undefined, covered!, ago(10 * 60_000));

    expect(await reconcileMonitors(h.deps)).toEqual({ requeued: 2 });

    // The overdue run keeps its slot (its idempotency key) and is due at once.
    const lostJobs = await monitorJobs(lost!);
    expect(lostJobs).toHaveLength(1);
    expect(lostJobs[0]!.state).toBe('created');
    expect(lostJobs[0]!.data.slot).toBe(ago(10 * 60_000).toISOString());
    // The monitor with no next run is put back on its phase, column and job together.
    const [row] = rowsOf<{ next_run_at: Date | string }>(
      await h.db.execute(sql`select next_run_at from monitors where id = ${unset}`),
    );
    const nextRunAt = new Date(row!.next_run_at);
    expect(nextRunAt.getTime()).toBeGreaterThan(now.getTime());
    const unsetJobs = await monitorJobs(unset!);
    expect(unsetJobs.map((j) => j.data.slot)).toEqual([nextRunAt.toISOString()]);
    // Untouched: the covered one keeps its single job, the future and paused ones get none.
    expect(await monitorJobs(covered!)).toHaveLength(1);
    expect(await monitorJobs(future!)).toHaveLength(0);
    expect(await monitorJobs(paused!)).toHaveLength(0);

    // A second pass finds every chain whole.
    expect(await reconcileMonitors(h.deps)).toEqual({ requeued: 0 });
  });

  it('heals a monitor again after its job vanishes from the queue', async () => {
    const now = h.deps.now();
    const due = new Date(now.getTime() - 5 * 60_000);
    const [id] = await insertMonitors(h.db, owner.id, [
      { url: 'http://127.0.0.1:9/vanish', nextRunAt: due },
    ]);
    expect(await reconcileMonitors(h.deps)).toEqual({ requeued: 1 });
    await h.db.execute(sql`delete from pgboss.job where singleton_key = ${id}`);
    expect(await monitorJobs(id!)).toHaveLength(0);
    expect(await reconcileMonitors(h.deps)).toEqual({ requeued: 1 });
    expect((await monitorJobs(id!)).map((j) => j.data.slot)).toEqual([due.toISOString()]);
  });
});

describe('jobs view', () => {
  const QUEUE = 'jobs-view-probe';
  const DEAD = 'jobs-view-probe-dead';

  it('counts a queue by state, with due jobs and the lag of the oldest one', async () => {
    await boss.createQueue(DEAD);
    await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 0, deadLetter: DEAD });
    const minuteAgo = new Date(Date.now() - 60_000);
    const inAnHour = new Date(Date.now() + 3_600_000);
    await boss.send(QUEUE, { n: 1 }, { startAfter: minuteAgo });
    await boss.send(QUEUE, { n: 2 }, { startAfter: minuteAgo });
    await boss.send(QUEUE, { n: 3 }, { startAfter: minuteAgo });
    await boss.send(QUEUE, { n: 4 }, { startAfter: inAnHour });
    const [first] = await boss.fetch(QUEUE);
    await boss.complete(QUEUE, first!.id);
    const [second] = await boss.fetch(QUEUE);
    await boss.fail(QUEUE, second!.id, { message: 'probe failure' });

    const overview = await owner.caller.jobs.overview();
    const probe = overview.queues.find((q) => q.name === QUEUE);
    expect(probe).toMatchObject({
      queued: 2,
      due: 1,
      active: 0,
      retry: 0,
      failed: 1,
      completed: 1,
      deadLetters: 1,
    });
    // The one due job has waited at least the minute since its start time.
    expect(probe!.lagMs).toBeGreaterThanOrEqual(60_000);
    // Dead-letter queues are folded into their source queue, not listed on their own.
    expect(overview.queues.map((q) => q.name)).not.toContain(DEAD);
    // The monitor queue holds the reconciler's jobs, all due now or on their phase.
    const monitorQueue = overview.queues.find((q) => q.name === MONITOR_EVALUATE_JOB);
    expect(monitorQueue!.queued).toBeGreaterThanOrEqual(3);
  });

  it('answers no lag when nothing is due, and the same figures over REST', async () => {
    const EMPTY = 'jobs-view-empty';
    await boss.createQueue(EMPTY, { name: EMPTY });
    await boss.send(EMPTY, {}, { startAfter: new Date(Date.now() + 3_600_000) });
    const overview = await owner.caller.jobs.overview();
    expect(overview.queues.find((q) => q.name === EMPTY)).toMatchObject({
      queued: 1,
      due: 0,
      lagMs: null,
    });
    const key = await owner.caller.apiKeys.create({ name: 'reader', scopes: ['read'] });
    const res = await h.rest('GET', '/jobs', { key: key.secret });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string; queued: number }[] };
    expect(body.queues.find((q) => q.name === EMPTY)?.queued).toBe(1);
    const anonymous = await h.rest('GET', '/jobs');
    expect(anonymous.status).toBe(401);
  });

  it("lists a dead letter only to the owner of the job's monitor", async () => {
    const other = await h.newUser();
    const [mine] = await insertMonitors(h.db, owner.id, [
      { url: 'http://127.0.0.1:9/dl-mine', status: 'paused' },
    ]);
    const [theirs] = await insertMonitors(h.db, other.id, [
      { url: 'http://127.0.0.1:9/dl-theirs', status: 'paused' },
    ]);
    for (const monitorId of [mine, theirs]) {
      await boss.send(QUEUE, { monitorId, slot: 's' }, { startAfter: new Date(0) });
      const jobs = await boss.fetch(QUEUE, { batchSize: 10 });
      for (const job of jobs) await boss.fail(QUEUE, job.id, { message: `failed ${monitorId}` });
    }
    const mineSeen = await owner.caller.jobs.deadLetters({});
    expect(mineSeen.items.map((i) => (i.data as { monitorId?: string }).monitorId)).toEqual([mine]);
    expect(mineSeen.items[0]).toMatchObject({ queue: QUEUE, error: `failed ${mine}` });
    const theirsSeen = await other.caller.jobs.deadLetters({ limit: 10 });
    expect(theirsSeen.items.map((i) => (i.data as { monitorId?: string }).monitorId)).toEqual([
      theirs,
    ]);
    const stranger = await h.newUser();
    expect((await stranger.caller.jobs.deadLetters({})).items).toEqual([]);
    // Over REST too, with a read-scoped key: the owner's item only.
    const key = await owner.caller.apiKeys.create({ name: 'dead letters', scopes: ['read'] });
    const res = await h.rest('GET', '/jobs/dead-letters?limit=5', { key: key.secret });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { data: { monitorId?: string } }[] };
    expect(body.items.map((i) => i.data.monitorId)).toEqual([mine]);
  });
});

describe('scheduling from the monitor service', () => {
  const plan = {
    sources: [{ kind: 'json' as const, url: 'http://127.0.0.1:9/scheduled', jsonPath: '$.v' }],
    condition: {
      type: 'threshold' as const,
      op: 'below' as const,
      value: 10,
      unit: 'number' as const,
      currency: null,
    },
  };

  it('runs a new monitor right away, and a changed interval replaces the waiting run', async () => {
    const person = await h.newUser();
    const created = await person.caller.monitors.create({
      prompt: 'tell me when v drops below 10',
      intervalMinutes: 360,
      plan,
    });
    const now = h.deps.now().getTime();
    let jobs = await monitorJobs(created.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.state).toBe('created');
    expect(Math.abs(new Date(jobs[0]!.data.scheduledFor).getTime() - now)).toBeLessThan(5_000);

    const moved = await person.caller.monitors.update({ id: created.id, intervalMinutes: 5 });
    jobs = await monitorJobs(created.id);
    // One waiting run, on the new 5-minute phase: the first run's job was replaced.
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.data.scheduledFor).toBe(moved.nextRunAt?.toISOString());
    expect(moved.nextRunAt!.getTime() - now).toBeLessThanOrEqual(5 * 60_000);

    await person.caller.monitors.pause({ id: created.id });
    const resumed = await person.caller.monitors.resume({ id: created.id });
    jobs = await monitorJobs(created.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.data.scheduledFor).toBe(resumed.nextRunAt?.toISOString());
  });
});
