import { z } from 'zod';
import { DEFAULT_EVENTS_CONFIG, type EventsConfig } from '../context';

const retentionSchema = z.coerce
  .number({ error: 'EVENT_RETENTION_DAYS must be a number of days' })
  .int('EVENT_RETENTION_DAYS must be a whole number of days')
  .min(1, 'EVENT_RETENTION_DAYS must be at least 1')
  .max(3650, 'EVENT_RETENTION_DAYS can be at most 3650');

/** EVENT_RETENTION_DAYS: how long dispatched events stay as activity history (default 90). */
export function eventsConfigFromEnv(env: Record<string, string | undefined>): EventsConfig {
  const raw = env.EVENT_RETENTION_DAYS?.trim();
  if (!raw) return DEFAULT_EVENTS_CONFIG;
  const parsed = retentionSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(parsed.error.issues[0]?.message ?? 'Bad EVENT_RETENTION_DAYS');
  return { retentionDays: parsed.data };
}
