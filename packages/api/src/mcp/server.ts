import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  acceptSplitInput,
  agentNameSchema,
  assignmentStatusSchema,
  capabilitySchema,
  createMonitorInput,
  DomainError,
  splitPreviewInput,
} from '@proxy/core';
import { assignments } from '@proxy/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps, Caller } from '../context';
import { agentForKey, toAgentView } from '../delegation/agents';
import {
  acceptAssignment,
  completeAssignment,
  failAssignment,
  listAgentAssignments,
  registerAndRoute,
  reportProgress,
} from '../delegation/service';
import { createMonitor, evaluateMonitorNow, listMonitors } from '../monitors/service';
import { acceptSplit, previewSplit } from '../splitting/service';

type AgentCaller = Extract<Caller, { via: 'apiKey' }>;

const ok = (data: unknown): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(data, null, 2) }],
});

/** Domain errors come back as tool errors the model can read, not as protocol failures. */
async function run(fn: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return ok(await fn());
  } catch (error) {
    if (error instanceof DomainError || error instanceof z.ZodError) {
      return { isError: true, content: [{ type: 'text', text: error.message }] };
    }
    throw error;
  }
}

/**
 * Monitors belong to the person, not to the agent: an agent key reaches them only when its owner
 * also gave it `read` (to look) or `write` (to create and run).
 */
function assertScope(caller: AgentCaller, scope: 'read' | 'write', doing: string) {
  const ok = caller.scopes.includes(scope) || (scope === 'read' && caller.scopes.includes('write'));
  if (!ok) {
    throw new DomainError('FORBIDDEN', `This key needs the ${scope} scope to ${doing}.`);
  }
}

const LIVE_FOR_AGENT = ['assigned', 'accepted', 'in_progress'] as const;

/**
 * An agent may break down a task that is assigned to it; a key that also holds `write` may
 * break down any of its owner's tasks. Anything else reads as not found.
 */
async function assertMaySplit(deps: AppDeps, caller: AgentCaller, taskId: string) {
  if (caller.scopes.includes('write')) return;
  const agent = await agentForKey(deps, caller);
  const [live] = await deps.db
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(
        eq(assignments.taskId, taskId),
        eq(assignments.agentId, agent.id),
        eq(assignments.userId, caller.userId),
        inArray(assignments.status, [...LIVE_FOR_AGENT]),
      ),
    )
    .limit(1);
  if (!live) throw new DomainError('NOT_FOUND', 'Task not found among your assignments');
}

/**
 * The MCP server for one authenticated agent key: the agent workflow of the planning document
 * (register, list my assignments, accept, report progress, complete, fail) as tools, calling the
 * same services as REST and tRPC. Transport-independent; see ./handler.ts for HTTP.
 */
