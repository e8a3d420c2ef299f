import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';
import { adminConfigFromEnv, NO_ADMINS } from './config';
import { isAdmin } from './service';

/**
 * Figures across every account are for the installation's administrators: ADMIN_EMAILS, or the
 * first account of an embedded install. Everyone else, and every other person's keys, is refused.
 */
// One database: an embedded-style install (its first account administers it) that also lists
// ADMIN_EMAILS, so both ways in are seen side by side.
let h: Harness;
let installer: Awaited<ReturnType<Harness['newUser']>>;
beforeAll(async () => {
  h = await createHarness({ admin: { emails: ['ops@example.com'], firstAccountIsAdmin: true } });
  installer = await h.newUser('installer@example.com');
});
afterAll(() => h?.close());

describe('adminConfigFromEnv', () => {
  it('reads a comma-separated, case-insensitive list; embedded installs add their first account', () => {
    expect(adminConfigFromEnv({}, { embedded: false })).toEqual({
      emails: [],
      firstAccountIsAdmin: false,
    });
    expect(
      adminConfigFromEnv(
        { ADMIN_EMAILS: ' Ops@Example.com, ada@example.com,,ops@example.com ' },
        {
          embedded: true,
        },
      ),
    ).toEqual({ emails: ['ops@example.com', 'ada@example.com'], firstAccountIsAdmin: true });
  });

  it('refuses a list that is not of emails, saying which setting', () => {
    expect(() => adminConfigFromEnv({ ADMIN_EMAILS: 'ops, root' }, { embedded: false })).toThrow(
      /ADMIN_EMAILS/,
    );
  });
});

describe('the admin role', () => {
  it('ADMIN_EMAILS: the listed person sees queue figures, others and their keys get 403', async () => {
    const first = await h.newUser('someone@example.com');
    const admin = await h.newUser('OPS@example.com');

    expect((await admin.caller.profile.get()).isAdmin).toBe(true);
    expect((await first.caller.profile.get()).isAdmin).toBe(false);
    expect((await admin.caller.jobs.overview()).queues.length).toBeGreaterThan(0);
    await expect(first.caller.jobs.overview()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('administrator'),
    });

    // Over REST: a read-only key of a non-admin is refused; the admin's own read key works.
    const theirs = await first.caller.apiKeys.create({ name: 'reader', scopes: ['read'] });
    const refused = await h.rest('GET', '/jobs', { key: theirs.secret });
    expect(refused.status).toBe(403);
    const mine = await admin.caller.apiKeys.create({ name: 'grafana', scopes: ['read'] });
    expect((await h.rest('GET', '/jobs', { key: mine.secret })).status).toBe(200);
    expect((await h.rest('GET', '/jobs')).status).toBe(401);
    // Each person's own dead letters stay theirs to read.
    expect((await first.caller.jobs.deadLetters({})).items).toEqual([]);
  });

  it('embedded: the first account administers the install, the next ones do not', async () => {
    const later = await h.newUser();
    expect((await installer.caller.profile.get()).isAdmin).toBe(true);
    expect((await later.caller.profile.get()).isAdmin).toBe(false);
    await expect(later.caller.jobs.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await installer.caller.jobs.overview()).queues.length).toBeGreaterThan(0);
  });

  it('without configuration nobody is an administrator', async () => {
    const unconfigured = { ...h.deps, admin: NO_ADMINS };
    expect(await isAdmin(unconfigured, installer.id)).toBe(false);
    const ops = await h.newUser('ops-team@example.com');
    expect(await isAdmin(unconfigured, ops.id)).toBe(false);
  });
});
