import { z } from 'zod';
import { ROUTE_QUEUED_JOB, routeQueued, usersWithQueuedWork } from '../delegation/service';
import type { JobDefinition } from './types';

/**
 * Routes queued tasks to agents with room. Sent when an agent registers, heart-beats or frees a
 * slot (for that user), and every minute for everyone as a safety net. Idempotent: routing only
 * moves assignments that are still queued, each by a conditional update.
 */
export const routeQueuedJob: JobDefinition<{ userId?: string | undefined }> = {
  name: ROUTE_QUEUED_JOB,
  cron: '* * * * *',
  payload: z.object({ userId: z.uuid().optional() }),
  async handle(deps, payload) {
    const users = payload.userId ? [payload.userId] : await usersWithQueuedWork(deps);
    let routed = 0;
    for (const userId of users) routed += await routeQueued(deps, userId);
    return { routed };
  },
};
