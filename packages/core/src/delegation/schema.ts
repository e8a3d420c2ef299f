import { z } from 'zod';
import { delegationModeSchema, taskIdSchema } from '../tasks/schema';
import { ASSIGNMENT_STATUSES } from './assignment-state';

/**
 * The delegation surface speaks snake_case (`agent_id`, `task_id`, `prefer_agent_type`), as the
 * planning documents' curl examples do, so agents written against them work unchanged.
 */

export const assignmentStatusSchema = z.enum(ASSIGNMENT_STATUSES);

/** What an agent can be handed: DO and DELETE stay with the person. */
export const ASSIGNMENT_MODES = ['DELEGATE', 'DO_WITH_ME'] as const;
export const AGENT_STATUSES = ['online', 'offline'] as const;

const nameLike = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} cannot be empty`)
    .max(100, `${what} can be at most 100 characters`)
    .regex(/^[A-Za-z0-9._:-]+$/, `${what} may hold letters, digits and . _ : - only`);

export const agentNameSchema = nameLike('agent_id');
export const capabilitySchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'A capability cannot be empty')
  .max(60, 'A capability can be at most 60 characters');

export const registerAgentInput = z.object({
  agent_id: agentNameSchema,
  agent_type: nameLike('agent_type'),
  capabilities: z
    .array(capabilitySchema)
    .max(50, 'At most 50 capabilities')
    .transform((c) => [...new Set(c)]),
  max_concurrent: z.int().min(1).max(100).default(3),
});
export type RegisterAgentInput = z.input<typeof registerAgentInput>;

export const agentByNameInput = z.object({ agent_id: agentNameSchema });

export const listAgentsInput = z.object({
  capability: capabilitySchema.optional(),
  /** "true" or "false" (a query-string value). */
  online: z.stringbool().optional(),
});

export const agentSchema = z.object({
  id: z.uuid(),
  agent_id: z.string(),
  agent_type: z.string(),
  capabilities: z.array(z.string()),
  max_concurrent: z.number().int(),
  active_count: z.number().int(),
  online: z.boolean(),
  last_heartbeat_at: z.date().nullable(),
  completed_count: z.number().int(),
  failed_count: z.number().int(),
  created_at: z.date(),
});
export type AgentView = z.infer<typeof agentSchema>;

export const delegateInput = z.object({
  task_id: taskIdSchema,
  delegation_mode: z.enum(ASSIGNMENT_MODES, {
    error: 'delegation_mode must be DELEGATE or DO_WITH_ME (DO and DELETE stay with you)',
  }),
  prefer_agent_type: z.string().trim().min(1).max(100).nullable().optional(),
});
export type DelegateInput = z.input<typeof delegateInput>;

export const progressNoteSchema = z.object({
  at: z.string(),
  note: z.string(),
  percent: z.number().int().nullable(),
});
export type ProgressNote = z.infer<typeof progressNoteSchema>;

export const assignmentSchema = z.object({
  id: z.uuid(),
  task_id: z.uuid(),
  task_title: z.string(),
  agent_id: z.string().nullable(),
  delegation_mode: z.enum(ASSIGNMENT_MODES),
  prefer_agent_type: z.string().nullable(),
  status: assignmentStatusSchema,
  routing_reason: z.string(),
  progress_notes: z.array(progressNoteSchema),
  result: z.string().nullable(),
  failure_reason: z.string().nullable(),
  review_note: z.string().nullable(),
  attempt: z.number().int(),
  assigned_at: z.date().nullable(),
  accepted_at: z.date().nullable(),
  completed_at: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type AssignmentView = z.infer<typeof assignmentSchema>;

export const delegateOutput = z.object({
  /** False when the task already had a live assignment (delegating twice is safe). */
  created: z.boolean(),
  queued: z.boolean(),
  reason: z.string(),
  assignment: assignmentSchema,
});

export const assignmentIdInput = z.object({ id: z.uuid({ error: 'Must be an assignment id' }) });

export const listAgentAssignmentsInput = z.object({
  agent_id: agentNameSchema,
  status: assignmentStatusSchema.optional(),
});

export const listAssignmentsInput = z.object({
  status: assignmentStatusSchema.optional(),
  task_id: taskIdSchema.optional(),
});

export const progressInput = z.object({
  id: z.uuid(),
  note: z.string().trim().min(1, 'Say what happened').max(5000),
  percent: z.int().min(0).max(100).optional(),
});

export const completeInput = z.object({
  id: z.uuid(),
  result: z.string().max(50_000, 'A result can be at most 50,000 characters').optional(),
});

export const failInput = z.object({
  id: z.uuid(),
  reason: z.string().trim().min(1, 'Say why it failed').max(5000),
});

export const reviewInput = z.object({
  id: z.uuid(),
  note: z.string().trim().max(5000).optional(),
});

export const suggestionSchema = z.object({
  task_id: z.uuid(),
  mode: delegationModeSchema,
  reason: z.string(),
});

export const suggestInput = z.object({
  task_ids: z.array(taskIdSchema).min(1).max(200),
});

export const dependencyInput = z.object({
  id: taskIdSchema,
  dependsOnId: taskIdSchema,
});

export const dependencySchema = z.object({ taskId: z.uuid(), dependsOnId: z.uuid() });

export const taskRefSchema = z.object({ id: z.uuid(), title: z.string(), status: z.string() });

export const dependenciesSchema = z.object({
  dependsOn: z.array(taskRefSchema),
  blocks: z.array(taskRefSchema),
});

/** Bulk triage: give several tasks their 4D mode at once (Scout's multi-select). */
export const triageInput = z.object({
  task_ids: z.array(taskIdSchema).min(1, 'Pick at least one task').max(200),
  delegation_mode: delegationModeSchema,
});
export const triageOutput = z.object({ updated: z.number().int() });
