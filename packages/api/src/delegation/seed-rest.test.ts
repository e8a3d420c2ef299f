import type { AssignmentView } from '@proxy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../http/openapi';
import { createHarness, type Harness } from '../testing';

/**
 * The planning document's curl calls, with their JSON bodies byte for byte (only the
 * placeholder "be-01-task-id" becomes a real task id) plus an `Authorization: Bearer` key,
 * against the REST handler the web app mounts at /api/v1.
 */
const REGISTER_BODY = `{
    "agent_id": "backend-agent-1",
    "agent_type": "backend-tdd",
    "capabilities": ["python", "pytest", "fastapi"]
  }`;
const DELEGATE_BODY = `{
    "task_id": "be-01-task-id",
    "delegation_mode": "DELEGATE",
    "prefer_agent_type": "backend-tdd"
  }`;

type Delegated = { created: boolean; queued: boolean; assignment: AssignmentView };
const json = async <T>(res: Response) => (await res.json()) as T;

let h: Harness;
let personKey: string;
let agentKey: string;
let taskId: string;

beforeAll(async () => {
  h = await createHarness();
  const { caller } = await h.newUser();
  personKey = (await caller.apiKeys.create({ name: 'me', scopes: ['read', 'write'] })).secret;
  agentKey = (await caller.apiKeys.create({ name: 'backend-agent-1', scopes: ['agent'] })).secret;
  taskId = (
    await caller.tasks.create({
      title: 'BE-01: Task Templates Service',
      isMetaTask: true,
      requiredCapabilities: ['python', 'pytest'],
    })
  ).id;
});
afterAll(() => h.close());

describe("the seed's curl examples", () => {
  it('registers, delegates, lists, accepts and completes, as the agent workflow says', async () => {
    const reg = await h.rest('POST', '/delegation/agents/register', {
      key: agentKey,
      body: REGISTER_BODY,
    });
    expect(reg.status).toBe(201);
    const agent = await reg.json();
    expect(agent).toMatchObject({
      agent_id: 'backend-agent-1',
      agent_type: 'backend-tdd',
      capabilities: ['python', 'pytest', 'fastapi'],
      online: true,
      created: true,
    });

    const del = await h.rest('POST', '/delegation/delegate', {
      key: personKey,
      body: DELEGATE_BODY.replace('be-01-task-id', taskId),
    });
    expect(del.status).toBe(201);
    const delegated = await json<Delegated>(del);
    expect(delegated).toMatchObject({ created: true, queued: false });
    expect(delegated.assignment).toMatchObject({
      task_id: taskId,
      agent_id: 'backend-agent-1',
      status: 'assigned',
      delegation_mode: 'DELEGATE',
    });

    // Again: the same live assignment, not a second one.
    const again = await h.rest('POST', '/delegation/delegate', {
      key: personKey,
      body: DELEGATE_BODY.replace('be-01-task-id', taskId),
    });
    expect((await json<Delegated>(again)).assignment.id).toBe(delegated.assignment.id);

    // Step 4 / "I'm an AI agent" 1: query for assignments.
    const mine = await h.rest('GET', '/delegation/assignments/agent/backend-agent-1', {
      key: agentKey,
    });
    expect(mine.status).toBe(200);
    const list = await json<AssignmentView[]>(mine);
    expect(list).toHaveLength(1);
    const id = list[0]!.id;

    const accepted = await h.rest('POST', `/delegation/assignments/${id}/accept`, {
      key: agentKey,
    });
    const acceptedBody = await json<AssignmentView>(accepted);
    expect(acceptedBody.status, JSON.stringify(acceptedBody)).toBe('accepted');
    const progress = await h.rest('POST', `/delegation/assignments/${id}/progress`, {
      key: agentKey,
      body: { note: 'tests written', percent: 50 },
    });
    expect((await json<AssignmentView>(progress)).progress_notes).toMatchObject([
      { note: 'tests written', percent: 50 },
    ]);

    // "I'm an AI agent" 4: report completion.
    const done = await h.rest('POST', `/delegation/assignments/${id}/complete`, {
      key: agentKey,
      body: { result: 'PR #12 merged' },
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'completed', result: 'PR #12 merged' });

    const task = await h.rest('GET', `/tasks/${taskId}`, { key: personKey });
    expect(await task.json()).toMatchObject({ status: 'done', delegationMode: 'DELEGATE' });

    const agents = await (
      await h.rest('GET', '/delegation/agents?capability=pytest', { key: personKey })
    ).json();
    expect(agents).toMatchObject([
      { agent_id: 'backend-agent-1', active_count: 0, completed_count: 1 },
    ]);

    // A person (read key) may look at their agent's assignments too.
    const asPerson = await h.rest('GET', '/delegation/assignments/agent/backend-agent-1', {
      key: personKey,
    });
    expect(await asPerson.json()).toMatchObject([{ id, status: 'completed' }]);
  });

  it('answers bad bodies with a 400 that says what to fix', async () => {
    const res = await h.rest('POST', '/delegation/delegate', {
      key: personKey,
      body: DELEGATE_BODY,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('task id');
    const mode = await h.rest('POST', '/delegation/delegate', {
      key: personKey,
      body: { task_id: taskId, delegation_mode: 'DO' },
    });
    expect(mode.status).toBe(400);
  });

  it('lists every delegation path in the OpenAPI document', async () => {
    const paths = Object.keys(openApiDocument().paths ?? {});
    for (const p of [
      '/delegation/agents/register',
      '/delegation/delegate',
      '/delegation/assignments/agent/{agent_id}',
      '/delegation/assignments/{id}/complete',
    ]) {
      expect(paths.some((x) => x.endsWith(p))).toBe(true);
    }
  });
});
