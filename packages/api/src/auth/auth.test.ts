import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';
import { sessionUser, signIn } from './service';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    signInLimits: {
      consecutivePerAccountAddress: 3,
      pairBlockSeconds: 900,
      perAccountPerDay: 12,
      perAddressPerDay: 6,
    },
  });
});
afterAll(() => h.close());

const PASSWORD = 'a calm purple otter';

describe('register and sign in', () => {
  it('registers, then signs in with the right password only', async () => {
    const user = await h
      .anonymous()
      .auth.register({ email: 'Ada@Example.com', password: PASSWORD });
    // Without email on the server, registration answers the account made.
    if (user.outcome !== 'created') throw new Error(`expected created, got ${user.outcome}`);
    expect(user.email).toBe('ada@example.com');

    const ok = await signIn(h.deps, { email: 'ada@example.com', password: PASSWORD }, '10.0.0.1');
    expect(ok?.id).toBe(user.id);
    // Emails are matched case-insensitively.
    const upper = await signIn(
      h.deps,
      { email: 'ADA@example.com', password: PASSWORD },
      '10.0.0.1',
    );
    expect(upper?.id).toBe(user.id);

    const wrong = await signIn(
      h.deps,
      { email: 'ada@example.com', password: 'nope-nope' },
      '10.0.0.1',
    );
    expect(wrong).toBeNull();
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const unknown = await signIn(
      h.deps,
      { email: 'ghost@example.com', password: PASSWORD },
      '10.0.0.2',
    );
    expect(unknown).toBeNull();
  });

  it('refuses a duplicate email without creating a second account', async () => {
    await h.anonymous().auth.register({ email: 'dup@example.com', password: PASSWORD });
    await expect(
      h
        .anonymous()
        .auth.register({ email: 'DUP@example.com', password: 'another fine passphrase' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const rows = await h.raw.query<{ n: number }>(
      `select count(*)::int as n from users where email = 'dup@example.com'`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('refuses common passwords and out-of-range lengths with field messages', async () => {
    const common = await h
      .anonymous()
      .auth.register({ email: 'c@example.com', password: 'password123' })
      .catch((e: unknown) => e);
    expect(common).toMatchObject({ code: 'BAD_REQUEST' });
    expect(JSON.stringify((common as { cause?: unknown }).cause ?? common)).toMatch(/common/i);

    await expect(
      h.anonymous().auth.register({ email: 'short@example.com', password: 'short' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      h.anonymous().auth.register({ email: 'long@example.com', password: 'x'.repeat(129) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      h.anonymous().auth.register({ email: 'not-an-email', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('sign-in rate limit', () => {
  const guess = (email: string, address: string, password = 'guess-guess') =>
    signIn(h.deps, { email, password }, address);

  it('blocks the (account, address) pair after consecutive failures, even with the right password', async () => {
    await h.anonymous().auth.register({ email: 'target@example.com', password: PASSWORD });
    for (let i = 0; i < 3; i++) expect(await guess('target@example.com', '192.0.2.66')).toBeNull();
    await expect(guess('target@example.com', '192.0.2.66', PASSWORD)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    // The counters live in the database, so another replica sees them too.
    const rows = await h.raw.query<{ key: string }>(`select key from rate_limits`);
    expect(rows.some((r) => r.key.includes('target@example.com'))).toBe(true);
  });

  it('lets the owner in from a clean address while the account is attacked from elsewhere', async () => {
    await h.anonymous().auth.register({ email: 'owner@example.com', password: PASSWORD });
    for (let i = 0; i < 10; i++) {
      await guess('owner@example.com', '203.0.113.9').catch(() => null);
    }
    await expect(guess('owner@example.com', '203.0.113.9', PASSWORD)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    const owner = await guess('owner@example.com', '198.51.100.200', PASSWORD);
    expect(owner?.email).toBe('owner@example.com');
  });

  it('catches guessing one account from many addresses with the slower daily limit', async () => {
    await h.anonymous().auth.register({ email: 'sprayed@example.com', password: PASSWORD });
    // Two guesses from each of six addresses: under each pair's limit, 12 on the account.
    for (let i = 0; i < 12; i++) {
      expect(await guess('sprayed@example.com', `192.0.2.${100 + (i % 6)}`)).toBeNull();
    }
    await expect(guess('sprayed@example.com', '192.0.2.250', PASSWORD)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('limits one client address across many accounts', async () => {
    for (let i = 0; i < 6; i++) await guess(`spray${i}@example.com`, '198.51.100.7');
    await expect(guess('spray-next@example.com', '198.51.100.7')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    // Another address is unaffected.
    expect(await guess('spray-next@example.com', '198.51.100.8')).toBeNull();
  });

  it('lets parallel guesses through no more often than the limit', async () => {
    await h.anonymous().auth.register({ email: 'raced@example.com', password: PASSWORD });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => guess('raced@example.com', '192.0.2.77')),
    );
    const checked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter(
      (r) =>
        r.status === 'rejected' && (r.reason as { code?: string }).code === 'TOO_MANY_REQUESTS',
    );
    expect(checked).toHaveLength(3);
    expect(refused).toHaveLength(9);
  });

  it('forgets the pair’s failures on a success', async () => {
    await h.anonymous().auth.register({ email: 'forgetful@example.com', password: PASSWORD });
    for (let i = 0; i < 2; i++) {
      await signIn(
        h.deps,
        { email: 'forgetful@example.com', password: 'oops-oops' },
        '203.0.113.1',
      );
    }
    expect(
      await signIn(h.deps, { email: 'forgetful@example.com', password: PASSWORD }, '203.0.113.1'),
    ).not.toBeNull();
    for (let i = 0; i < 2; i++) {
      await signIn(
        h.deps,
        { email: 'forgetful@example.com', password: 'oops-oops' },
        '203.0.113.1',
      );
    }
    expect(
      await signIn(h.deps, { email: 'forgetful@example.com', password: PASSWORD }, '203.0.113.1'),
    ).not.toBeNull();
  });
});

describe('sessions', () => {
  it('sign out everywhere ends every session issued before it', async () => {
    const { id, email } = await h.newUser();
    const first = await signIn(h.deps, { email, password: PASSWORD }, '10.1.0.1');
    const second = await signIn(h.deps, { email, password: PASSWORD }, '10.1.0.2');
    expect(await sessionUser(h.deps, id, first!.sessionVersion)).not.toBeNull();
    expect(await sessionUser(h.deps, id, second!.sessionVersion)).not.toBeNull();

    await h.asUser(id).auth.signOutEverywhere();

    expect(await sessionUser(h.deps, id, first!.sessionVersion)).toBeNull();
    expect(await sessionUser(h.deps, id, second!.sessionVersion)).toBeNull();
    // Signing in again issues a session that is valid.
    const fresh = await signIn(h.deps, { email, password: PASSWORD }, '10.1.0.1');
    expect(await sessionUser(h.deps, id, fresh!.sessionVersion)).not.toBeNull();
  });

  it('a password change revokes old sessions and the old password', async () => {
    const { id, email } = await h.newUser();
    const before = await signIn(h.deps, { email, password: PASSWORD }, '10.2.0.1');
    await expect(
      h
        .asUser(id)
        .auth.changePassword({ currentPassword: 'wrong-wrong', newPassword: 'new calm otter' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await h
      .asUser(id)
      .auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a new calm otter' });

    expect(await sessionUser(h.deps, id, before!.sessionVersion)).toBeNull();
    expect(await signIn(h.deps, { email, password: PASSWORD }, '10.2.0.1')).toBeNull();
    const after = await signIn(h.deps, { email, password: 'a new calm otter' }, '10.2.0.1');
    expect(after?.id).toBe(id);
  });

  it('stores only an argon2id hash of the password', async () => {
    const { email } = await h.newUser();
    const [row] = await h.raw.query<{ password_hash: string }>(
      'select password_hash from users where email = $1',
      [email],
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.password_hash).not.toContain(PASSWORD);
  });
});
