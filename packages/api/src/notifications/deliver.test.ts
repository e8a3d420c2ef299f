import { notificationDeliveries } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../context';
import { createHarness, type Harness } from '../testing';
import {
  DeliveryFailedError,
  deliverNotification,
  deliveryBackoffMs,
  dueDeliveries,
  EMAIL_NOT_CONFIGURED,
  MAX_DELIVERY_ATTEMPTS,
} from './deliver';
import { insertNotification } from './fixtures';
import { createSmtpMailer } from './mailer';
import { startSmtpServer, textBody } from './smtp-test-server';

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let deps: AppDeps;
let clock = new Date('2026-11-21T12:00:00Z');

beforeAll(async () => {
  h = await createHarness({ now: () => clock, publicUrl: 'https://proxy.example.org/' });
  smtp = await startSmtpServer();
  deps = {
    ...h.deps,
    mailer: createSmtpMailer({ url: smtp.url, from: 'Proxy <alerts@proxy.example.org>' }),
  };
});
afterAll(async () => {
  await smtp?.close();
  await h?.close();
});
beforeEach(() => {
  smtp.received.length = 0;
  clock = new Date('2026-11-21T12:00:00Z');
});

const row = async (id: string) => {
  const [r] = await h.db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.id, id));
  return r!;
};

