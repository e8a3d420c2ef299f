import { z } from 'zod';

export const TASK_STATUSES = ['inbox', 'todo', 'in_progress', 'done', 'archived'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const ENERGY_LEVELS = ['low', 'medium', 'high'] as const;
export const DELEGATION_MODES = ['DO', 'DO_WITH_ME', 'DELEGATE', 'DELETE'] as const;

export const taskStatusSchema = z.enum(TASK_STATUSES);
export const taskPrioritySchema = z.enum(TASK_PRIORITIES);
export const energySchema = z.enum(ENERGY_LEVELS);
export const delegationModeSchema = z.enum(DELEGATION_MODES);

export type TaskStatus = z.infer<typeof taskStatusSchema>;
export type TaskPriority = z.infer<typeof taskPrioritySchema>;
export type Energy = z.infer<typeof energySchema>;
export type DelegationMode = z.infer<typeof delegationModeSchema>;

export const TITLE_MAX = 500;
export const NOTES_MAX = 20_000;
export const TAG_MAX = 40;
export const TAGS_MAX = 20;

export const taskIdSchema = z.uuid({ error: 'Must be a task id (a UUID)' });

export const titleSchema = z
  .string({ error: 'Title is required' })
  .trim()
  .min(1, 'Title cannot be empty')
  .max(TITLE_MAX, `Title can be at most ${TITLE_MAX} characters`);

/** Minutes a task is expected to take: at least one, at most a week. */
export const estimateMinutesSchema = z
  .int()
  .min(1)
  .max(10_080, 'An estimate can be at most a week');

/** Tags are lower-cased, trimmed and de-duplicated so "Work" and "work " are one tag. */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'A tag cannot be empty')
  .max(TAG_MAX, `A tag can be at most ${TAG_MAX} characters`)
  .regex(/^[\p{L}\p{N}_\-:.]+$/u, 'A tag may hold letters, digits, and _ - : . only');

const tagsSchema = z
  .array(tagSchema)
  .max(TAGS_MAX, `At most ${TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)]);

const capabilitySchema = z.string().trim().toLowerCase().min(1).max(60);

/** ISO 8601 date-time (with offset) in and out, so REST clients and forms agree. */
export const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: 'Must be an ISO 8601 date-time, e.g. 2026-11-21T17:00:00Z',
});

export const createTaskInput = z.object({
  title: titleSchema,
  notes: z.string().max(NOTES_MAX, `Notes can be at most ${NOTES_MAX} characters`).optional(),
  status: taskStatusSchema.optional(),
  priority: taskPrioritySchema.optional(),
  dueAt: isoDateTimeSchema.nullable().optional(),
  estimateMinutes: estimateMinutesSchema.nullable().optional(),
  energy: energySchema.nullable().optional(),
  tags: tagsSchema.optional(),
  parentId: taskIdSchema.nullable().optional(),
  isMetaTask: z.boolean().optional(),
  delegationMode: delegationModeSchema.nullable().optional(),
  requiredCapabilities: z.array(capabilitySchema).max(30).optional(),
  complexity: z.int().min(1).max(5).nullable().optional(),
});
export type CreateTaskInput = z.infer<typeof createTaskInput>;

/** A flat patch plus the id, so REST's `PATCH /tasks/{id}` body is just the fields to change. */
export const updateTaskInput = createTaskInput.partial().extend({ id: taskIdSchema });
export type UpdateTaskInput = z.input<typeof updateTaskInput>;

export const taskByIdInput = z.object({ id: taskIdSchema });

export const LIST_LIMIT_MAX = 200;

export const listTasksInput = z.object({
  status: taskStatusSchema.optional(),
  tag: tagSchema.optional(),
  dueBefore: isoDateTimeSchema.optional(),
  dueAfter: isoDateTimeSchema.optional(),
  q: z.string().trim().max(200, 'Search text can be at most 200 characters').optional(),
  parentId: taskIdSchema.optional(),
  /** Only top-level tasks (not steps): what the lists show. REST: `?topLevel=true`. */
  topLevel: z.boolean().optional(),
  /** "true" or "false" (a query-string value, so REST and tRPC take the same input). */
  isMetaTask: z.stringbool().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(LIST_LIMIT_MAX).default(50),
});
export type ListTasksInput = z.input<typeof listTasksInput>;
export type ListTasksQuery = z.output<typeof listTasksInput>;

export const taskSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  notes: z.string(),
  status: taskStatusSchema,
  priority: taskPrioritySchema,
  dueAt: z.date().nullable(),
  estimateMinutes: z.number().int().nullable(),
  energy: energySchema.nullable(),
  tags: z.array(z.string()),
  parentId: z.uuid().nullable(),
  /** A step's place among its parent's steps, 0 first (0 for a top-level task). */
  position: z.number().int(),
  isMetaTask: z.boolean(),
  delegationMode: delegationModeSchema.nullable(),
  requiredCapabilities: z.array(z.string()),
  complexity: z.number().int().nullable(),
  completedAt: z.date().nullable(),
  /** The local day it was picked for Today (YYYY-MM-DD), if any. */
  plannedOn: z.string().nullable(),
  /** Snoozed ("not today") until this instant, if any. */
  snoozedUntil: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Task = z.infer<typeof taskSchema>;

/** A list row: the task and how far its steps have come (0/0 when it has none). */
export const taskListItemSchema = taskSchema.extend({
  steps: z.object({ done: z.number().int(), total: z.number().int() }),
});
export type TaskListItem = z.infer<typeof taskListItemSchema>;

export const taskPageSchema = z.object({
  items: z.array(taskListItemSchema),
  nextCursor: z.string().nullable(),
});
