import { z } from 'zod';

/** The worker's environment, validated once at start. */
const workerEnvSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is required: the standalone worker runs on PostgreSQL' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL'),
  // Monitor evaluation runs up to 200 jobs at once per process (4 loops x 50); they share this pool.
  WORKER_DB_POOL: z.coerce.number().int().min(1).max(100).default(20),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function readWorkerEnv(env: Record<string, string | undefined> = process.env): WorkerEnv {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
