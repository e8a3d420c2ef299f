import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServerEnv, readOrCreateSecret } from './env-schema';

const LONG_SECRET = 'x'.repeat(40);

function paths() {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-env-'));
  return { secretFile: join(dir, '.data', 'auth-secret'), defaultDataDir: join(dir, 'pglite') };
}

describe('loadServerEnv', () => {
  it('runs embedded with defaults, generating a secret once and keeping it', () => {
    const options = paths();
    const first = loadServerEnv({}, options);
    expect(first.embedded).toBe(true);
    expect(first.databaseUrl).toBeUndefined();
    expect(first.pgliteDataDir).toBe(options.defaultDataDir);
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    // A restart reads the same secret, so sessions survive it.
    expect(loadServerEnv({}, options).authSecret).toBe(first.authSecret);
    expect(readFileSync(options.secretFile, 'utf8').trim()).toBe(first.authSecret);
    expect(statSync(options.secretFile).mode & 0o777).toBe(0o600);
  });

  it('prefers AUTH_SECRET and PGLITE_DATA_DIR when given, and writes no file', () => {
    const options = paths();
    const env = loadServerEnv({ AUTH_SECRET: LONG_SECRET, PGLITE_DATA_DIR: '/tmp/px' }, options);
    expect(env.authSecret).toBe(LONG_SECRET);
    expect(env.pgliteDataDir).toBe('/tmp/px');
    expect(() => statSync(options.secretFile)).toThrow();
  });

  it('takes the database pool size from WEB_DB_POOL, 10 by default, and refuses nonsense', () => {
    expect(loadServerEnv({}, paths()).databasePool).toBe(10);
    expect(loadServerEnv({ WEB_DB_POOL: '40' }, paths()).databasePool).toBe(40);
    expect(() => loadServerEnv({ WEB_DB_POOL: 'lots' }, paths())).toThrow(/WEB_DB_POOL/);
    expect(() => loadServerEnv({ WEB_DB_POOL: '0' }, paths())).toThrow(/at least 1/);
  });

  it('requires AUTH_SECRET when DATABASE_URL is set', () => {
    expect(() => loadServerEnv({ DATABASE_URL: 'postgres://localhost/proxy' }, paths())).toThrow(
      /AUTH_SECRET is required when DATABASE_URL is set/,
    );
    const env = loadServerEnv(
      { DATABASE_URL: 'postgresql://u@localhost:5432/proxy', AUTH_SECRET: LONG_SECRET },
      paths(),
    );
    expect(env.embedded).toBe(false);
    expect(env.databaseUrl).toBe('postgresql://u@localhost:5432/proxy');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL and a short AUTH_SECRET', () => {
    expect(() =>
      loadServerEnv({ DATABASE_URL: 'mysql://localhost/x', AUTH_SECRET: LONG_SECRET }, paths()),
    ).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(() => loadServerEnv({ AUTH_SECRET: 'short' }, paths())).toThrow(
      /AUTH_SECRET must be at least 32 characters/,
    );
  });

  it('treats empty variables as unset', () => {
    const env = loadServerEnv({ DATABASE_URL: '', AUTH_SECRET: '', PGLITE_DATA_DIR: '' }, paths());
    expect(env.embedded).toBe(true);
    expect(env.authSecret.length).toBeGreaterThanOrEqual(32);
  });
});

describe('readOrCreateSecret', () => {
  it('refuses a damaged secret file rather than silently replacing it', () => {
    const { secretFile } = paths();
    readOrCreateSecret(secretFile);
    writeFileSync(secretFile, 'tiny');
    expect(() => readOrCreateSecret(secretFile)).toThrow(/shorter than 32 characters/);
  });
});
