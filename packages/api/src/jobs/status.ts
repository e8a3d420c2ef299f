import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../context';
import { rowsOf } from './sql-rows';

export const queueStatusSchema = z.object({
  name: z.string(),
  /** Waiting jobs, due or not (pg-boss state `created`). */
  queued: z.number().int(),
  /** Waiting jobs whose start time has come: what the workers are behind on. */
  due: z.number().int(),
  active: z.number().int(),
  /** Failed once, waiting for their retry. */
  retry: z.number().int(),
  /** Retries spent (kept a week). */
  failed: z.number().int(),
  /** Finished within the last day (older ones are archived). */
  completed: z.number().int(),
  /** Jobs in the queue's dead-letter queue. */
  deadLetters: z.number().int(),
  /** How long the oldest due job has waited past its start time; null when none is due. */
  lagMs: z.number().nullable(),
});

export const jobsOverviewSchema = z.object({
  asOf: z.date(),
  queues: z.array(queueStatusSchema),
});
export type JobsOverview = z.infer<typeof jobsOverviewSchema>;

export const deadLettersInput = z
  .object({ limit: z.number().int().min(1).max(200).default(50) })
  .optional();

export const deadLetterSchema = z.object({
  id: z.string(),
  /** The queue the job failed in (its dead-letter queue's source). */
  queue: z.string(),
  createdOn: z.date(),
  data: z.unknown(),
  error: z.string().nullable(),
});
export const deadLettersSchema = z.object({ items: z.array(deadLetterSchema) });
export type DeadLetters = z.infer<typeof deadLettersSchema>;

/** pg-boss creates its schema when a worker first starts; before that there is no queue at all. */
async function queueExists(deps: Pick<AppDeps, 'db'>): Promise<boolean> {
  const rows = rowsOf<{ ok: boolean }>(
    await deps.db.execute(
      sql`select to_regclass('pgboss.job') is not null and to_regclass('pgboss.queue') is not null as ok`,
    ),
  );
  return Boolean(rows[0]?.ok);
}

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const toInt = (v: unknown) => Number(v ?? 0);

/**
 * Per queue (pg-boss's own tables), jobs by state, how many are due and how late the oldest due
 * one is. The figures are global counts of the shared queues: no job's payload is read. Dead-letter
 * queues are counted under the queue that feeds them, not listed on their own.
 */
export async function jobsOverview(deps: Pick<AppDeps, 'db'>): Promise<JobsOverview> {
  if (!(await queueExists(deps))) {
    const rows = rowsOf<{ now: unknown }>(await deps.db.execute(sql`select now() as now`));
    return { asOf: toDate(rows[0]?.now), queues: [] };
  }
  const rows = rowsOf<Record<string, unknown>>(
    await deps.db.execute(sql`
      with counts as (
        select j.name,
          count(*) filter (where j.state = 'created')::int as queued,
          count(*) filter (where j.state = 'created' and j.start_after <= now())::int as due,
          count(*) filter (where j.state = 'active')::int as active,
          count(*) filter (where j.state = 'retry')::int as retry,
          count(*) filter (where j.state = 'failed')::int as failed,
          count(*) filter (where j.state = 'completed')::int as completed,
          min(j.start_after) filter (where j.state = 'created' and j.start_after <= now()) as oldest_due
        from pgboss.job j
        group by j.name
      )
      select q.name,
        coalesce(c.queued, 0) as queued,
        coalesce(c.due, 0) as due,
        coalesce(c.active, 0) as active,
        coalesce(c.retry, 0) as retry,
        coalesce(c.failed, 0) as failed,
        coalesce(c.completed, 0) as completed,
        coalesce(d.queued + d.active + d.retry + d.failed + d.completed, 0) as dead_letters,
        (extract(epoch from (now() - c.oldest_due)) * 1000)::float8 as lag_ms,
        now() as as_of
      from pgboss.queue q
      left join counts c on c.name = q.name
      left join counts d on d.name = q.dead_letter
      where q.name not like '\\_\\_pgboss%'
        and q.name not in (select dead_letter from pgboss.queue where dead_letter is not null)
      order by q.name`),
  );
  let asOf: Date | undefined;
  const queues = rows.map((r) => {
    asOf ??= toDate(r.as_of);
    return {
      name: String(r.name),
      queued: toInt(r.queued),
      due: toInt(r.due),
      active: toInt(r.active),
      retry: toInt(r.retry),
      failed: toInt(r.failed),
      completed: toInt(r.completed),
      deadLetters: toInt(r.dead_letters),
      lagMs: r.lag_ms === null || r.lag_ms === undefined ? null : Math.max(0, Number(r.lag_ms)),
    };
  });
  if (!asOf) {
    const now = rowsOf<{ now: unknown }>(await deps.db.execute(sql`select now() as now`));
    asOf = toDate(now[0]?.now);
  }
  return { asOf, queues };
}

/**
 * Jobs that ended in a dead-letter queue, newest first, but only the caller's: a job is theirs
 * when its payload names one of their monitors (`monitorId`) or one of their notification
 * deliveries (`deliveryId`). Anything else (another user's, or a payload naming nobody) is never
 * shown.
 */
export async function listDeadLetters(
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  input: { limit?: number } | undefined = {},
): Promise<DeadLetters> {
  if (!(await queueExists(deps))) return { items: [] };
  const limit = input?.limit ?? 50;
  const rows = rowsOf<Record<string, unknown>>(
    await deps.db.execute(sql`
      select j.id::text as id,
        coalesce((select min(q.name) from pgboss.queue q where q.dead_letter = j.name), j.name) as queue,
        j.created_on,
        j.data,
        coalesce(j.output->>'message', j.output->'value'->>'message', j.output::text) as error
      from pgboss.job j
      where j.name in (select dead_letter from pgboss.queue where dead_letter is not null)
        and (
          exists (
            select 1 from monitors m
            where m.user_id = ${userId} and m.id::text = j.data->>'monitorId')
          or exists (
            select 1 from notification_deliveries nd
            where nd.user_id = ${userId} and nd.id::text = j.data->>'deliveryId')
        )
      order by j.created_on desc, j.id
      limit ${limit}`),
  );
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      queue: String(r.queue),
      createdOn: toDate(r.created_on),
      data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
      error: r.error === null || r.error === undefined ? null : String(r.error),
    })),
  };
}
