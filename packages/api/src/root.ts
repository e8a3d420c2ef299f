import { aiUsageRouter } from './ai/usage-router';
import { apiKeysRouter } from './api-keys/router';
import { authRouter } from './auth/router';
import { calendarRouter } from './calendar/router';
import { petsRouter } from './creature/router';
import { delegationRouter } from './delegation/router';
import { dependenciesRouter } from './dependencies/router';
import { activityRouter } from './events/router';
import { focusRouter } from './focus/router';
import { jobsRouter } from './jobs/router';
import { monitorsRouter } from './monitors/router';
import { notificationsRouter } from './notifications/router';
import { profileRouter } from './profile/router';
import { splittingRouter } from './splitting/router';
import { tasksRouter } from './tasks/router';
import { templatesRouter } from './templates/router';
import { timeEntriesRouter } from './time-entries/router';
/** Every domain's router, merged; the typed client and the REST surface both derive from it. */
import { trashRouter } from './trash/router';
import { createRouter } from './trpc';
import { hooksRouter, webhooksRouter } from './webhooks/router';
import { xpRouter } from './xp/router';

export const appRouter = createRouter({
  auth: authRouter,
  apiKeys: apiKeysRouter,
  profile: profileRouter,
  tasks: tasksRouter,
  splitting: splittingRouter,
  ai: aiUsageRouter,
  delegation: delegationRouter,
  activity: activityRouter,
  dependencies: dependenciesRouter,
  templates: templatesRouter,
  monitors: monitorsRouter,
  notifications: notificationsRouter,
  jobs: jobsRouter,
  focus: focusRouter,
  timeEntries: timeEntriesRouter,
  pets: petsRouter,
  xp: xpRouter,
  webhooks: webhooksRouter,
  hooks: hooksRouter,
  calendar: calendarRouter,
  trash: trashRouter,
});

export type AppRouter = typeof appRouter;
