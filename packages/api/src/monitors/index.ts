export {
  compileMonitor,
  conditionText,
  describePlan,
  guessSourceKind,
  parsePromptCondition,
  urlsIn,
  validatePlan,
} from './compile';
export {
  dryRunPlan,
  type EvaluateOptions,
  type EvaluateResult,
  evaluateMonitor,
  temporalConfigFor,
  toEvaluation,
} from './evaluate';
export { type Fact, getFact, upsertSource } from './facts';
export { JudgeError, type Judgement, judgeFuzzy, judgementKey } from './judge';
export { monitorsRouter } from './router';
export { enqueueMonitorRun, type MonitorEvaluatePayload, scheduleMonitorRun } from './schedule';
export * from './service';
export { ExtractError, extract, extractFeed, extractHtml, extractJson } from './sources';
