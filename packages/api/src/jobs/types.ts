import type { z } from 'zod';
import type { AppDeps } from '../context';

/** One kind of job: its queue name, payload schema, handler and (optionally) its schedule. */
export interface JobDefinition<Payload> {
  name: string;
  /** Cron expression (UTC) when the job runs on a schedule. */
  cron?: string;
  payload: z.ZodType<Payload>;
  handle(deps: AppDeps, payload: Payload): Promise<unknown>;
}
