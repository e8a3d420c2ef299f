import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountMail } from '../jobs/definitions';
import { createSmtpMailer } from '../notifications/mailer';
import { type ReceivedMail, startSmtpServer, textBody } from '../notifications/smtp-test-server';
import { createHarness, type Harness } from '../testing';
import { sessionUser, signIn } from './service';

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let clock = new Date('2026-12-06T12:00:00Z');

beforeAll(async () => {
  smtp = await startSmtpServer();
  h = await createHarness({
    now: () => clock,
    publicUrl: 'https://proxy.example.org/',
    mailer: createSmtpMailer({ url: smtp.url, from: 'Proxy <hello@proxy.example.org>' }),
  });
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

const PASSWORD = 'a calm purple otter';
const sendMails = () => h.runJobs({ only: [accountMail] });
const mailsTo = (email: string): ReceivedMail[] =>
  smtp.received.filter((m) => m.to.includes(email));
const link = (mail: ReceivedMail | undefined, page: string) => {
  const match = new RegExp(
    `https://proxy\\.example\\.org/${page}\\?token=([A-Za-z0-9_-]{43})`,
  ).exec(textBody(mail?.raw ?? ''));
  if (!match?.[1]) throw new Error(`no ${page} link in ${mail?.raw}`);
  return match[1];
};
const userIdOf = async (email: string) => {
  const [row] = await h.raw.query<{ id: string }>('select id from users where email = $1', [email]);
  return row!.id;
};

describe('registration with email configured', () => {
  it('answers a new and a taken address alike, and mails each what it needs', async () => {
    await h.anonymous().auth.register({ email: 'known@example.com', password: PASSWORD });
    await sendMails();
    const mailsBefore = mailsTo('known@example.com').length;

    const registerRest = (email: string) =>
      h.rest('POST', '/auth/register', { body: { email, password: 'another calm otter' } });
    const fresh = await registerRest('fresh@example.com');
    const taken = await registerRest('KNOWN@example.com');
    expect(fresh.status).toBe(taken.status);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('location')).toBeNull();
    expect(taken.headers.get('location')).toBeNull();
    const [freshBody, takenBody] = [await fresh.json(), await taken.json()];
    expect(freshBody).toEqual({ outcome: 'check-email', email: 'fresh@example.com' });
    expect(takenBody).toEqual({ outcome: 'check-email', email: 'known@example.com' });

    await sendMails();
    const [welcome] = mailsTo('fresh@example.com');
    expect(welcome?.headers.subject).toBe('Confirm your email for Proxy');
    link(welcome, 'verify-email');

    const notes = mailsTo('known@example.com').slice(mailsBefore);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.headers.subject).toBe('You already have a Proxy account');
    expect(textBody(notes[0]!.raw)).toContain('https://proxy.example.org/sign-in');
    link(notes[0], 'reset-password');

    // The taken address kept its password: nothing about the account changed.
    expect(
      await signIn(h.deps, { email: 'known@example.com', password: PASSWORD }, '10.9.0.1'),
    ).not.toBeNull();
    expect(
      await signIn(
        h.deps,
        { email: 'known@example.com', password: 'another calm otter' },
        '10.9.0.1',
      ),
    ).toBeNull();
    expect(await h.anonymous().auth.options()).toEqual({ emailEnabled: true });
  });

  it('lets an unverified account sign in, and confirms it from the link once', async () => {
    await h.anonymous().auth.register({ email: 'confirm@example.com', password: PASSWORD });
    await sendMails();
    const token = link(mailsTo('confirm@example.com')[0], 'verify-email');
    const id = await userIdOf('confirm@example.com');

    const user = await signIn(
      h.deps,
      { email: 'confirm@example.com', password: PASSWORD },
      '10.9.0.2',
    );
    expect(user?.id).toBe(id);
    expect((await h.asUser(id).profile.get()).emailVerifiedAt).toBeNull();

    expect(await h.anonymous().auth.verifyEmail({ token })).toEqual({
      email: 'confirm@example.com',
    });
    expect((await h.asUser(id).profile.get()).emailVerifiedAt).toEqual(clock);
    await expect(h.anonymous().auth.verifyEmail({ token })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/already used/),
    });
    // Once confirmed, asking again sends nothing.
    expect(await h.asUser(id).auth.resendVerification()).toEqual({
      email: 'confirm@example.com',
      alreadyVerified: true,
    });
  });

  it('stores only the hash of a mailed token', async () => {
    await h.anonymous().auth.register({ email: 'hashed@example.com', password: PASSWORD });
    await sendMails();
    const token = link(mailsTo('hashed@example.com')[0], 'verify-email');
    const rows = await h.raw.query<Record<string, unknown>>('select * from account_tokens');
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(token);
    // Nor does the queue hold it: the worker made it when it sent the mail.
    const jobs = await h.raw.query<{ data: unknown }>(
      `select data from pgboss.job where name = 'account.mail'`,
    );
    expect(JSON.stringify(jobs)).not.toContain(token);
  });
});

