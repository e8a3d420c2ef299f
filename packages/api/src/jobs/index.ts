export * from './contract';
export * from './definitions';
export { handleJob, type JobHandler, type WorkOptions } from './handler';
export { allJobHandlers } from './handlers';
export { MonitorBusyError, monitorEvaluateHandler } from './monitor-evaluate';
export { MONITOR_RECONCILE_GRACE_MS, reconcileMonitors } from './monitor-reconcile';
export {
  type JobQueue,
  type OpenQueue,
  openJobQueue,
  pgBossJobQueue,
  QUEUE_SCHEMA,
  type SendOptions,
} from './queue';
export { type StartWorkerOptions, startWorker, type Worker } from './worker';
