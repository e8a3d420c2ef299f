import type { JobContract } from '../contract';
import { delegationReassignStale, delegationRouteQueued } from './delegation';
import { housekeepingPurge } from './housekeeping';
import { monitorEvaluate, monitorReconcile } from './monitors';
import { notificationDeliver, notificationSweep } from './notifications';

export * from './delegation';
export * from './housekeeping';
export * from './monitors';
export * from './notifications';

/** Every job kind; each process creates these queues before it sends. */
export const allJobContracts: readonly JobContract<unknown>[] = [
  housekeepingPurge,
  delegationRouteQueued,
  delegationReassignStale,
  monitorEvaluate,
  monitorReconcile,
  notificationDeliver,
  notificationSweep,
];
