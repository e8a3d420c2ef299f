import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';
import { LET_GO_NOTE } from './service';

let h: Harness;
const json = async <T>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Caller = Awaited<ReturnType<Harness['newUser']>>['caller'];

async function agent(caller: Caller, agentId: string, capabilities: string[], max = 3) {
  const key = (await caller.apiKeys.create({ name: agentId, scopes: ['agent'] })).secret;
  await h.withKey(key).delegation.agents.register({
    agent_id: agentId,
    agent_type: 'backend-tdd',
    capabilities,
    max_concurrent: max,
  });
  return { key, api: h.withKey(key).delegation };
}

async function person() {
  const user = await h.newUser();
  const key = (await user.caller.apiKeys.create({ name: 'me', scopes: ['read', 'write'] })).secret;
  return { ...user, key };
}

describe('agent isolation', () => {
  it("an agent cannot read, accept or complete another agent's assignment", async () => {
    const me = await person();
    const a = await agent(me.caller, 'agent-a', ['python']);
    const b = await agent(me.caller, 'agent-b', ['rust']);
    const task = await me.caller.tasks.create({ title: 'Py', requiredCapabilities: ['python'] });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DELEGATE',
    });
    expect(assignment.agent_id).toBe('agent-a');

    const peek = await h.rest('GET', '/delegation/assignments/agent/agent-a', { key: b.key });
    expect(peek.status).toBe(404);
    for (const verb of ['accept', 'complete', 'fail', 'progress']) {
      const res = await h.rest('POST', `/delegation/assignments/${assignment.id}/${verb}`, {
        key: b.key,
        body: { reason: 'x', note: 'x' },
      });
      expect(res.status, verb).toBe(404);
    }
    expect(await b.api.assignments.forAgent({ agent_id: 'agent-b' })).toEqual([]);
    // A person's key is not an agent key.
    const asPerson = await h.rest('POST', `/delegation/assignments/${assignment.id}/accept`, {
      key: me.key,
    });
    expect(asPerson.status).toBe(403);
    // An agent key cannot approve or cancel (that is the person's call).
    await expect(a.api.assignments.cancel({ id: assignment.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await a.api.assignments.accept({ id: assignment.id })).status).toBe('accepted');
  });

  it("a user's key never acts on another user's tasks, agents or assignments", async () => {
    const owner = await person();
    const other = await person();
    await agent(owner.caller, 'owners-agent', ['python']);
    const task = await owner.caller.tasks.create({
      title: 'Mine',
      requiredCapabilities: ['python'],
    });
    const { assignment } = await owner.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DO_WITH_ME',
    });
    const del = await h.rest('POST', '/delegation/delegate', {
      key: other.key,
      body: { task_id: task.id, delegation_mode: 'DELEGATE' },
    });
    expect(del.status).toBe(404);
    const list = await h.rest('GET', '/delegation/assignments/agent/owners-agent', {
      key: other.key,
    });
    expect(list.status).toBe(404);
    const cancel = await h.rest('POST', `/delegation/assignments/${assignment.id}/cancel`, {
      key: other.key,
    });
    expect(cancel.status).toBe(404);
    expect(await other.caller.delegation.agents.list({})).toEqual([]);
    expect(await other.caller.delegation.assignments.list({})).toEqual([]);
    // Another user's agent key cannot see it either, even with the same agent_id.
    const theirs = await agent(other.caller, 'owners-agent', ['python']);
    expect(await theirs.api.assignments.forAgent({ agent_id: 'owners-agent' })).toEqual([]);
  });

  it('a key registers one agent, and an agent_id belongs to its key', async () => {
    const me = await person();
    const a = await agent(me.caller, 'solo', ['python']);
    await expect(
      a.api.agents.register({ agent_id: 'second', agent_type: 'x', capabilities: [] }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const otherKey = (await me.caller.apiKeys.create({ name: 'k', scopes: ['agent'] })).secret;
    await expect(
      h.withKey(otherKey).delegation.agents.register({
        agent_id: 'solo',
        agent_type: 'x',
        capabilities: [],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // Re-registering with its own key is fine and updates capabilities.
    const again = await a.api.agents.register({
      agent_id: 'solo',
      agent_type: 'backend-tdd',
      capabilities: ['python', 'sql'],
    });
    expect(again).toMatchObject({ created: false, capabilities: ['python', 'sql'] });
  });
});

describe('delegation flow', () => {
  it('queues when no agent fits and routes when one registers', async () => {
    const me = await person();
    const task = await me.caller.tasks.create({ title: 'Go', requiredCapabilities: ['go'] });
    const first = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DELEGATE',
    });
    expect(first).toMatchObject({ created: true, queued: true });
    expect(first.reason).toBe('No agents are registered yet; the task waits in the queue');
    await agent(me.caller, 'gopher', ['go']);
    // The registration wrote a route-queued job; the worker runs it.
    await h.runJobs();
    const [a] = await me.caller.delegation.assignments.list({ task_id: task.id });
    expect(a).toMatchObject({ status: 'assigned', agent_id: 'gopher' });
  });

  it('respects max_concurrent and routes the next task when a slot frees', async () => {
    const me = await person();
    const a = await agent(me.caller, 'one-at-a-time', ['sql'], 1);
    const t1 = await me.caller.tasks.create({ title: 'A', requiredCapabilities: ['sql'] });
    const t2 = await me.caller.tasks.create({ title: 'B', requiredCapabilities: ['sql'] });
    const d1 = await me.caller.delegation.delegate({ task_id: t1.id, delegation_mode: 'DELEGATE' });
    const d2 = await me.caller.delegation.delegate({ task_id: t2.id, delegation_mode: 'DELEGATE' });
    expect(d1.queued).toBe(false);
    expect(d2.queued).toBe(true);
    expect(d2.reason).toContain('offline or busy');
    await a.api.assignments.accept({ id: d1.assignment.id });
    await a.api.assignments.complete({ id: d1.assignment.id, result: 'done' });
    await h.runJobs();
    const mine = await a.api.assignments.forAgent({ agent_id: 'one-at-a-time' });
    expect(mine.map((x) => [x.task_title, x.status]).sort()).toEqual([
      ['A', 'completed'],
      ['B', 'assigned'],
    ]);
  });

  it('DO_WITH_ME ends in review; the person sends it back, then approves', async () => {
    const me = await person();
    const a = await agent(me.caller, 'pair', ['react']);
    const task = await me.caller.tasks.create({ title: 'UI', requiredCapabilities: ['react'] });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DO_WITH_ME',
    });
    await a.api.assignments.accept({ id: assignment.id });
    const review = await a.api.assignments.complete({ id: assignment.id, result: 'draft' });
    expect(review.status).toBe('needs_review');
    expect(await me.caller.delegation.assignments.list({ status: 'needs_review' })).toHaveLength(1);
    const back = await me.caller.delegation.assignments.sendBack({
      id: assignment.id,
      note: 'Use the design tokens',
    });
    expect(back).toMatchObject({ status: 'in_progress', review_note: 'Use the design tokens' });
    await a.api.assignments.complete({ id: assignment.id, result: 'v2' });
    const ok = await me.caller.delegation.assignments.approve({ id: assignment.id });
    expect(ok).toMatchObject({ status: 'completed', result: 'v2' });
    expect((await me.caller.tasks.get({ id: task.id })).status).toBe('done');
    await expect(me.caller.delegation.assignments.approve({ id: assignment.id })).rejects.toThrow(
      /Cannot approve an assignment that is completed/,
    );
    const [view] = await me.caller.delegation.agents.list({});
    expect(view).toMatchObject({ active_count: 0, completed_count: 1 });
  });

  it('triages several tasks at once, only the caller’s own', async () => {
    const me = await person();
    const other = await person();
    const a = await me.caller.tasks.create({ title: 'a' });
    const b = await me.caller.tasks.create({ title: 'b' });
    const theirs = await other.caller.tasks.create({ title: 'theirs' });
    const res = await me.caller.delegation.triage({
      task_ids: [a.id, b.id, theirs.id],
      delegation_mode: 'DELETE',
    });
    expect(res.updated).toBe(2);
    expect((await me.caller.tasks.get({ id: b.id })).delegationMode).toBe('DELETE');
    expect((await other.caller.tasks.get({ id: theirs.id })).delegationMode).toBeNull();
  });

  it('letting a task go (DELETE) cancels its agent work, and a queued one is never routed', async () => {
    const me = await person();
    const a = await agent(me.caller, 'let-go-agent', ['go-lang'], 5);
    const held = await me.caller.tasks.create({ title: 'Held', requiredCapabilities: ['go-lang'] });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: held.id,
      delegation_mode: 'DELEGATE',
    });
    await a.api.assignments.accept({ id: assignment.id });
    const waiting = await me.caller.tasks.create({
      title: 'Waiting',
      requiredCapabilities: ['cobol'],
    });
    const queued = await me.caller.delegation.delegate({
      task_id: waiting.id,
      delegation_mode: 'DELEGATE',
    });
    expect(queued.queued).toBe(true);

    await me.caller.delegation.triage({
      task_ids: [held.id, waiting.id],
      delegation_mode: 'DELETE',
    });
    // Before the triage event is dispatched, the agent already cannot go on with it.
    await expect(
      a.api.assignments.progress({ id: assignment.id, note: 'still at it' }),
    ).rejects.toThrow(LET_GO_NOTE);
    await h.runJobs();
    const [cancelled] = await me.caller.delegation.assignments.list({ task_id: held.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', review_note: LET_GO_NOTE });
    const [queuedAfter] = await me.caller.delegation.assignments.list({ task_id: waiting.id });
    expect(queuedAfter).toMatchObject({ status: 'cancelled', review_note: LET_GO_NOTE });
    // The agent hears of it as of any cancellation: its own list shows the cancelled status,
    // and the assignment.cancelled event was told.
    const theirs = await a.api.assignments.forAgent({ agent_id: 'let-go-agent' });
    expect(theirs.map((x) => [x.id, x.status])).toEqual([[assignment.id, 'cancelled']]);
    const told = await me.caller.activity.list({ type: 'assignment.cancelled' });
    expect(told.items.map((e) => e.data.assignmentId).sort()).toEqual(
      [assignment.id, queued.assignment.id].sort(),
    );
    // The agent can go no further with it, and its slot is free again.
    await expect(
      a.api.assignments.complete({ id: assignment.id, result: 'done anyway' }),
    ).rejects.toThrow(/cancelled/);
    expect((await me.caller.tasks.get({ id: held.id })).status).not.toBe('done');
    const [view] = await me.caller.delegation.agents.list({});
    expect(view).toMatchObject({ active_count: 0, completed_count: 0 });

    // An agent that could take the queued one arrives: it is not handed the let-go task.
    await agent(me.caller, 'cobol-agent', ['cobol']);
    await h.runJobs();
    const [stillGone] = await me.caller.delegation.assignments.list({ task_id: waiting.id });
    expect(stillGone).toMatchObject({ status: 'cancelled', agent_id: null });
  });

  it('setting DELETE through the tasks API cancels the assignment too (through its event)', async () => {
    const me = await person();
    const a = await agent(me.caller, 'patch-agent', ['perl']);
    const task = await me.caller.tasks.create({ title: 'Patch', requiredCapabilities: ['perl'] });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DELEGATE',
    });
    const res = await h.rest('PATCH', `/tasks/${task.id}`, {
      key: me.key,
      body: { delegationMode: 'DELETE' },
    });
    expect(res.status).toBe(200);
    await h.runJobs();
    const [after] = await me.caller.delegation.assignments.list({ task_id: task.id });
    expect(after).toMatchObject({ id: assignment.id, status: 'cancelled' });
    await expect(a.api.assignments.accept({ id: assignment.id })).rejects.toThrow(/cancelled/);
  });

  it('refuses to send a done or archived task to an agent, over tRPC and REST', async () => {
    const me = await person();
    await agent(me.caller, 'idle-agent', ['sql']);
    const done = await me.caller.tasks.create({ title: 'Finished', requiredCapabilities: ['sql'] });
    await me.caller.tasks.update({ id: done.id, status: 'done' });
    const archived = await me.caller.tasks.create({ title: 'Shelved' });
    await me.caller.tasks.update({ id: archived.id, status: 'archived' });
    await expect(
      me.caller.delegation.delegate({ task_id: done.id, delegation_mode: 'DELEGATE' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This task is done, so there is nothing to send to an agent; reopen it first',
    });
    const res = await h.rest('POST', '/delegation/delegate', {
      key: me.key,
      body: { task_id: archived.id, delegation_mode: 'DO_WITH_ME' },
    });
    expect(res.status).toBe(409);
    expect((await json<{ message: string }>(res)).message).toMatch(/archived.*reopen it first/);
    expect(await me.caller.delegation.assignments.list({ task_id: done.id })).toEqual([]);
    expect(await me.caller.delegation.assignments.list({ task_id: archived.id })).toEqual([]);
    // Reopened, it can go.
    await me.caller.tasks.update({ id: done.id, status: 'todo' });
    const sent = await me.caller.delegation.delegate({
      task_id: done.id,
      delegation_mode: 'DELEGATE',
    });
    expect(sent.assignment.agent_id).toBe('idle-agent');
  });

  it('suggests a mode with a reason per task', async () => {
    const me = await person();
    await agent(me.caller, 'py', ['python']);
    const t = await me.caller.tasks.create({ title: 'Script', requiredCapabilities: ['python'] });
    const u = await me.caller.tasks.create({ title: 'Call mum' });
    const s = await me.caller.delegation.suggest({ task_ids: [t.id, u.id] });
    const by = Object.fromEntries(s.map((x) => [x.task_id, x]));
    expect(by[t.id]).toMatchObject({ mode: 'DELEGATE', reason: 'py covers python' });
    expect(by[u.id]?.mode).toBe('DO');
  });
});

