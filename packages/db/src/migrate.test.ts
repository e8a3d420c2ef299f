import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type RawSql } from './client';
import { migrate } from './migrate';
import { createTestDb } from './testing';

/** Everything that makes up the schema, in a stable order, comparable across servers. */
async function describeSchema(raw: RawSql) {
  const columns = await raw.query(
    `select table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision
       from information_schema.columns where table_schema = 'public'
      order by table_name, column_name`,
  );
  const indexes = await raw.query(
    `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public'
      order by tablename, indexname`,
  );
  const constraints = await raw.query(
    `select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as def
       from pg_constraint where connamespace = 'public'::regnamespace
        and contype <> 'n' -- PostgreSQL 18 (PGlite) lists NOT NULLs here; columns cover them
      order by 1, 2`,
  );
  const enums = await raw.query(
    `select t.typname, array_agg(e.enumlabel order by e.enumsortorder)::text as labels
       from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname order by 1`,
  );
  return { columns, indexes, constraints, enums };
}

const handles: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const h of handles) await h.close();
});

describe('migrations', () => {
  it('run twice on a fresh database and end in the same schema', async () => {
    const handle = await createTestDb(); // migrated once
    handles.push(handle);
    const once = await describeSchema(handle.raw);
    await migrate(handle);
    const twice = await describeSchema(handle.raw);
    expect(twice).toEqual(once);
    const applied = await handle.raw.query<{ n: number }>(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    expect(applied[0]?.n).toBeGreaterThan(0);
    expect(once.columns.length).toBeGreaterThan(20);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'PGlite and PostgreSQL end in the same schema',
    async () => {
      const pglite = await createDb({ pgliteDataDir: 'memory://' });
      handles.push(pglite);
      await migrate(pglite);
      await migrate(pglite);
      const server = await createTestDb();
      handles.push(server);
      await migrate(server);
      expect(await describeSchema(server.raw)).toEqual(await describeSchema(pglite.raw));
    },
  );
});
