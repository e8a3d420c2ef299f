import { accountMailHandler } from './account-mail';
import { delegationReassignStaleHandler } from './delegation-reassign-stale';
import { delegationRouteQueuedHandler } from './delegation-route-queued';
import { eventDispatchHandler, eventSweepHandler } from './event-dispatch';
import { focusAutoCloseHandler, focusBoundaryHandler, focusSweepHandler } from './focus';
import type { JobHandler } from './handler';
import { housekeepingPurgeHandler } from './housekeeping';
import { monitorEvaluateHandler } from './monitor-evaluate';
import { monitorReconcileHandler } from './monitor-reconcile';
import { notificationDeliverHandler, notificationSweepHandler } from './notification-deliver';
import { notificationDigestHandler } from './notification-digest';
import { taskDueRemindersHandler } from './task-due-reminders';
import { trashPurgeHandler } from './trash-purge';
import { webhookDeliverHandler, webhookSweepHandler } from './webhook-deliver';

/** What the worker runs: one handler per job contract (a test holds them to it). */
export const allJobHandlers: readonly JobHandler<unknown>[] = [
  housekeepingPurgeHandler,
  accountMailHandler,
  delegationRouteQueuedHandler,
  delegationReassignStaleHandler,
  monitorEvaluateHandler,
  monitorReconcileHandler,
  notificationDeliverHandler,
  notificationSweepHandler,
  notificationDigestHandler,
  taskDueRemindersHandler,
  trashPurgeHandler,
  eventDispatchHandler,
  eventSweepHandler,
  focusBoundaryHandler,
  focusAutoCloseHandler,
  focusSweepHandler,
  webhookDeliverHandler,
  webhookSweepHandler,
];
