import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './schema';

/**
 * Account deletion relies on ON DELETE CASCADE: every table with an owner column (`user_id` not
 * null) is
 * found here from the schema itself, never from a hand-kept list, and must cascade from users.
 */
describe('owner tables', () => {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
  const owned = tables
    .map((t) => getTableConfig(t))
    // A nullable user_id is a deliberate keeper (the AI ledger outlives an account, as null).
    .filter((c) => c.columns.some((col) => col.name === 'user_id' && col.notNull));

  it('finds the owner tables, the focus ones among them', () => {
    const names = owned.map((c) => c.name);
    for (const name of [
      'tasks',
      'focus_sessions',
      'focus_energy_check_ins',
      'focus_planned_blocks',
      'task_time_entries',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('every owner column is a foreign key to users that cascades', () => {
    const wrong = owned
      .filter((c) => {
        const fk = c.foreignKeys.find((f) =>
          f.reference().columns.some((col) => col.name === 'user_id'),
        );
        return (
          !fk ||
          getTableConfig(fk.reference().foreignTable).name !== 'users' ||
          fk.onDelete !== 'cascade'
        );
      })
      .map((c) => c.name);
    expect(wrong).toEqual([]);
  });
});
