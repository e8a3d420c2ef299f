export type {
  CompiledPlan as CompileResult,
  DryRunResult,
  Evaluation,
  Monitor,
} from '@proxy/core';