export function createMcpServer(deps: AppDeps, caller: AgentCaller): McpServer {
  const server = new McpServer({ name: 'proxy', version: '1.0.0' });

  server.registerTool(
    'register_agent',
    {
      title: 'Register as an agent',
      description:
        'Register (or update) this API key as an agent with its capabilities. Call first; idempotent.',
      inputSchema: {
        agent_id: agentNameSchema,
        agent_type: z.string().min(1).max(100),
        capabilities: z.array(capabilitySchema).max(50),
        max_concurrent: z.number().int().min(1).max(100).optional(),
      },
    },
    (args) =>
      run(async () => {
        const { agent, created } = await registerAndRoute(deps, caller, args);
        return { ...toAgentView(deps, agent), created };
      }),
  );

  server.registerTool(
    'list_my_assignments',
    {
      title: 'List my assignments',
      description: 'Assignments routed to this agent, newest first; filter by status.',
      inputSchema: { status: assignmentStatusSchema.optional() },
    },
    (args) =>
      run(async () => {
        const agent = await agentForKey(deps, caller);
        return listAgentAssignments(deps, caller, { agent_id: agent.agentId, status: args.status });
      }),
  );

  server.registerTool(
    'accept_assignment',
    {
      title: 'Accept an assignment',
      description: 'Take on an assigned task. Only one accept wins.',
      inputSchema: { assignment_id: z.uuid() },
    },
    (args) => run(() => acceptAssignment(deps, caller, args.assignment_id)),
  );

  server.registerTool(
    'report_progress',
    {
      title: 'Report progress',
      description: 'Add a progress note (and optionally a percentage); also counts as a heartbeat.',
      inputSchema: {
        assignment_id: z.uuid(),
        note: z.string().min(1).max(5000),
        percent: z.number().int().min(0).max(100).optional(),
      },
    },
    (args) =>
      run(() =>
        reportProgress(deps, caller, {
          id: args.assignment_id,
          note: args.note,
          percent: args.percent,
        }),
      ),
  );

  server.registerTool(
    'complete_assignment',
    {
      title: 'Complete an assignment',
      description: 'Finish with a result. DO_WITH_ME work goes to the person for review.',
      inputSchema: { assignment_id: z.uuid(), result: z.string().max(50_000).optional() },
    },
    (args) =>
      run(() => completeAssignment(deps, caller, { id: args.assignment_id, result: args.result })),
  );

  server.registerTool(
    'fail_assignment',
    {
      title: 'Fail an assignment',
      description: 'Give the task back with a reason.',
      inputSchema: { assignment_id: z.uuid(), reason: z.string().min(1).max(5000) },
    },
    (args) =>
      run(() => failAssignment(deps, caller, { id: args.assignment_id, reason: args.reason })),
  );

  server.registerTool(
    'preview_task_split',
    {
      title: 'Preview micro-steps for a task',
      description:
        'Break a task assigned to you into 2-15 minute steps (spiciness 1-5: higher gives more, smaller steps). Nothing is saved; edit the steps and call accept_task_split.',
      inputSchema: {
        task_id: z.uuid(),
        spiciness: splitPreviewInput.shape.spiciness.optional(),
        mode: splitPreviewInput.shape.mode.optional(),
      },
    },
    (args) =>
      run(async () => {
        await assertMaySplit(deps, caller, args.task_id);
        return previewSplit(deps, caller.userId, {
          id: args.task_id,
          spiciness: args.spiciness,
          mode: args.mode,
        });
      }),
  );

  server.registerTool(
    'accept_task_split',
    {
      title: 'Save micro-steps as child tasks',
      description:
        'Save the (edited) steps of a task assigned to you as its child tasks, in order, in one transaction.',
      inputSchema: {
        task_id: z.uuid(),
        steps: acceptSplitInput.shape.steps,
      },
    },
    (args) =>
      run(async () => {
        await assertMaySplit(deps, caller, args.task_id);
        return acceptSplit(deps, caller.userId, { id: args.task_id, steps: args.steps });
      }),
  );

  server.registerTool(
    'list_monitors',
    {
      title: "List the owner's monitors",
      description:
        'The monitors of the person this key belongs to: condition in words, status, last value, last and next check. Needs a key that also has the read scope.',
      inputSchema: {},
    },
    () =>
      run(async () => {
        assertScope(caller, 'read', 'list monitors');
        return listMonitors(deps, caller.userId);
      }),
  );

  server.registerTool(
    'create_monitor',
    {
      title: 'Create a monitor',
      description:
        'Watch a URL for the person: a prompt in plain words ("tell me when the price drops below 50000"), the check interval in minutes (5, 15, 60 or 360) and, optionally, a plan with the source (JSON + jsonPath, html + CSS selector, or feed) and condition; without a plan, a URL and JSONPath written in the prompt are used. The person is notified when it triggers. Needs a key that also has the write scope.',
      inputSchema: createMonitorInput.shape,
    },
    (args) =>
      run(async () => {
        assertScope(caller, 'write', 'create monitors');
        return createMonitor(deps, caller.userId, args);
      }),
  );

  server.registerTool(
    'evaluate_monitor',
    {
      title: 'Check a monitor now',
      description:
        "Run one of the owner's monitors now and return the stored check: outcome, value, whether it triggered and why. Needs a key that also has the write scope.",
      inputSchema: { monitor_id: z.uuid() },
    },
    (args) =>
      run(async () => {
        assertScope(caller, 'write', 'run monitors');
        return evaluateMonitorNow(deps, caller.userId, args.monitor_id);
      }),
  );

  return server;
}
