import { evaluations } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, serveOnLoopback } from '../testing';
import { startWorker, type Worker } from './index';

/**
 * The path a person takes in the web app, with the worker running as it does in embedded mode
 * (same process, same database): a new monitor gets its first check right away, and a changed
 * plan is checked again right away, without anyone pressing "Evaluate now".
 */
let h: Harness;
let worker: Worker;
let world: Awaited<ReturnType<typeof serveOnLoopback>>;
let price = 60_000;

beforeAll(async () => {
  h = await createHarness({
    monitors: { fetch: { timeoutMs: 5_000, maxBytes: 100_000, allowHosts: ['127.0.0.1'] } },
  });
  world = await serveOnLoopback({ '/btc.json': async () => Response.json({ price }) });
  worker = await startWorker(h.handle, h.deps, { databaseUrl: h.handle.url });
});
afterAll(async () => {
  await worker?.stop();
  await world?.close();
  await h?.close();
});

async function scheduledRuns(monitorId: string, atLeast: number) {
  for (let i = 0; i < 300; i++) {
    const rows = await h.db.select().from(evaluations).where(eq(evaluations.monitorId, monitorId));
    const scheduled = rows.filter((r) => r.trigger === 'scheduled');
    if (scheduled.length >= atLeast) return scheduled;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${atLeast} scheduled runs of ${monitorId}`);
}

describe('the worker and a new monitor', () => {
  it('checks a new monitor right away, and again right after its plan changes', async () => {
    const person = await h.newUser();
    const created = await person.caller.monitors.create({
      prompt: `tell me when the price drops below 50000 ${world.url}/btc.json $.price`,
      intervalMinutes: 360,
    });
    const [first] = await scheduledRuns(created.id, 1);
    expect(first).toMatchObject({ outcome: 'false', valueNumber: 60_000, triggered: false });

    price = 45_000;
    await person.caller.monitors.update({
      id: created.id,
      prompt: `tell me when the price drops below 50000 ${world.url}/btc.json?fresh $.price`,
    });
    const runs = await scheduledRuns(created.id, 2);
    expect(runs.some((r) => r.triggered && r.valueNumber === 45_000)).toBe(true);
    // The trigger's event reaches the inbox through its own dispatch job.
    let inbox = await person.caller.notifications.list({});
    for (let i = 0; i < 300 && inbox.items.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      inbox = await person.caller.notifications.list({});
    }
    expect(inbox.items).toHaveLength(1);

    // The next run waits for the monitor's phase in its 6-hour interval.
    const after = await person.caller.monitors.get({ id: created.id });
    expect(after.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
  });
});
