import type { DbHandle, DbOrTx } from '@proxy/db';
import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';

/** The PostgreSQL schema pg-boss keeps its tables in. */
export const QUEUE_SCHEMA = 'pgboss';

/**
 * A pg-boss instance on the same database as the app. On PostgreSQL it opens its own pool from
 * the URL; on embedded PGlite it shares the one instance through a small adapter (parameterless
 * SQL may hold several statements, which only `exec` runs).
 */
export function createQueue(
  handle: DbHandle,
  options: {
    databaseUrl?: string | undefined;
    schedule?: boolean;
    /**
     * How often pg-boss's maintenance runs (default 120 s): it fails jobs active past their
     * expiry, so this bounds how soon a killed worker's job is retried. Tests shorten it.
     */
    maintenanceIntervalSeconds?: number;
  } = {},
): PgBoss {
  const common = {
    schema: QUEUE_SCHEMA,
    schedule: options.schedule ?? true,
    ...(options.maintenanceIntervalSeconds
      ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }
      : {}),
    // Keep finished jobs a day for the jobs view; failed ones a week.
    deleteAfterDays: 7,
    archiveCompletedAfterSeconds: 24 * 60 * 60,
  };
  if (handle.kind === 'postgres') {
    if (!options.databaseUrl) throw new Error('createQueue needs databaseUrl on PostgreSQL');
    return new PgBoss({ ...common, connectionString: options.databaseUrl, max: 4 });
  }
  const pglite = handle.pglite;
  if (!pglite) throw new Error('PGlite handle without its instance');
  return new PgBoss({
    ...common,
    db: {
      async executeSql(text: string, values?: unknown[]) {
        if (!values || values.length === 0) {
          const results = await pglite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }
        return pglite.query(text, values);
      },
    },
  });
}

/**
 * pg-boss's SQL run through a drizzle transaction (its `db` send option), so a job is inserted
 * in the same transaction as the write that caused it. Objects and dates go as JSON/ISO text,
 * which both drivers accept for pg-boss's typed parameters.
 */
export function transactionExecutor(tx: DbOrTx) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) => {
        if (i % 2 === 0) return sql.raw(part);
        const value = values[Number(part) - 1];
        // undefined would vanish from drizzle's SQL; pg-boss means NULL by it.
        const param =
          value === undefined
            ? null
            : value instanceof Date
              ? value.toISOString()
              : value !== null && typeof value === 'object'
                ? JSON.stringify(value)
                : value;
        return sql`${param}`;
      });
      const result: unknown = await tx.execute(sql.join(chunks));
      const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      return { rows };
    },
  };
}
