import { reassignStale } from '../delegation/service';
import { delegationReassignStale } from './definitions';
import { handleJob } from './handler';

/**
 * Assignments not accepted or not heart-beaten in time (AppDeps.delegation) fail and go to
 * another agent. Idempotent: each move is a conditional update on the status read.
 */
export const delegationReassignStaleHandler = handleJob(delegationReassignStale, {
  handle: (deps) => reassignStale(deps),
});
