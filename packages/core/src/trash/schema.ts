import { z } from 'zod';
import { taskSchema } from '../tasks/schema';
import { templateSchema } from '../templates/schema';

/** Deleting puts a task or template in the trash; it is purged for good this many days later. */
export const TRASH_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

/** When something trashed at `deletedAt` is purged. */
export function trashPurgeAt(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + TRASH_RETENTION_DAYS * DAY_MS);
}

/** Everything trashed before this instant is due to be purged at `now`. */
export function trashPurgeCutoff(now: Date): Date {
  return new Date(now.getTime() - TRASH_RETENTION_DAYS * DAY_MS);
}

/** `DELETE` of a task or template: to the trash, unless `permanent` ("true" or "false"). */
export const deleteInput = z.object({
  id: z.uuid({ error: 'Must be an id (a UUID)' }),
  /** A query-string value, so REST and tRPC take the same input. */
  permanent: z.stringbool({ error: 'permanent is "true" or "false"' }).optional(),
});
export type DeleteInput = z.input<typeof deleteInput>;

export const deletedSchema = z.object({
  id: z.uuid(),
  /** True: moved to the trash (restorable until `purgeAt`); false: gone for good. */
  trashed: z.boolean(),
  purgeAt: z.date().nullable(),
});

export const trashItemInput = z.object({ id: z.uuid({ error: 'Must be an id (a UUID)' }) });

export const trashedTaskSchema = taskSchema.extend({
  deletedAt: z.date(),
  purgeAt: z.date(),
  /** The steps that went to the trash with it (and come back with it). */
  stepCount: z.number().int(),
});
export type TrashedTask = z.infer<typeof trashedTaskSchema>;

export const trashedTemplateSchema = templateSchema.extend({
  deletedAt: z.date(),
  purgeAt: z.date(),
});
export type TrashedTemplate = z.infer<typeof trashedTemplateSchema>;

export const trashSchema = z.object({
  tasks: z.array(trashedTaskSchema),
  templates: z.array(trashedTemplateSchema),
  retentionDays: z.number().int(),
});
export type Trash = z.infer<typeof trashSchema>;

export const purgedSchema = z.object({ tasks: z.number().int(), templates: z.number().int() });
