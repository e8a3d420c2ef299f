import { notificationDeliveries, users } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationDeliver, notificationSweep, startWorker, type Worker } from '../jobs';
import { createHarness, type Harness } from '../testing';
import { insertNotification } from './fixtures';
import { createSmtpMailer } from './mailer';
import { startSmtpServer } from './smtp-test-server';

/** The real path: the worker's queue hands a delivery job to deliverNotification and SMTP. */
let h: Harness;
let db: { db: Harness['db'] };
let worker: Worker;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let userId: string;
const email = 'queue-reader@example.com';
const NOTIFICATION_DELIVER_JOB = notificationDeliver.name;

beforeAll(async () => {
  smtp = await startSmtpServer();
  h = await createHarness({
    mailer: createSmtpMailer({ url: smtp.url, from: 'Proxy <alerts@proxy.example.org>' }),
    publicUrl: 'https://proxy.example.org',
  });
  db = { db: h.db };
  worker = await startWorker(h.handle, h.deps, { databaseUrl: h.handle.url });
  const [user] = await db.db
    .insert(users)
    .values({ email, passwordHash: 'x', displayName: 'Queue Reader', handle: 'queue-reader' })
    .returning();
  userId = user!.id;
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await h?.close();
});

/** Waits for a job to leave the queue's hands by reading its state: no fixed sleeps. */
async function settled(name: string, id: string, states = ['completed', 'failed', 'retry']) {
  for (let i = 0; i < 600; i++) {
    const job = await worker.boss.getJobById(name, id);
    if (job && states.includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not settle`);
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached');
}

const deliveryRow = async (id: string) =>
  (await db.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id)))[0]!;

describe('notification delivery through the queue', () => {
  it('registers the deliver queue with retries and a dead-letter queue, and the sweep every minute', async () => {
    const queue = await worker.boss.getQueue(NOTIFICATION_DELIVER_JOB);
    expect(queue).toMatchObject({
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: 20,
      deadLetter: 'notification.deliver.dead',
    });
    expect(await worker.boss.getQueue('notification.deliver.dead')).toBeTruthy();
    const schedules = await worker.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: notificationSweep.name, cron: '* * * * *' }),
    );
  });

  it('sends the email when a delivery job is enqueued in the transaction that wrote it', async () => {
    const before = smtp.received.length;
    const deliveryId = await db.db.transaction(async (tx) => {
      const { email: delivery } = await insertNotification(tx, userId, {
        email: true,
        title: 'Through the queue',
      });
      await h.deps.jobs.send(notificationDeliver, { deliveryId: delivery!.id }, { tx });
      return delivery!.id;
    });
    const row = await until(
      () => deliveryRow(deliveryId),
      (r) => r.status === 'sent',
    );
    expect(row.attempts).toBe(1);
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([email]);
    expect(mails[0]!.headers.subject).toBe('Through the queue');
  });

  it('sends once when the same delivery is enqueued twice', async () => {
    const before = smtp.received.length;
    const { email: delivery } = await insertNotification(db.db, userId, { email: true });
    const ids = await Promise.all([
      worker.boss.send(NOTIFICATION_DELIVER_JOB, { deliveryId: delivery!.id }),
      worker.boss.send(NOTIFICATION_DELIVER_JOB, { deliveryId: delivery!.id }),
    ]);
    const jobs = await Promise.all(ids.map((id) => settled(NOTIFICATION_DELIVER_JOB, id!)));
    expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed']);
    expect(jobs.map((j) => (j.output as { status: string }).status).sort()).toEqual([
      'sent',
      'skipped',
    ]);
    expect(smtp.received.slice(before)).toHaveLength(1);
  });

  it('fails the job on a refused send, so the queue retries it, and records why', async () => {
    const { email: delivery } = await insertNotification(db.db, userId, { email: true });
    smtp.refuse({ kind: 'reject-data', code: 451, message: 'Queue test busy' });
    const id = await worker.boss.send(NOTIFICATION_DELIVER_JOB, { deliveryId: delivery!.id });
    const job = await settled(NOTIFICATION_DELIVER_JOB, id!);
    expect(job.state).toBe('retry');
    const row = await deliveryRow(delivery!.id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('Queue test busy');
    expect(row.nextAttemptAt).not.toBeNull();
    // Finish it by hand so the retry that the queue runs later finds nothing to do.
    await worker.boss.cancel(NOTIFICATION_DELIVER_JOB, id!);
  });

  it('the sweep hands a lost delivery back to the queue, which sends it', async () => {
    const before = smtp.received.length;
    const { email: delivery } = await insertNotification(db.db, userId, { email: true });
    // Its job was lost: pending for ten minutes with no lease.
    await db.db
      .update(notificationDeliveries)
      .set({ updatedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(notificationDeliveries.id, delivery!.id));
    const id = await worker.boss.send(notificationSweep.name, {});
    const sweep = await settled(notificationSweep.name, id!, ['completed', 'failed']);
    expect(sweep.state).toBe('completed');
    // (The minutely scheduled sweep may get to it first; either way it goes out once.)
    await until(
      () => deliveryRow(delivery!.id),
      (r) => r.status === 'sent',
    );
    expect(smtp.received.slice(before)).toHaveLength(1);
  });
});
