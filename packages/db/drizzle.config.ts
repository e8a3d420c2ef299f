import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are committed and applied by src/migrate.ts on both
// PGlite and PostgreSQL. Never `push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
