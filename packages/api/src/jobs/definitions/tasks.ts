import { z } from 'zod';
import { defineJob } from '../contract';

/** Every five minutes: tasks due within the hour, and tasks that just became overdue. */
export const taskDueReminders = defineJob({
  name: 'task.due-reminders',
  cron: '*/5 * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 1, expireInSeconds: 240 },
});

/** Hourly: tasks and templates in the trash for more than 30 days are purged for good. */
export const trashPurge = defineJob({
  name: 'trash.purge',
  cron: '7 * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 1, expireInSeconds: 120 },
});
