import { sendDueReminders } from '../tasks/due-reminders';
import { taskDueReminders } from './definitions';
import { handleJob } from './handler';

export const taskDueRemindersHandler = handleJob(taskDueReminders, {
  handle: (deps) => sendDueReminders(deps),
});