describe('email delivery', () => {
  it('sends one message with the right recipient, subject, Message-ID and link', async () => {
    const user = await h.newUser();
    const { notification, email } = await insertNotification(h.db, user.id, {
      email: true,
      title: 'Bitcoin is above 100000',
      link: '/monitors/11111111-1111-4111-8111-111111111111',
    });
    const result = await deliverNotification(deps, email!.id);
    expect(result).toEqual({ status: 'sent', attempts: 1 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe('alerts@proxy.example.org');
    expect(mail.headers.subject).toBe('Bitcoin is above 100000');
    expect(mail.headers['message-id']).toBe(
      `<notification-${notification.id}-email@proxy.example.org>`,
    );
    expect(textBody(mail.raw)).toContain(
      'Open: https://proxy.example.org/monitors/11111111-1111-4111-8111-111111111111',
    );

    const after = await row(email!.id);
    expect(after).toMatchObject({ status: 'sent', attempts: 1, lastError: null, leaseUntil: null });
    expect(after.sentAt?.toISOString()).toBe(clock.toISOString());
  });

  it('sends once when the same delivery is handled twice, one after the other', async () => {
    const user = await h.newUser();
    const { email } = await insertNotification(h.db, user.id, { email: true });
    expect((await deliverNotification(deps, email!.id)).status).toBe('sent');
    expect(await deliverNotification(deps, email!.id)).toEqual({ status: 'skipped' });
    expect(smtp.received).toHaveLength(1);
    expect((await row(email!.id)).attempts).toBe(1);
  });

  it('sends once when the same delivery is handled twice at the same time', async () => {
    const user = await h.newUser();
    const { email } = await insertNotification(h.db, user.id, { email: true });
    const results = await Promise.all([
      deliverNotification(deps, email!.id),
      deliverNotification(deps, email!.id),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['sent', 'skipped']);
    expect(smtp.received).toHaveLength(1);
  });

  it('leaves a delivery another worker holds alone until its lease runs out', async () => {
    const user = await h.newUser();
    const { email } = await insertNotification(h.db, user.id, { email: true });
    await h.db
      .update(notificationDeliveries)
      .set({ leaseUntil: new Date(clock.getTime() + 30_000), attempts: 1 })
      .where(eq(notificationDeliveries.id, email!.id));
    expect(await deliverNotification(deps, email!.id)).toEqual({ status: 'skipped' });
    expect(smtp.received).toHaveLength(0);
    clock = new Date(clock.getTime() + 60_000);
    expect(await deliverNotification(deps, email!.id)).toEqual({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it('records a refused send (451 after DATA) as failed with a retry time, then sends on a later attempt', async () => {
    const user = await h.newUser();
    const { email } = await insertNotification(h.db, user.id, { email: true });
    smtp.refuse({ kind: 'reject-data', code: 451, message: 'Try again later, mailbox busy' });

    const error = await deliverNotification(deps, email!.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    const failed = await row(email!.id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('451');
    expect(failed.lastError).toContain('mailbox busy');
    expect(failed.leaseUntil).toBeNull();
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(clock.getTime());
    expect(failed.nextAttemptAt!.getTime()).toBeLessThanOrEqual(clock.getTime() + 30_000);
    expect(smtp.received).toHaveLength(0);

    clock = new Date(clock.getTime() + 30_000);
    expect(await deliverNotification(deps, email!.id)).toEqual({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
    expect(await row(email!.id)).toMatchObject({
      status: 'sent',
      lastError: null,
      nextAttemptAt: null,
    });
  });

  it('retries a temporary refusal at RCPT TO', async () => {
    const user = await h.newUser();
    const { email } = await insertNotification(h.db, user.id, { email: true });
    smtp.refuse({ kind: 'reject-rcpt', code: 450, message: 'Greylisted, come back later' });
    await expect(deliverNotification(deps, email!.id)).rejects.toBeInstanceOf(DeliveryFailedError);
    expect(await row(email!.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await row(email!.id)).lastError).toContain('Greylisted');
    expect((await deliverNotification(deps, email!.id)).status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
  });

  it('gives up on a permanent refusal of the recipient (550) at once', async () => {
    const user = await h.newUser();
    const { email } = await insertNotification(h.db, user.id, { email: true });
    smtp.refuse({ kind: 'reject-rcpt', code: 550, message: 'No such user here' });
    const result = await deliverNotification(deps, email!.id);
    expect(result).toMatchObject({ status: 'dead', attempts: 1 });
    expect(await row(email!.id)).toMatchObject({ status: 'dead', nextAttemptAt: null });
    expect(await deliverNotification(deps, email!.id)).toEqual({ status: 'skipped' });
    expect(smtp.received).toHaveLength(0);
  });

  it(`is dead after ${MAX_DELIVERY_ATTEMPTS} failed attempts and is not tried again`, async () => {
    const user = await h.newUser();
    const { email } = await insertNotification(h.db, user.id, { email: true });
    const refusal = { kind: 'reject-data', code: 451, message: 'Local problem' } as const;
    smtp.refuse(...Array.from({ length: MAX_DELIVERY_ATTEMPTS + 1 }, () => refusal));
    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await expect(deliverNotification(deps, email!.id)).rejects.toMatchObject({ attempts: i });
      expect(await row(email!.id)).toMatchObject({ status: 'failed', attempts: i });
    }
    const last = await deliverNotification(deps, email!.id);
    expect(last).toMatchObject({ status: 'dead', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(await row(email!.id)).toMatchObject({
      status: 'dead',
      attempts: MAX_DELIVERY_ATTEMPTS,
      nextAttemptAt: null,
      leaseUntil: null,
    });
    expect((await row(email!.id)).lastError).toContain('451');
    expect(await deliverNotification(deps, email!.id)).toEqual({ status: 'skipped' });
    expect(smtp.received).toHaveLength(0);
  });

  it('is dead with a clear message when the server has no mailer', async () => {
    const user = await h.newUser();
    const { email } = await insertNotification(h.db, user.id, { email: true });
    const { mailer: _none, ...withoutMailer } = deps;
    const result = await deliverNotification(withoutMailer, email!.id);
    expect(result).toEqual({ status: 'dead', attempts: 1, error: EMAIL_NOT_CONFIGURED });
    expect(await row(email!.id)).toMatchObject({
      status: 'dead',
      lastError: 'Email is not configured on this server (set SMTP_URL)',
    });
  });

  it('answers skipped for an in-app delivery (already sent) and for an unknown id', async () => {
    const user = await h.newUser();
    const { inApp } = await insertNotification(h.db, user.id);
    expect(await deliverNotification(deps, inApp.id)).toEqual({ status: 'skipped' });
    expect(await deliverNotification(deps, '00000000-0000-4000-8000-00000000dead')).toEqual({
      status: 'skipped',
    });
    expect(smtp.received).toHaveLength(0);
  });

  it('never stores or reports the SMTP password when the server refuses the login', async () => {
    const guarded = await startSmtpServer({
      credentials: { user: 'proxy', pass: 'right-password' },
    });
    try {
      const url = `smtp://proxy:${encodeURIComponent('wr0ng p@ss')}@127.0.0.1:${guarded.port}`;
      const mailer = createSmtpMailer({ url, from: 'alerts@proxy.example.org' });
      const user = await h.newUser();
      const { email } = await insertNotification(h.db, user.id, { email: true });
      const error = await deliverNotification({ ...deps, mailer }, email!.id).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeliveryFailedError);
      const failed = await row(email!.id);
      expect(failed.status).toBe('failed');
      expect(failed.lastError).toMatch(/auth|535/i);
      for (const secret of ['wr0ng p@ss', 'wr0ng%20p%40ss', 'wr0ng']) {
        expect(failed.lastError).not.toContain(secret);
        expect(String((error as Error).message)).not.toContain(secret);
      }
      expect(guarded.received).toHaveLength(0);

      // With the right password the same delivery goes out.
      const good = createSmtpMailer({ url: guarded.url, from: 'alerts@proxy.example.org' });
      expect((await deliverNotification({ ...deps, mailer: good }, email!.id)).status).toBe('sent');
      expect(guarded.received).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });
});

describe('backoff', () => {
  it('doubles from 30 s, jittered down by at most a quarter, capped at an hour', () => {
    expect(deliveryBackoffMs(1, () => 1)).toBe(30_000);
    expect(deliveryBackoffMs(1, () => 0)).toBe(22_500);
    expect(deliveryBackoffMs(2, () => 1)).toBe(60_000);
    expect(deliveryBackoffMs(4, () => 1)).toBe(240_000);
    expect(deliveryBackoffMs(20, () => 1)).toBe(3_600_000);
    expect(deliveryBackoffMs(20, () => 0)).toBe(2_700_000);
  });
});

describe('sweep', () => {
  it('finds only email deliveries that are due, past the grace, with no live lease', async () => {
    const user = await h.newUser();
    const past = new Date(clock.getTime() - 10 * 60_000);
    const make = async (patch: Partial<typeof notificationDeliveries.$inferInsert>) => {
      const { email } = await insertNotification(h.db, user.id, { email: true });
      await h.db
        .update(notificationDeliveries)
        .set({ updatedAt: past, ...patch })
        .where(eq(notificationDeliveries.id, email!.id));
      return email!.id;
    };
    const lostPending = await make({});
    const dueFailed = await make({ status: 'failed', attempts: 2, nextAttemptAt: past });
    const notYet = await make({
      status: 'failed',
      attempts: 1,
      nextAttemptAt: new Date(clock.getTime() + 60_000),
    });
    const justDue = await make({ status: 'failed', attempts: 1, nextAttemptAt: clock });
    const leased = await make({ leaseUntil: new Date(clock.getTime() + 30_000) });
    const expiredLease = await make({ leaseUntil: new Date(clock.getTime() - 1) });
    const sent = await make({ status: 'sent', sentAt: past });
    const dead = await make({ status: 'dead' });
    const fresh = await make({ updatedAt: clock });

    const due = await dueDeliveries(deps);
    expect(due).toEqual(expect.arrayContaining([lostPending, dueFailed, expiredLease]));
    for (const id of [notYet, justDue, leased, sent, dead, fresh]) expect(due).not.toContain(id);
  });
});
