import { defineConfig } from 'vitest/config';

// Browser tests: one production server for the run (global setup), one file at a time.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
