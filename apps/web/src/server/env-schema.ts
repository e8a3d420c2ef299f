import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultPgliteDataDir } from '@proxy/db';
import { z } from 'zod';

export const AUTH_SECRET_MIN = 32;
export const DEFAULT_WEB_DB_POOL = 10;

/** An unset variable and an empty one mean the same: not configured. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const serverEnvSchema = z
  .object({
    DATABASE_URL: optional(
      z.string().regex(/^postgres(ql)?:\/\/.+/, 'DATABASE_URL must be a postgres:// URL'),
    ),
    PGLITE_DATA_DIR: optional(z.string().min(1)),
    // Connections this web process holds to PostgreSQL (several replicas each hold this many).
    WEB_DB_POOL: optional(
      z.coerce
        .number({ error: 'WEB_DB_POOL must be a whole number' })
        .int('WEB_DB_POOL must be a whole number')
        .min(1, 'WEB_DB_POOL must be at least 1')
        .max(200, 'WEB_DB_POOL can be at most 200'),
    ),
    AUTH_SECRET: optional(
      z.string().min(AUTH_SECRET_MIN, `AUTH_SECRET must be at least ${AUTH_SECRET_MIN} characters`),
    ),
  })
  .superRefine((env, ctx) => {
    // Several web replicas on one PostgreSQL must share one secret, so it cannot be generated.
    if (env.DATABASE_URL && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message:
          'AUTH_SECRET is required when DATABASE_URL is set (generate one with `openssl rand -base64 33`)',
      });
    }
  });

export interface ServerEnv {
  /** Set: PostgreSQL, worker in its own process. Unset: embedded PGlite, worker in the web server. */
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  /** PostgreSQL connections this process may hold (ignored when embedded). */
  databasePool: number;
  authSecret: string;
  embedded: boolean;
}

export interface LoadServerEnvOptions {
  /** Where an embedded install keeps its generated AUTH_SECRET. */
  secretFile: string;
  /** Where PGlite keeps its files when PGLITE_DATA_DIR is unset. */
  defaultDataDir: string;
}

/** `.data/auth-secret` at the repository root, beside the embedded database. */
export function defaultAuthSecretFile(): string {
  return join(dirname(defaultPgliteDataDir()), 'auth-secret');
}

/**
 * Reads the embedded install's session secret, creating it on first start so sessions survive
 * restarts. `wx` makes creation atomic: when two processes race, the loser reads the winner's.
 */
export function readOrCreateSecret(file: string): string {
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  const secret = randomBytes(33).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readSecret(file);
    if (winner === undefined) throw new Error(`Could not read the session secret in ${file}`);
    return winner;
  }
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (text.length < AUTH_SECRET_MIN) {
    throw new Error(
      `The session secret in ${file} is shorter than ${AUTH_SECRET_MIN} characters; delete the file to generate a new one`,
    );
  }
  return text;
}

/** Validates the web server's environment; throws one readable error listing every problem. */
export function loadServerEnv(
  raw: Record<string, string | undefined>,
  options: LoadServerEnvOptions,
): ServerEnv {
  const parsed = serverEnvSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid environment for the web server:\n${z.prettifyError(parsed.error)}`);
  }
  const env = parsed.data;
  const embedded = !env.DATABASE_URL;
  return {
    databaseUrl: env.DATABASE_URL,
    pgliteDataDir: env.PGLITE_DATA_DIR ?? options.defaultDataDir,
    databasePool: env.WEB_DB_POOL ?? DEFAULT_WEB_DB_POOL,
    authSecret: env.AUTH_SECRET ?? readOrCreateSecret(options.secretFile),
    embedded,
  };
}
