import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { DbHandle } from './client';

export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Applies the committed migrations. Idempotent: drizzle records what ran in
 * drizzle.__drizzle_migrations, so a second run changes nothing.
 */
export async function migrate(handle: DbHandle, folder = migrationsFolder): Promise<void> {
  const config = { migrationsFolder: folder };
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, config);
  } else {
    await migratePostgres(handle.db as never, config);
  }
}
