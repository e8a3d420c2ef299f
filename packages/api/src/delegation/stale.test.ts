import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delegationReassignStaleHandler } from '../jobs/delegation-reassign-stale';
import { delegationRouteQueuedHandler } from '../jobs/delegation-route-queued';
import { createHarness, type Harness } from '../testing';

/** The worker's sweeps, called with an injected clock: no sleeping. */
let h: Harness;
let clock = new Date('2026-11-21T09:00:00Z');
const minutes = (n: number) => {
  clock = new Date(clock.getTime() + n * 60_000);
};

beforeAll(async () => {
  h = await createHarness({
    now: () => clock,
    delegation: { acceptTimeoutMs: 15 * 60_000, heartbeatTimeoutMs: 10 * 60_000 },
  });
});
afterAll(() => h.close());

type Caller = Awaited<ReturnType<Harness['newUser']>>['caller'];

async function agent(caller: Caller, agentId: string, capabilities: string[]) {
  const key = (await caller.apiKeys.create({ name: agentId, scopes: ['agent'] })).secret;
  await h.withKey(key).delegation.agents.register({
    agent_id: agentId,
    agent_type: 'backend-tdd',
    capabilities,
  });
  return { key, api: h.withKey(key).delegation };
}

const person = () => h.newUser();
const sweep = async () =>
  (await delegationReassignStaleHandler.handle(h.deps, {})) as {
    reassigned: number;
    routed: number;
  };

describe('the worker (injected clock)', () => {
  it('reassigns work not accepted in time, and work whose agent went silent', async () => {
    const me = await person();
    const slow = await agent(me.caller, 'slow', ['python']);
    const task = await me.caller.tasks.create({ title: 'Stale', requiredCapabilities: ['python'] });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DELEGATE',
    });
    expect(assignment.agent_id).toBe('slow');
    const fast = await agent(me.caller, 'fast', ['python']);

    minutes(14);
    await fast.api.agents.heartbeat({ agent_id: 'fast' });
    expect(await sweep()).toEqual({ reassigned: 0, routed: 0 });
    minutes(2);
    await fast.api.agents.heartbeat({ agent_id: 'fast' });
    expect(await sweep()).toEqual({ reassigned: 1, routed: 1 });

    const history = await me.caller.delegation.assignments.list({ task_id: task.id });
    expect(history.map((x) => [x.agent_id, x.status, x.attempt])).toEqual([
      ['fast', 'assigned', 2],
      ['slow', 'failed', 1],
    ]);
    expect(history[1]?.failure_reason).toBe('Not accepted within 15 min');
    const [slowSees] = await slow.api.assignments.forAgent({ agent_id: 'slow' });
    expect(slowSees?.status).toBe('failed');
    await expect(slow.api.assignments.accept({ id: assignment.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    // Accepted, then silence: no heartbeat and no progress for ten minutes.
    const current = history[0]!;
    await fast.api.assignments.accept({ id: current.id });
    minutes(9);
    await fast.api.assignments.progress({ id: current.id, note: 'halfway' });
    minutes(9);
    await fast.api.agents.heartbeat({ agent_id: 'fast' });
    minutes(9);
    expect((await sweep()).reassigned).toBe(0);
    minutes(2);
    // Slow is back, but it let this task go before: the task waits for someone new.
    await slow.api.agents.heartbeat({ agent_id: 'slow' });
    expect(await sweep()).toEqual({ reassigned: 1, routed: 0 });
    const after = await me.caller.delegation.assignments.list({ task_id: task.id });
    expect(after[0]).toMatchObject({ status: 'queued', attempt: 3 });
    expect(after[1]?.failure_reason).toBe('No heartbeat or progress for 10 min');
    const fastView = (await me.caller.delegation.agents.list({})).find(
      (x) => x.agent_id === 'fast',
    );
    expect(fastView).toMatchObject({ online: false, active_count: 0, failed_count: 1 });

    // A new agent arrives; the periodic sweep routes what waits.
    const fresh = await agent(me.caller, 'fresh', ['python']);
    await h.runJobs();
    expect((await fresh.api.assignments.forAgent({ agent_id: 'fresh' }))[0]?.status).toBe(
      'assigned',
    );
    expect(await delegationRouteQueuedHandler.handle(h.deps, {})).toEqual({ routed: 0 });
  });
});
