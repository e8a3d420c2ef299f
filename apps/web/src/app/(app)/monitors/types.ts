import type { AppRouter } from '@proxy/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
export type Monitor = Outputs['monitors']['get'];
export type Evaluation = Outputs['monitors']['evaluations']['items'][number];
export type CompileResult = Outputs['monitors']['compile'];
export type DryRunResult = Outputs['monitors']['dryRun'];
