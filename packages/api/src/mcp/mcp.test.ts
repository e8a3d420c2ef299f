import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AssignmentView } from '@proxy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventDispatch } from '../jobs/definitions';
import { createHarness, type Harness, serveOnLoopback } from '../testing';
import { handleMcpRequest } from './handler';

let h: Harness;
let server: Awaited<ReturnType<typeof serveOnLoopback>>;

beforeAll(async () => {
  h = await createHarness({
    monitors: { fetch: { timeoutMs: 5_000, maxBytes: 100_000, allowHosts: ['127.0.0.1'] } },
  });
  server = await serveOnLoopback({
    '/api/mcp': (req) => handleMcpRequest(req, h.deps),
    '/price.json': async () => Response.json({ price: 42_000 }),
  });
});
afterAll(async () => {
  await server.close();
  await h.close();
});

async function connect(key: string) {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  await client.connect(transport);
  return client;
}

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[] };
const text = (r: ToolResult) => r.content.map((c) => c.text ?? '').join('');
const data = <T>(r: ToolResult) => JSON.parse(text(r)) as T;

describe('MCP server over streamable HTTP', () => {
  it('lets an agent register, list, accept, report progress and complete', async () => {
    const { caller } = await h.newUser();
    const key = (await caller.apiKeys.create({ name: 'mcp agent', scopes: ['agent'] })).secret;
    const client = await connect(key);
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name).sort()).toEqual([
      'accept_assignment',
      'accept_task_split',
      'complete_assignment',
      'create_monitor',
      'evaluate_monitor',
      'fail_assignment',
      'list_monitors',
      'list_my_assignments',
      'preview_task_split',
      'register_agent',
      'report_progress',
    ]);

    const call = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as ToolResult;

    const reg = await call('register_agent', {
      agent_id: 'claude-code-1',
      agent_type: 'coding',
      capabilities: ['typescript'],
    });
    expect(reg.isError).toBeFalsy();
    expect(data<{ agent_id: string; online: boolean }>(reg)).toMatchObject({
      agent_id: 'claude-code-1',
      online: true,
    });

    const t1 = await caller.tasks.create({
      title: 'Write docs',
      requiredCapabilities: ['typescript'],
    });
    const t2 = await caller.tasks.create({ title: 'Try it', requiredCapabilities: ['typescript'] });
    await caller.delegation.delegate({ task_id: t1.id, delegation_mode: 'DELEGATE' });
    await caller.delegation.delegate({ task_id: t2.id, delegation_mode: 'DELEGATE' });

    const mine = data<AssignmentView[]>(await call('list_my_assignments', { status: 'assigned' }));
    expect(mine.map((a) => a.task_title).sort()).toEqual(['Try it', 'Write docs']);
    const [a1, a2] = [
      mine.find((a) => a.task_id === t1.id)!,
      mine.find((a) => a.task_id === t2.id)!,
    ];

    expect(
      data<AssignmentView>(await call('accept_assignment', { assignment_id: a1.id })).status,
    ).toBe('accepted');
    const again = await call('accept_assignment', { assignment_id: a1.id });
    expect(again.isError).toBe(true);
    expect(text(again)).toContain('Cannot accept an assignment that is accepted');

    const progress = await call('report_progress', {
      assignment_id: a1.id,
      note: 'Outline done',
      percent: 40,
    });
    expect(data<AssignmentView>(progress).status).toBe('in_progress');
    const done = await call('complete_assignment', {
      assignment_id: a1.id,
      result: 'docs/agents.md',
    });
    expect(data<AssignmentView>(done)).toMatchObject({
      status: 'completed',
      result: 'docs/agents.md',
    });

    await call('accept_assignment', { assignment_id: a2.id });
    const failed = await call('fail_assignment', { assignment_id: a2.id, reason: 'No sandbox' });
    expect(data<AssignmentView>(failed)).toMatchObject({
      status: 'failed',
      failure_reason: 'No sandbox',
    });

    // The person sees the agent's completion arrive.
    expect((await caller.tasks.get({ id: t1.id })).status).toBe('done');
    await client.close();
  });

  it('refuses callers without an agent key', async () => {
    const { caller } = await h.newUser();
    const readKey = (await caller.apiKeys.create({ name: 'r', scopes: ['read'] })).secret;
    await expect(connect(readKey)).rejects.toThrow();
    const res = await fetch(`${server.url}/api/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
  });

  it('answers bad initialize params with -32602 (invalid params), naming the field', async () => {
    const { caller } = await h.newUser();
    const key = (await caller.apiKeys.create({ name: 'a', scopes: ['agent'] })).secret;
    const post = (body: unknown) =>
      fetch(`${server.url}/api/mcp`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify(body),
      });
    for (const params of [{}, { protocolVersion: 12, capabilities: {}, clientInfo: {} }, null]) {
      const res = await post({ jsonrpc: '2.0', id: 7, method: 'initialize', params });
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { id: number; error: { code: number; message: string } };
      expect(answer.id).toBe(7);
      expect(answer.error.code).toBe(-32602);
      expect(answer.error.message).toMatch(/^Invalid params for initialize: /);
    }
    // Good params still initialize.
    const ok = await post({
      jsonrpc: '2.0',
      id: 8,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'probe', version: '1' },
      },
    });
    expect(ok.status).toBe(200);
    expect(
      ((await ok.json()) as { result: { serverInfo: unknown } }).result.serverInfo,
    ).toBeTruthy();
  });

  it('keeps agents apart: one agent cannot touch another agent’s assignment', async () => {
    const { caller } = await h.newUser();
    const keyA = (await caller.apiKeys.create({ name: 'a', scopes: ['agent'] })).secret;
    const keyB = (await caller.apiKeys.create({ name: 'b', scopes: ['agent'] })).secret;
    const a = await connect(keyA);
    const b = await connect(keyB);
    await a.callTool({
      name: 'register_agent',
      arguments: { agent_id: 'a', agent_type: 'x', capabilities: ['go'] },
    });
    await b.callTool({
      name: 'register_agent',
      arguments: { agent_id: 'b', agent_type: 'x', capabilities: ['rust'] },
    });
    const t = await caller.tasks.create({ title: 'Go thing', requiredCapabilities: ['go'] });
    const { assignment } = await caller.delegation.delegate({
      task_id: t.id,
      delegation_mode: 'DELEGATE',
    });
    const stolen = (await b.callTool({
      name: 'accept_assignment',
      arguments: { assignment_id: assignment.id },
    })) as ToolResult;
    expect(stolen.isError).toBe(true);
    expect(text(stolen)).toBe('Assignment not found');
    const listed = (await b.callTool({ name: 'list_my_assignments', arguments: {} })) as ToolResult;
    expect(data<unknown[]>(listed)).toEqual([]);
    await a.close();
    await b.close();
  });

  it('lets an agent break down its own assigned task, and only that', async () => {
    const { caller } = await h.newUser();
    const key = (await caller.apiKeys.create({ name: 'splitter', scopes: ['agent'] })).secret;
    const client = await connect(key);
    const call = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as ToolResult;
    await call('register_agent', {
      agent_id: 'splitter-1',
      agent_type: 'coding',
      capabilities: ['docs'],
    });

    const mine = await caller.tasks.create({
      title: 'Write the onboarding guide for new contributors',
      requiredCapabilities: ['docs'],
    });
    const notMine = await caller.tasks.create({ title: 'Clean the garage' });
    await caller.delegation.delegate({ task_id: mine.id, delegation_mode: 'DELEGATE' });

    const preview = await call('preview_task_split', {
      task_id: mine.id,
      spiciness: 3,
      mode: 'offline',
    });
    expect(preview.isError).toBeFalsy();
    const { steps } = data<{ steps: { title: string; estimateMinutes: number }[] }>(preview);
    expect(steps.length).toBeGreaterThan(1);
    for (const step of steps) {
      expect(step.estimateMinutes).toBeGreaterThanOrEqual(2);
      expect(step.estimateMinutes).toBeLessThanOrEqual(15);
    }

    const accepted = await call('accept_task_split', {
      task_id: mine.id,
      steps: steps
        .slice(0, 2)
        .map((st) => ({ title: st.title, estimateMinutes: st.estimateMinutes })),
    });
    expect(accepted.isError).toBeFalsy();
    const children = await caller.tasks.list({ parentId: mine.id });
    expect(children.items.map((t) => t.title).sort()).toEqual(
      steps
        .slice(0, 2)
        .map((st) => st.title)
        .sort(),
    );

    const refused = await call('preview_task_split', { task_id: notMine.id, mode: 'offline' });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('not found');
    const refusedAccept = await call('accept_task_split', {
      task_id: notMine.id,
      steps: [{ title: 'sneaky' }],
    });
    expect(refusedAccept.isError).toBe(true);
    expect((await caller.tasks.list({ parentId: notMine.id })).items).toEqual([]);
    await client.close();
  });

  it("reaches the owner's monitors only with the read or write scope as well", async () => {
    const { caller } = await h.newUser();
    const bare = await connect(
      (await caller.apiKeys.create({ name: 'bare agent', scopes: ['agent'] })).secret,
    );
    const refused = (await bare.callTool({ name: 'list_monitors', arguments: {} })) as ToolResult;
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe('This key needs the read scope to list monitors.');
    await bare.close();

    const client = await connect(
      (await caller.apiKeys.create({ name: 'watcher', scopes: ['agent', 'write'] })).secret,
    );
    const call = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as ToolResult;
    const created = await call('create_monitor', {
      prompt: `tell me when the price drops below 50000 ${server.url}/price.json $.price`,
      intervalMinutes: 60,
    });
    expect(created.isError).toBeFalsy();
    const monitor = data<{ id: string; conditionText: string; planOrigin: string }>(created);
    expect(monitor).toMatchObject({ conditionText: 'value is below 50,000', planOrigin: 'parser' });

    const checked = await call('evaluate_monitor', { monitor_id: monitor.id });
    expect(checked.isError).toBeFalsy();
    expect(
      data<{ outcome: string; triggered: boolean; valueNumber: number }>(checked),
    ).toMatchObject({ outcome: 'true', triggered: true, valueNumber: 42_000 });
    // The trigger is told through its event, which the worker dispatches.
    await h.runJobs({ only: [eventDispatch] });
    expect((await caller.notifications.unreadCount()).count).toBe(1);

    const listed = data<{ items: { id: string }[] }>(await call('list_monitors', {}));
    expect(listed.items.map((m) => m.id)).toEqual([monitor.id]);

    const bad = await call('create_monitor', { prompt: 'x', intervalMinutes: 7 });
    expect(bad.isError).toBe(true);
    await client.close();
  });
});
