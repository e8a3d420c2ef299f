import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../testing';
import { hashPassword } from './password';

// Counts argon2 runs, to prove a refused registration never pays for one.
vi.mock('./password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./password')>();
  return { ...actual, hashPassword: vi.fn(actual.hashPassword) };
});
const hashes = () => vi.mocked(hashPassword).mock.calls.length;

let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    accountLimits: {
      registrationsPerAddressPerHour: 5,
      registrationsPerHour: 12,
      resetRequestsPerAddressPerHour: 5,
      accountMailsPerAddressPerHour: 3,
    },
  });
});
afterAll(() => h.close());

const PASSWORD = 'a calm purple otter';
const register = (address: string, email: string, password = PASSWORD) =>
  h.anonymous(address).auth.register({ email, password });

describe('registration without email (a single-person install)', () => {
  it('limits one address to five accounts an hour, before any hash, and others go on', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await register('198.51.100.1', `minted${i}@example.com`)).toMatchObject({
        outcome: 'created',
      });
    }
    const before = hashes();
    const refused = await register('198.51.100.1', 'minted5@example.com').catch((e) => e);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toMatch(/Too many accounts were created from your address/);
    expect(hashes()).toBe(before);
    const rows = await h.raw.query<{ n: number }>(
      `select count(*)::int as n from users where email like 'minted%'`,
    );
    expect(rows[0]?.n).toBe(5);

    // Over the wire it is a 429 that says when to come back.
    const res = await h.trpcHttp(
      new Request('http://localhost/api/trpc/auth.register', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-proxy-client-address': '198.51.100.1' },
        body: JSON.stringify({ json: { email: 'minted6@example.com', password: PASSWORD } }),
      }),
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);

    expect(await register('198.51.100.2', 'elsewhere@example.com')).toMatchObject({
      outcome: 'created',
    });
  });

  it('a batch of parallel registrations from one address gets no more than the limit', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => register('198.51.100.3', `batch${i}@example.com`)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const rows = await h.raw.query<{ n: number }>(
      `select count(*)::int as n from users where email like 'batch%'`,
    );
    expect(rows[0]?.n).toBe(5);
  });

  it('holds every address together to the overall hourly limit', async () => {
    // 6 + 5 made above; one more fits under 12, then everyone waits.
    expect(await register('198.51.100.50', 'last-one@example.com')).toMatchObject({
      outcome: 'created',
    });
    await expect(register('198.51.100.51', 'too-many@example.com')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/right now/),
    });
  });

  it('checks the input, the common-password list and a taken address before hashing', async () => {
    const fresh = await createHarness();
    try {
      const reg = (email: string, password = PASSWORD) =>
        fresh.anonymous().auth.register({ email, password });
      await reg('taken@example.com');
      const before = hashes();
      await expect(reg('taken@example.com')).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(reg('common@example.com', 'password123')).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await expect(reg('not an email')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(hashes()).toBe(before);
    } finally {
      await fresh.close();
    }
  });

  it('keeps the browser’s timezone and derives a readable handle from the name', async () => {
    const fresh = await createHarness();
    try {
      const reg = (email: string, extra: Record<string, string>) =>
        fresh.anonymous().auth.register({ email, password: PASSWORD, ...extra });
      const ada = await reg('ada@example.com', {
        displayName: 'Ada Lovelace',
        timezone: 'Europe/Berlin',
      });
      if (ada.outcome !== 'created') throw new Error('expected an account');
      const profile = await fresh.asUser(ada.id).profile.get();
      expect(profile).toMatchObject({ handle: 'ada_lovelace', timezone: 'Europe/Berlin' });
      // The second Ada gets the same words and a short suffix.
      const twin = await reg('ada2@example.com', { displayName: 'Ada Lovelace' });
      if (twin.outcome !== 'created') throw new Error('expected an account');
      const second = await fresh.asUser(twin.id).profile.get();
      expect(second.handle).toMatch(/^ada_lovelace_[0-9a-f]{4}$/);
      expect(second.timezone).toBe('UTC');
      await expect(reg('mars@example.com', { timezone: 'Mars/Olympus' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/timezone/i),
      });
    } finally {
      await fresh.close();
    }
  });

  it('says a reset link cannot be mailed when the server has no email', async () => {
    await expect(
      h.anonymous().auth.requestPasswordReset({ email: 'minted0@example.com' }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: /Email is not configured/ });
    expect(await h.anonymous().auth.options()).toEqual({ emailEnabled: false });
  });
});
