import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const staticDir = join(dirname(dirname(fileURLToPath(import.meta.url))), '.next', 'static');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the client bundle', () => {
  it('holds no server code or secrets', () => {
    const scripts = filesUnder(staticDir).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const text = scripts.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const marker of [
      'AUTH_SECRET',
      'DATABASE_URL',
      'PGLITE_DATA_DIR',
      'auth-secret',
      'passwordHash',
      'secretHash',
      '@node-rs/argon2',
      'pg-boss',
      'drizzle-orm',
      'passwords-common',
    ]) {
      expect(text, marker).not.toContain(marker);
    }
  });
});
