import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The integration suite runs on embedded PGlite always, and again on a real PostgreSQL server
 * when TEST_DATABASE_URL is set (CI sets it). Each test file gets its own fresh database.
 */
const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: { name: 'pglite', include: ['src/**/*.test.ts'], env: { TEST_DATABASE_URL: '' } },
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    extends: true,
    test: {
      name: 'postgres',
      include: ['src/**/*.test.ts'],
      env: { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL },
    },
  });
}

export default defineConfig({
  test: {
    projects,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are large; two files at a time suits a 2-core CI machine.
    maxWorkers: 2,
  },
});
