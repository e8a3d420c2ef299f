import { createAppDeps, createWebhookEndpoint, enqueueWebhookDeliveries } from '@proxy/api';
import { allJobContracts, openJobQueue, startWorker, webhookDeliver } from '@proxy/api/jobs';
import { startHookReceiver } from '@proxy/api/testing';
import { webhookPayload } from '@proxy/core';
import { users } from '@proxy/db/schema';
import { completions, fmt, noopHandler, noopJob, noopRate, openBenchDatabase } from './queue-bench';

/**
 * Webhook deliveries per second from one worker to a real HTTP receiver on loopback (each one
 * claimed, signed, sent through the SSRF guard, logged and settled), beside pg-boss's own no-op
 * job rate in the same run.
 */
export async function benchWebhooks(): Promise<void> {
  const db = await openBenchDatabase('webhooks');
  const n = Number(process.env.WEBHOOK_BENCH_COUNT ?? (db.url ? 3_000 : 300));
  const receiver = await startHookReceiver();
  const queue = await openJobQueue(db.handle, {
    databaseUrl: db.url,
    work: true,
    contracts: [...allJobContracts, noopJob],
  });
  const deps = createAppDeps(db.handle.db, {
    jobs: queue.jobs,
    secretKey: 'bench-secret-bench-secret-bench-secret',
    webhooks: { allowHosts: ['127.0.0.1'] },
  });
  const done = completions();
  const worker = await startWorker(db.handle, deps, {
    boss: queue.boss,
    handlers: [noopHandler],
    log: done.log,
  });
  console.log(`\nWebhooks, ${fmt(n)} deliveries, one worker, on ${db.label}`);
  try {
    const a = await noopRate(worker, done, n);
    console.log(`  (a) pg-boss baseline, no-op jobs: ${fmt(a.rate)} jobs/s`);

    const [user] = await db.handle.db
      .insert(users)
      .values({
        email: 'webhooks-bench@example.com',
        passwordHash: 'x',
        displayName: 'Bench',
        handle: 'webhooks-bench',
      })
      .returning({ id: users.id });
    const userId = user!.id;
    await createWebhookEndpoint(deps, userId, { url: receiver.url('/bench'), eventTypes: ['*'] });

    const t0 = performance.now();
    for (let at = 0; at < n; at += 500) {
      await db.handle.db.transaction(async (tx) => {
        for (let i = at; i < Math.min(n, at + 500); i++) {
          const id = crypto.randomUUID();
          await enqueueWebhookDeliveries(deps, tx, {
            userId,
            eventId: null,
            cause: `bench:${id}`,
            payload: webhookPayload({
              type: 'webhook.test',
              version: 1,
              id,
              occurredAt: new Date(),
              data: { i },
            }),
          });
        }
      });
    }
    await done.until(webhookDeliver.name, n);
    while (receiver.received.length < n) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - t0) / 1000;
    const rate = n / seconds;
    console.log(
      `  (b) signed deliveries to a loopback receiver: ${fmt(rate)} deliveries/s (${fmt(seconds)} s)  ratio to (a): ${(rate / a.rate).toFixed(3)}`,
    );
  } finally {
    await worker.stop();
    await queue.close();
    await receiver.close();
    await db.close();
  }
}
