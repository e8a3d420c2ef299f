import { createAppDeps, createSmtpMailer, emit } from '@proxy/api';
import {
  allJobContracts,
  eventDispatch,
  notificationDeliver,
  openJobQueue,
  startWorker,
} from '@proxy/api/jobs';
import { startSmtpServer } from '@proxy/api/testing';
import { notificationDeliveries, notifications, users } from '@proxy/db/schema';
import { count, eq } from 'drizzle-orm';
import { completions, fmt, noopHandler, noopJob, noopRate, openBenchDatabase } from './queue-bench';

/**
 * The events seam and the mail queue, each beside pg-boss's own no-op job rate in the same run:
 * (a) no-op jobs; (b) events emitted to delivered in the inbox (emit in the change's
 * transaction, the dispatch job, the notifications subscriber, notify); (c) the email queue
 * draining to a real SMTP server on loopback.
 */
export async function benchEvents(): Promise<void> {
  const db = await openBenchDatabase('events');
  const n = Number(process.env.EVENT_BENCH_COUNT ?? (db.url ? 5_000 : 500));
  const smtp = await startSmtpServer();
  const queue = await openJobQueue(db.handle, {
    databaseUrl: db.url,
    work: true,
    contracts: [...allJobContracts, noopJob],
  });
  const deps = createAppDeps(db.handle.db, {
    jobs: queue.jobs,
    mailer: createSmtpMailer({ url: smtp.url, from: 'Proxy <bench@example.com>' }),
  });
  const done = completions();
  const worker = await startWorker(db.handle, deps, {
    boss: queue.boss,
    handlers: [noopHandler],
    log: done.log,
  });
  console.log(`\nEvents and notifications, ${fmt(n)} each, one worker, on ${db.label}`);
  try {
    const a = await noopRate(worker, done, n);
    console.log(`  (a) pg-boss baseline, no-op jobs: ${fmt(a.rate)} jobs/s`);

    const [user] = await db.handle.db
      .insert(users)
      .values({
        email: 'events-bench@example.com',
        passwordHash: 'x',
        displayName: 'Bench',
        handle: 'events-bench',
      })
      .returning({ id: users.id });
    const userId = user!.id;
    // Email off for this kind, so (b) measures the inbox path alone.
    await db.handle.raw.query(
      `insert into notification_preferences (user_id, kind, channel, mode) values ($1, 'assignment_failed', 'email', 'off')`,
      [userId],
    );
    const inbox = async () =>
      Number(
        (
          await db.handle.db
            .select({ n: count() })
            .from(notifications)
            .where(eq(notifications.userId, userId))
        )[0]?.n ?? 0,
      );

    const b0 = performance.now();
    for (let at = 0; at < n; at += 500) {
      await db.handle.db.transaction(async (tx) => {
        for (let i = at; i < Math.min(n, at + 500); i++) {
          await emit(deps, tx, {
            type: 'assignment.failed',
            userId,
            data: {
              assignmentId: crypto.randomUUID(),
              taskId: crypto.randomUUID(),
              taskTitle: `Task ${i}`,
              agentId: 'bench-agent',
              mode: 'DELEGATE',
              status: 'failed',
              detail: 'timed out',
            },
          });
        }
      });
    }
    const emitted = performance.now();
    await done.until(eventDispatch.name, n);
    while ((await inbox()) < n) await new Promise((r) => setTimeout(r, 20));
    const bSeconds = (performance.now() - b0) / 1000;
    const bRate = n / bSeconds;
    console.log(
      `  (b) events emitted to in the inbox: ${fmt(bRate)} events/s (${fmt(bSeconds)} s; emitting took ${fmt((emitted - b0) / 1000)} s)  ratio to (a): ${(bRate / a.rate).toFixed(3)}`,
    );

    // (c) The mail queue: n notifications with an email delivery each, sent through SMTP.
    await db.handle.raw.query(
      `update notification_preferences set mode = 'instant' where user_id = $1`,
      [userId],
    );
    const before = smtp.received.length;
    const c0 = performance.now();
    for (let at = 0; at < n; at += 500) {
      await db.handle.db.transaction(async (tx) => {
        for (let i = at; i < Math.min(n, at + 500); i++) {
          const [note] = await tx
            .insert(notifications)
            .values({
              userId,
              kind: 'assignment_failed',
              title: `Mail ${i}`,
              body: 'A bench mail.',
              dedupeKey: `bench-mail:${i}`,
            })
            .returning({ id: notifications.id });
          const [delivery] = await tx
            .insert(notificationDeliveries)
            .values({
              notificationId: note!.id,
              userId,
              channel: 'email',
              status: 'pending',
              dedupeKey: `bench-mail:${i}:email`,
            })
            .returning({ id: notificationDeliveries.id });
          await deps.jobs.send(notificationDeliver, { deliveryId: delivery!.id }, { tx });
        }
      });
    }
    await done.until(notificationDeliver.name, n);
    while (smtp.received.length - before < n) await new Promise((r) => setTimeout(r, 20));
    const cSeconds = (performance.now() - c0) / 1000;
    const cRate = n / cSeconds;
    console.log(
      `  (c) email queue to loopback SMTP: ${fmt(cRate)} mails/s (${fmt(cSeconds)} s)  ratio to (a): ${(cRate / a.rate).toFixed(3)}  goal 50 mails/s: ${cRate >= 50 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await worker.stop();
    await queue.close();
    await smtp.close();
    await db.close();
  }
}