describe('concurrency', () => {
  it('of many simultaneous accepts of one assignment, exactly one wins', async () => {
    const me = await person();
    const a = await agent(me.caller, 'racer', ['python']);
    const task = await me.caller.tasks.create({ title: 'Race', requiredCapabilities: ['python'] });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DELEGATE',
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        h.rest('POST', `/delegation/assignments/${assignment.id}/accept`, { key: a.key }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const loser = results.find((r) => r.status === 409)!;
    expect((await json<{ message: string }>(loser)).message).toMatch(/accepted|changed meanwhile/);
  });

  it('two agents racing for one assignment: only its own agent can take it', async () => {
    const me = await person();
    const a = await agent(me.caller, 'owner-agent', ['python']);
    const b = await agent(me.caller, 'other-agent', ['python']);
    const task = await me.caller.tasks.create({
      title: 'Race 2',
      requiredCapabilities: ['python'],
    });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DELEGATE',
    });
    const [winner, loser] = assignment.agent_id === 'owner-agent' ? [a.key, b.key] : [b.key, a.key];
    const results = await Promise.all(
      [winner, loser, winner, loser].map((key) =>
        h.rest('POST', `/delegation/assignments/${assignment.id}/accept`, { key }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 404, 404, 409]);
  });

  it('delegating one task many times at once makes one live assignment', async () => {
    const me = await person();
    await agent(me.caller, 'dup', ['python'], 50);
    const task = await me.caller.tasks.create({ title: 'Once', requiredCapabilities: ['python'] });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.rest('POST', '/delegation/delegate', {
          key: me.key,
          body: { task_id: task.id, delegation_mode: 'DELEGATE' },
        }),
      ),
    );
    // The one that made the assignment answers 201, the others 200 with the same assignment.
    expect(results.map((r) => r.status).sort()).toEqual([
      ...Array(results.length - 1).fill(200),
      201,
    ]);
    const bodies = await Promise.all(results.map((r) => json<{ created: boolean }>(r)));
    expect(bodies.filter((b) => b.created)).toHaveLength(1);
    expect(await me.caller.delegation.assignments.list({ task_id: task.id })).toHaveLength(1);
    const [view] = await me.caller.delegation.agents.list({});
    expect(view?.active_count).toBe(1);
  });
});
