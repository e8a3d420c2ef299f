import { z } from 'zod';
import { defineJob } from '../contract';

/**
 * Routes queued tasks to agents with room: sent when an agent registers, heart-beats or frees a
 * slot (for that person), and every minute for everyone as a safety net.
 */
export const delegationRouteQueued = defineJob({
  name: 'delegation.route-queued',
  cron: '* * * * *',
  payload: z.object({ userId: z.uuid().optional() }),
  queue: { retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 },
});

/** Every minute: assignments not accepted or not heart-beaten in time go to another agent. */
export const delegationReassignStale = defineJob({
  name: 'delegation.reassign-stale',
  cron: '* * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 60 },
});
