import { z } from 'zod';
import { reassignStale } from '../delegation/service';
import type { JobDefinition } from './types';

/**
 * Every minute: assignments not accepted or not heart-beaten in time (AppDeps.delegation) fail
 * and go to another agent. Idempotent: each move is a conditional update on the status read.
 */
export const reassignStaleJob: JobDefinition<Record<string, never>> = {
  name: 'delegation.reassign-stale',
  cron: '* * * * *',
  payload: z.object({}).strict(),
  handle: (deps) => reassignStale(deps),
};
