import {
  agentByNameInput,
  agentSchema,
  assignmentIdInput,
  assignmentSchema,
  completeInput,
  delegateInput,
  delegateOutput,
  failInput,
  listAgentAssignmentsInput,
  listAgentsInput,
  listAssignmentsInput,
  progressInput,
  registerAgentInput,
  reviewInput,
  suggestInput,
  suggestionSchema,
  triageInput,
  triageOutput,
} from '@proxy/core';
import { z } from 'zod';
import type { Caller } from '../context';
import { agentProcedure, callerProcedure, createRouter, protectedProcedure } from '../trpc';
import { agentForKey, goOffline, heartbeat, listAgents, toAgentView } from './agents';
import {
  acceptAssignment,
  afterCapacityChange,
  approveAssignment,
  cancelAssignment,
  completeAssignment,
  delegateTask,
  failAssignment,
  listAgentAssignments,
  listAssignments,
  registerAndRoute,
  reportProgress,
  sendBackAssignment,
  suggestModes,
  triageTasks,
} from './service';

const tags = ['delegation'];
const base = '/delegation';

/** agentProcedure guarantees an API key; this narrows the type for the services. */
const agentCaller = (caller: Caller) => {
  if (caller.via !== 'apiKey') throw new Error('agent procedures run on API keys');
  return caller;
};

export const agentsRouter = createRouter({
  register: agentProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/agents/register`,
        tags,
        summary: 'Register the calling key as an agent',
        description:
          'Idempotent: registering again with the same key and agent_id updates its capabilities and brings it online.',
      },
      created: { location: '/delegation/agents/me' },
    })
    .input(registerAgentInput)
    .output(agentSchema.extend({ created: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const { agent, created } = await registerAndRoute(ctx, agentCaller(ctx.caller), input);
      return { ...toAgentView(ctx, agent), created };
    }),

  me: agentProcedure
    .meta({
      openapi: { method: 'GET', path: `${base}/agents/me`, tags, summary: 'The calling agent' },
    })
    .input(z.object({}))
    .output(agentSchema)
    .query(async ({ ctx }) => toAgentView(ctx, await agentForKey(ctx, agentCaller(ctx.caller)))),

  heartbeat: agentProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/agents/{agent_id}/heartbeat`,
        tags,
        summary: 'Say the agent is alive',
      },
    })
    .input(agentByNameInput)
    .output(agentSchema)
    .mutation(async ({ ctx, input }) => {
      const row = await heartbeat(ctx, agentCaller(ctx.caller), input.agent_id);
      await afterCapacityChange(ctx, ctx.userId);
      return toAgentView(ctx, row);
    }),

  offline: agentProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/agents/{agent_id}/offline`,
        tags,
        summary: 'Take the agent offline',
      },
    })
    .input(agentByNameInput)
    .output(agentSchema)
    .mutation(async ({ ctx, input }) =>
      toAgentView(ctx, await goOffline(ctx, agentCaller(ctx.caller), input.agent_id)),
    ),

  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: `${base}/agents`,
        tags,
        summary: 'List your agents, optionally by capability or online state',
      },
    })
    .input(listAgentsInput)
    .output(z.array(agentSchema))
    .query(({ ctx, input }) => listAgents(ctx, ctx.userId, input)),
});

export const assignmentsRouter = createRouter({
  forAgent: callerProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: `${base}/assignments/agent/{agent_id}`,
        tags,
        summary: "An agent's assignments",
        description:
          'An agent key sees only its own agent; a person (or a read key) sees any of their agents.',
      },
    })
    .input(listAgentAssignmentsInput)
    .output(z.array(assignmentSchema))
    .query(({ ctx, input }) => listAgentAssignments(ctx, ctx.caller, input)),

  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: `${base}/assignments`,
        tags,
        summary: 'Your assignments (status=needs_review is the review queue)',
      },
    })
    .input(listAssignmentsInput)
    .output(z.array(assignmentSchema))
    .query(({ ctx, input }) => listAssignments(ctx, ctx.userId, input)),

  accept: agentProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/assignments/{id}/accept`,
        tags,
        summary: 'Accept an assignment',
      },
    })
    .input(assignmentIdInput)
    .output(assignmentSchema)
    .mutation(({ ctx, input }) => acceptAssignment(ctx, agentCaller(ctx.caller), input.id)),

  progress: agentProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/assignments/{id}/progress`,
        tags,
        summary: 'Report progress',
      },
    })
    .input(progressInput)
    .output(assignmentSchema)
    .mutation(({ ctx, input }) => reportProgress(ctx, agentCaller(ctx.caller), input)),

  complete: agentProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/assignments/{id}/complete`,
        tags,
        summary: 'Complete with a result (DO_WITH_ME work goes to review)',
      },
    })
    .input(completeInput)
    .output(assignmentSchema)
    .mutation(({ ctx, input }) => completeAssignment(ctx, agentCaller(ctx.caller), input)),

  fail: agentProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/assignments/{id}/fail`,
        tags,
        summary: 'Give up with a reason',
      },
    })
    .input(failInput)
    .output(assignmentSchema)
    .mutation(({ ctx, input }) => failAssignment(ctx, agentCaller(ctx.caller), input)),

  approve: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/assignments/{id}/approve`,
        tags,
        summary: 'Approve a result waiting for review',
      },
    })
    .input(reviewInput)
    .output(assignmentSchema)
    .mutation(({ ctx, input }) => approveAssignment(ctx, ctx.caller, input)),

  sendBack: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/assignments/{id}/send-back`,
        tags,
        summary: 'Send a result back to the agent with a note',
      },
    })
    .input(reviewInput)
    .output(assignmentSchema)
    .mutation(({ ctx, input }) => sendBackAssignment(ctx, ctx.caller, input)),

  cancel: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/assignments/{id}/cancel`,
        tags,
        summary: 'Cancel an assignment',
      },
    })
    .input(assignmentIdInput)
    .output(assignmentSchema)
    .mutation(({ ctx, input }) => cancelAssignment(ctx, ctx.caller, input.id)),
});

export const delegationRouter = createRouter({
  agents: agentsRouter,
  assignments: assignmentsRouter,

  delegate: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/delegate`,
        tags,
        summary: 'Delegate a task: route it to the best agent now, or queue it',
        description: 'Idempotent per task: while it has a live assignment, that one is returned.',
      },
      created: { location: '/tasks/{assignment.task_id}' },
    })
    .input(delegateInput)
    .output(delegateOutput)
    .mutation(({ ctx, input }) => delegateTask(ctx, ctx.userId, input)),

  triage: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/triage`,
        tags,
        summary: 'Give several tasks their 4D mode at once',
      },
    })
    .input(triageInput)
    .output(triageOutput)
    .mutation(({ ctx, input }) => triageTasks(ctx, ctx.userId, input)),

  suggest: protectedProcedure
    .input(suggestInput)
    .output(z.array(suggestionSchema))
    .query(({ ctx, input }) => suggestModes(ctx, ctx.userId, input.task_ids)),
});
