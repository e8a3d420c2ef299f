import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The one database type the rest of the code sees, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Database | Transaction;

/**
 * Raw SQL for the few places that need it (the job queue adapter, tests): rows as objects.
 * `exec` runs several statements at once, without parameters.
 */
export interface RawSql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
}

export interface DbHandle {
  kind: 'postgres' | 'pglite';
  db: Database;
  raw: RawSql;
  /** Only for PGlite: the instance, so an embedded job queue can share it. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres://... to use a PostgreSQL server; unset to use embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files (default `.data/pglite`); `memory://` keeps nothing. */
  pgliteDataDir?: string | undefined;
  /** Pool size for postgres.js. */
  maxConnections?: number;
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.databaseUrl) return createPostgresDb(options.databaseUrl, options.maxConnections);
  return createPgliteDb(options.pgliteDataDir ?? '.data/pglite');
}

function createPostgresDb(url: string, max = 10): DbHandle {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // Dates, numbers and booleans keep their JS types through the driver.
    prepare: true,
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    raw: {
      async query<T>(text: string, params: unknown[] = []) {
        // drizzle turns off postgres.js's own Date serialisation; send ISO strings instead.
        const values = params.map((p) => (p instanceof Date ? p.toISOString() : p));
        return (await client.unsafe(text, values as never[])) as unknown as T[];
      },
      async exec(text: string) {
        await client.unsafe(text);
      },
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function createPgliteDb(dataDir: string): Promise<DbHandle> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    pglite,
    raw: {
      async query<T>(text: string, params: unknown[] = []) {
        return (await pglite.query<T>(text, params)).rows;
      },
      async exec(text: string) {
        await pglite.exec(text);
      },
    },
    close: () => pglite.close(),
  };
}
