import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './migrate';
import * as schema from './schema';

/**
 * The drizzle schema and the committed migrations agree: diffing the schema in code against the
 * last migration's snapshot yields no statement. A schema change without its generated migration
 * fails here, before it reaches a database.
 */
describe('schema and migrations', () => {
  it('generating a migration from the schema in code yields nothing', async () => {
    const journal = JSON.parse(
      readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { idx: number; tag: string }[] };
    const last = journal.entries.at(-1)!;
    const snapshot = JSON.parse(
      readFileSync(
        join(migrationsFolder, 'meta', `${String(last.idx).padStart(4, '0')}_snapshot.json`),
        'utf8',
      ),
    );
    const current = generateDrizzleJson(schema as Record<string, unknown>, snapshot.id);
    expect(await generateMigration(snapshot, current)).toEqual([]);
  });
});
