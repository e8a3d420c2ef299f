import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';
import { startWorker, type Worker } from './index';

/**
 * Follow-up routing goes through pg-boss: the route-queued job is written in the same
 * transaction as the registration (or the completion) and a running worker routes.
 */
let h: Harness;
let worker: Worker;

beforeAll(async () => {
  h = await createHarness();
  worker = await startWorker(h.handle, h.deps, { databaseUrl: h.handle.url });
});
afterAll(async () => {
  await worker?.stop();
  await h?.close();
});

/** Polls the state until it holds (no fixed sleeps). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('state never reached');
}

describe('routing through the job queue', () => {
  it('routes a queued task after an agent registers and after a slot frees', async () => {
    const { caller: me } = await h.newUser('queue@example.com');
    const t1 = await me.tasks.create({ title: 'One', requiredCapabilities: ['go'] });
    const t2 = await me.tasks.create({ title: 'Two', requiredCapabilities: ['go'] });
    const d1 = await me.delegation.delegate({ task_id: t1.id, delegation_mode: 'DELEGATE' });
    expect(d1.queued).toBe(true);

    const key = (await me.apiKeys.create({ name: 'gopher', scopes: ['agent'] })).secret;
    const agent = h.withKey(key);
    await agent.delegation.agents.register({
      agent_id: 'gopher',
      agent_type: 'x',
      capabilities: ['go'],
      max_concurrent: 1,
    });
    const [routed] = await eventually(
      () => me.delegation.assignments.list({ task_id: t1.id }),
      (rows) => rows[0]?.status === 'assigned',
    );
    expect(routed?.agent_id).toBe('gopher');

    const d2 = await me.delegation.delegate({ task_id: t2.id, delegation_mode: 'DELEGATE' });
    expect(d2.queued).toBe(true);
    await agent.delegation.assignments.accept({ id: routed!.id });
    await agent.delegation.assignments.complete({ id: routed!.id, result: 'ok' });
    const [second] = await eventually(
      () => me.delegation.assignments.list({ task_id: t2.id }),
      (rows) => rows[0]?.status === 'assigned',
    );
    expect(second?.agent_id).toBe('gopher');
  });
});
