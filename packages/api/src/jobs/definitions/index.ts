import type { JobContract } from '../contract';
import { accountMail } from './account';
import { delegationReassignStale, delegationRouteQueued } from './delegation';
import { eventDispatch, eventSweep } from './events';
import { focusAutoClose, focusBoundary, focusSweep } from './focus';
import { housekeepingPurge } from './housekeeping';
import { monitorEvaluate, monitorReconcile } from './monitors';
import { notificationDeliver, notificationDigest, notificationSweep } from './notifications';
import { taskDueReminders, trashPurge } from './tasks';
import { webhookDeliver, webhookSweep } from './webhooks';

export * from './account';
export * from './delegation';
export * from './events';
export * from './focus';
export * from './housekeeping';
export * from './monitors';
export * from './notifications';
export * from './tasks';
export * from './webhooks';

/** Every job kind; each process creates these queues before it sends. */
export const allJobContracts: readonly JobContract<unknown>[] = [
  housekeepingPurge,
  accountMail,
  delegationRouteQueued,
  delegationReassignStale,
  monitorEvaluate,
  monitorReconcile,
  notificationDeliver,
  notificationSweep,
  notificationDigest,
  taskDueReminders,
  trashPurge,
  eventDispatch,
  eventSweep,
  focusBoundary,
  focusAutoClose,
  focusSweep,
  webhookDeliver,
  webhookSweep,
];
