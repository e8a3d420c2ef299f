import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests: plain modules under src/ (no server, no browser).
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['**/*.test.ts'],
    environment: 'node',
  },
});
