import { z } from 'zod';
import type { MonitorConfig } from '../context';

/**
 * Monitor settings from the environment (the apps pass process.env in; nothing here reads it):
 * - MONITOR_ALLOW_HOSTS: comma-separated trusted internal hosts that skip the SSRF address
 *   check (exact host names or IP literals as written in URLs). Empty by default: off.
 * - MONITOR_FACT_TTL_SECONDS: how long a fetched fact is shared by monitors of one source.
 * - MONITOR_FETCH_TIMEOUT_MS, MONITOR_FETCH_MAX_BYTES: caps on each source fetch.
 */
const hostList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
  )
  .pipe(
    z.array(
      z
        .string()
        .max(253)
        .regex(/^[a-z0-9.:[\]_-]+$/, 'MONITOR_ALLOW_HOSTS holds host names or IP addresses only'),
    ),
  );

const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);

const monitorEnvSchema = z.object({
  MONITOR_ALLOW_HOSTS: z.preprocess(blankIsUnset, hostList.optional()),
  MONITOR_FACT_TTL_SECONDS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(0).max(86_400).optional(),
  ),
  MONITOR_FETCH_TIMEOUT_MS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(100).max(120_000).optional(),
  ),
  MONITOR_FETCH_MAX_BYTES: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(1024).max(50_000_000).optional(),
  ),
});

export type MonitorConfigOverrides = Partial<Omit<MonitorConfig, 'fetch'>> & {
  fetch?: Partial<MonitorConfig['fetch']>;
};

export function monitorConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): MonitorConfigOverrides {
  const parsed = monitorEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid monitor settings:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  const fetch: Partial<MonitorConfig['fetch']> = {};
  if (e.MONITOR_ALLOW_HOSTS) fetch.allowHosts = e.MONITOR_ALLOW_HOSTS;
  if (e.MONITOR_FETCH_TIMEOUT_MS !== undefined) fetch.timeoutMs = e.MONITOR_FETCH_TIMEOUT_MS;
  if (e.MONITOR_FETCH_MAX_BYTES !== undefined) fetch.maxBytes = e.MONITOR_FETCH_MAX_BYTES;
  return {
    ...(e.MONITOR_FACT_TTL_SECONDS !== undefined
      ? { factTtlMs: e.MONITOR_FACT_TTL_SECONDS * 1000 }
      : {}),
    fetch,
  };
}
