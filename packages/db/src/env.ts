import { z } from 'zod';
import { defaultPgliteDataDir } from './location';

/** Environment for the database scripts (migrate); the apps validate their own. */
export const dbEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
});

export function readDbEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = dbEnvSchema.parse(env);
  return {
    databaseUrl: parsed.DATABASE_URL,
    pgliteDataDir: parsed.PGLITE_DATA_DIR ?? defaultPgliteDataDir(),
  };
}
