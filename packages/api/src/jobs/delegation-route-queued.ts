import { routeQueued, usersWithQueuedWork } from '../delegation/service';
import { delegationRouteQueued } from './definitions';
import { handleJob } from './handler';

/**
 * Routes queued tasks to agents with room, for one person or (the minutely tick) everyone with
 * queued work. Idempotent: routing only moves assignments that are still queued, each by a
 * conditional update.
 */
export const delegationRouteQueuedHandler = handleJob(delegationRouteQueued, {
  async handle(deps, payload) {
    const users = payload.userId ? [payload.userId] : await usersWithQueuedWork(deps);
    let routed = 0;
    for (const userId of users) routed += await routeQueued(deps, userId);
    return { routed };
  },
});