describe('password reset by email', () => {
  it('answers a known and an unknown address alike and mails only the account', async () => {
    await h.anonymous().auth.register({ email: 'forgot@example.com', password: PASSWORD });
    await sendMails();
    const before = smtp.received.length;
    const known = await h.rest('POST', '/auth/password-reset', {
      body: { email: 'forgot@example.com' },
    });
    const unknown = await h.rest('POST', '/auth/password-reset', {
      body: { email: 'nobody@example.com' },
    });
    expect(known.status).toBe(unknown.status);
    expect(await known.json()).toEqual({ email: 'forgot@example.com' });
    expect(await unknown.json()).toEqual({ email: 'nobody@example.com' });
    await sendMails();
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to)).toEqual([['forgot@example.com']]);
    expect(sent[0]?.headers.subject).toBe('Set a new password for Proxy');
  });

  it('sets the new password once, ends every session, and the link dies with use', async () => {
    await h.anonymous().auth.register({ email: 'reset@example.com', password: PASSWORD });
    const id = await userIdOf('reset@example.com');
    const session = await signIn(
      h.deps,
      { email: 'reset@example.com', password: PASSWORD },
      '10.9.1.1',
    );
    await h.anonymous().auth.requestPasswordReset({ email: 'reset@example.com' });
    await h.anonymous().auth.requestPasswordReset({ email: 'reset@example.com' });
    await sendMails();
    const resets = mailsTo('reset@example.com').filter((m) =>
      /new password/.test(m.headers.subject ?? ''),
    );
    expect(resets).toHaveLength(2);
    const [first, second] = resets.map((m) => link(m, 'reset-password'));

    await expect(
      h.anonymous().auth.resetPassword({ token: first!, newPassword: 'password123' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /common/ });
    expect(
      await h.anonymous().auth.resetPassword({ token: first!, newPassword: 'a brand new otter' }),
    ).toEqual({ email: 'reset@example.com' });

    expect(await sessionUser(h.deps, id, session!.sessionVersion)).toBeNull();
    expect(
      await signIn(h.deps, { email: 'reset@example.com', password: PASSWORD }, '10.9.1.1'),
    ).toBeNull();
    expect(
      await signIn(
        h.deps,
        { email: 'reset@example.com', password: 'a brand new otter' },
        '10.9.1.1',
      ),
    ).not.toBeNull();
    // The link opened the inbox, so the address counts as confirmed.
    expect((await h.asUser(id).profile.get()).emailVerifiedAt).toEqual(clock);

    for (const token of [first!, second!]) {
      await expect(
        h.anonymous().auth.resetPassword({ token, newPassword: 'yet another otter' }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /expired or was already used/ });
    }
  });

  it('two uses of one link racing each other: exactly one sets the password', async () => {
    await h.anonymous().auth.register({ email: 'race@example.com', password: PASSWORD });
    await h.anonymous().auth.requestPasswordReset({ email: 'race@example.com' });
    await sendMails();
    const token = link(
      mailsTo('race@example.com').find((m) => /new password/.test(m.headers.subject ?? '')),
      'reset-password',
    );
    const results = await Promise.allSettled(
      ['first racing otter', 'second racing otter'].map((newPassword) =>
        h.anonymous().auth.resetPassword({ token, newPassword }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses a link past its hour', async () => {
    await h.anonymous().auth.register({ email: 'late@example.com', password: PASSWORD });
    await h.anonymous().auth.requestPasswordReset({ email: 'late@example.com' });
    await sendMails();
    const token = link(
      mailsTo('late@example.com').find((m) => /new password/.test(m.headers.subject ?? '')),
      'reset-password',
    );
    const issuedAt = clock;
    try {
      clock = new Date(issuedAt.getTime() + 61 * 60_000);
      await expect(
        h.anonymous().auth.resetPassword({ token, newPassword: 'a too late otter' }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(
        await signIn(h.deps, { email: 'late@example.com', password: PASSWORD }, '10.9.2.1'),
      ).not.toBeNull();
    } finally {
      clock = issuedAt;
    }
  });

  it('refuses a token that is not one, with a sentence', async () => {
    await expect(
      h.anonymous().auth.resetPassword({ token: 'x'.repeat(43), newPassword: 'a fine new otter' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /expired or was already used/ });
    await expect(h.anonymous().auth.verifyEmail({ token: 'short' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: /not a valid one/,
    });
  });

  it('limits requests per address, and mails one inbox at most three times an hour', async () => {
    await h.anonymous().auth.register({ email: 'flooded@example.com', password: PASSWORD });
    await sendMails();
    const before = mailsTo('flooded@example.com').length;
    // From six addresses: every request is answered, three mails go out.
    for (let i = 0; i < 6; i++) {
      expect(
        await h.anonymous(`203.0.113.${i + 1}`).auth.requestPasswordReset({
          email: 'flooded@example.com',
        }),
      ).toEqual({ email: 'flooded@example.com' });
    }
    await sendMails();
    expect(mailsTo('flooded@example.com').length - before).toBe(3);

    const address = '203.0.113.99';
    for (let i = 0; i < 5; i++) {
      await h.anonymous(address).auth.requestPasswordReset({ email: `someone${i}@example.com` });
    }
    await expect(
      h.anonymous(address).auth.requestPasswordReset({ email: 'someone5@example.com' }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });

  it('lets a signed-in unverified person ask for a fresh confirmation link', async () => {
    await h.anonymous().auth.register({ email: 'resend@example.com', password: PASSWORD });
    const id = await userIdOf('resend@example.com');
    expect(await h.asUser(id).auth.resendVerification()).toEqual({
      email: 'resend@example.com',
      alreadyVerified: false,
    });
    await sendMails();
    const links = mailsTo('resend@example.com').map((m) => link(m, 'verify-email'));
    expect(links).toHaveLength(2);
    expect(new Set(links).size).toBe(2);
  });
});
