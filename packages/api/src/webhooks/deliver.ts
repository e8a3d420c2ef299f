import {
  nextWebhookAttemptAt,
  parseRetryAfter,
  WEBHOOK_DISABLE_AFTER_MS,
  WEBHOOK_MAX_ATTEMPTS,
  type WebhookAttemptTrigger,
} from '@proxy/core';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@proxy/db/schema';
import { and, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { emit } from '../events/emit';
import { webhookDeliver } from '../jobs/definitions/webhooks';
import { SafeFetchError, safeFetch } from '../net/safe-fetch';
import { webhookHeaders, webhookMessageId } from './signing';

/** A claimed attempt holds its delivery this long; a crashed worker's claim runs out after it. */
export const WEBHOOK_LEASE_MS = 60_000;
/** How much of an answer the log keeps. */
const EXCERPT_CHARS = 500;
/** How much of an answer is read at all: receivers should answer briefly. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export type WebhookAttemptResult =
  | { status: 'skipped' }
  | { status: 'succeeded'; statusCode: number; attempts: number }
  | { status: 'retrying'; statusCode: number | null; error: string; nextAttemptAt: Date }
  | { status: 'dead'; statusCode: number | null; error: string }
  | { status: 'replay-failed'; statusCode: number | null; error: string };

type Endpoint = typeof webhookEndpoints.$inferSelect;

/** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
export function signingSecrets(deps: Pick<AppDeps, 'secrets' | 'now'>, endpoint: Endpoint) {
  const secrets = [deps.secrets.open(endpoint.secretCiphertext)];
  if (
    endpoint.previousSecretCiphertext &&
    endpoint.previousSecretUntil &&
    endpoint.previousSecretUntil > deps.now()
  ) {
    secrets.push(deps.secrets.open(endpoint.previousSecretCiphertext));
  }
  return secrets;
}

const oneLine = (text: string, max = 300) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * One attempt of one delivery, from the worker. It first claims the row (due and unleased, or
 * any row for a replay), so a doubled job or a second worker sends nothing twice. The attempt is
 * signed with the endpoint's secret(s) and sent through the SSRF guard (no private addresses,
 * no redirects followed, 15 s). Then:
 * - 2xx: succeeded; the endpoint's failing streak ends.
 * - 410 Gone: the endpoint is disabled at once (a REST hook is removed) and its owner told.
 * - anything else: the next attempt is scheduled (honouring `Retry-After`) until the schedule is
 *   spent; an endpoint failing without a success for five days is disabled and its owner told.
 * A replay is one extra attempt with the same `webhook-id` and body: it never restarts or ends the
 * schedule, except by succeeding.
 */
export async function deliverWebhook(
  deps: AppDeps,
  deliveryId: string,
  trigger: WebhookAttemptTrigger = 'schedule',
): Promise<WebhookAttemptResult> {
  const now = deps.now();
  const unleased = or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, now));
  const [claimed] = await deps.db
    .update(webhookDeliveries)
    .set({
      leaseUntil: new Date(now.getTime() + WEBHOOK_LEASE_MS),
      ...(trigger === 'schedule' ? { attempts: sql`${webhookDeliveries.attempts} + 1` } : {}),
      updatedAt: now,
    })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        unleased,
        trigger === 'schedule'
          ? and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now))
          : undefined,
      ),
    )
    .returning();
  if (!claimed) return { status: 'skipped' };
  const mine = and(eq(webhookDeliveries.id, deliveryId), isNotNull(webhookDeliveries.leaseUntil));
  const release = () =>
    deps.db
      .update(webhookDeliveries)
      .set({ leaseUntil: null })
      .where(eq(webhookDeliveries.id, deliveryId));

  const [endpoint] = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, claimed.endpointId));
  if (!endpoint || (!endpoint.enabled && trigger === 'schedule')) {
    const error = 'The endpoint is turned off, so this was not sent';
    await deps.db
      .update(webhookDeliveries)
      .set({
        status: 'dead',
        lastError: error,
        nextAttemptAt: null,
        leaseUntil: null,
        updatedAt: deps.now(),
      })
      .where(mine);
    return { status: 'dead', statusCode: null, error };
  }

  let secrets: string[];
  try {
    secrets = signingSecrets(deps, endpoint);
  } catch (error) {
    // An operator's setting is missing (AUTH_SECRET): keep the delivery for when it is set.
    await release();
    throw error;
  }

  const attemptAt = deps.now();
  const headers = webhookHeaders(secrets, webhookMessageId(claimed.id), attemptAt, claimed.payload);
  const started = performance.now();
  let statusCode: number | null = null;
  let excerpt: string | null = null;
  let error: string | null = null;
  let retryAfterMs: number | null = null;
  try {
    const response = await safeFetch(endpoint.url, {
      method: 'POST',
      headers,
      body: claimed.payload,
      timeoutMs: deps.webhooks.timeoutMs,
      maxBytes: MAX_RESPONSE_BYTES,
      maxRedirects: 0,
      allowHosts: deps.webhooks.allowHosts,
      ...(deps.webhooks.resolve ? { resolve: deps.webhooks.resolve } : {}),
      ...(deps.webhooks.ca ? { ca: deps.webhooks.ca } : {}),
    });
    statusCode = response.status;
    excerpt = response.text().slice(0, EXCERPT_CHARS);
    retryAfterMs = parseRetryAfter(response.headers['retry-after'], deps.now());
    if (statusCode >= 300 && statusCode < 400) {
      error = `The endpoint answered ${statusCode} (a redirect); webhooks do not follow redirects`;
    } else if (statusCode < 200 || statusCode >= 300) {
      error = `The endpoint answered ${statusCode}`;
    }
  } catch (caught) {
    // An answer too large to read counts as a failure: its status is not known.
    error =
      caught instanceof SafeFetchError && caught.reason === 'too_large'
        ? 'The answer was larger than 64 KB'
        : oneLine(caught instanceof Error ? caught.message : String(caught));
  }
  const latencyMs = Math.max(0, Math.round(performance.now() - started));

  return deps.db.transaction(async (tx) => {
    const txDeps = { ...deps, db: tx };
    await tx.insert(webhookAttempts).values({
      userId: claimed.userId,
      deliveryId: claimed.id,
      trigger,
      attemptedAt: attemptAt,
      statusCode,
      latencyMs,
      responseExcerpt: excerpt,
      error,
    });
    const settle = (patch: Partial<typeof webhookDeliveries.$inferInsert>) =>
      tx
        .update(webhookDeliveries)
        .set({ ...patch, lastStatusCode: statusCode, leaseUntil: null, updatedAt: deps.now() })
        .where(mine);

    if (error === null && statusCode !== null) {
      await settle({
        status: 'succeeded',
        succeededAt: deps.now(),
        nextAttemptAt: null,
        lastError: null,
      });
      // The endpoint row is shared by all its deliveries: touch it only when its state changes
      // (a failing streak ends) or its last success is a minute old, not on every message.
      const stale =
        !endpoint.lastSuccessAt || deps.now().getTime() - endpoint.lastSuccessAt.getTime() > 60_000;
      if (endpoint.failingSince || stale) {
        await tx
          .update(webhookEndpoints)
          .set({ lastSuccessAt: deps.now(), failingSince: null })
          .where(eq(webhookEndpoints.id, endpoint.id));
      }
      return { status: 'succeeded', statusCode, attempts: claimed.attempts } as const;
    }
    const message = error ?? 'The attempt failed';

    if (statusCode === 410) {
      await settle({ status: 'dead', lastError: message, nextAttemptAt: null });
      await disableEndpoint(txDeps, endpoint, 'it answered 410 Gone');
      return { status: 'dead', statusCode, error: message } as const;
    }

    let result: WebhookAttemptResult;
    if (trigger === 'replay') {
      await settle({ lastError: message });
      result = { status: 'replay-failed', statusCode, error: message };
    } else {
      const nextAttemptAt = nextWebhookAttemptAt({
        attemptsMade: claimed.attempts,
        now: deps.now(),
        retryAfterMs,
        random: deps.webhooks.random,
      });
      if (nextAttemptAt) {
        await settle({ lastError: message, nextAttemptAt });
        await deps.jobs.send(
          webhookDeliver,
          { deliveryId: claimed.id, trigger: 'schedule' },
          { tx, startAfter: nextAttemptAt },
        );
        result = { status: 'retrying', statusCode, error: message, nextAttemptAt };
      } else {
        const dead = `${message}; no more attempts after ${WEBHOOK_MAX_ATTEMPTS}`;
        await settle({ status: 'dead', lastError: dead, nextAttemptAt: null });
        result = { status: 'dead', statusCode, error: dead };
      }
    }
    // The endpoint's failing streak: started now unless it already runs; days of it disable.
    const [streak] = await tx
      .update(webhookEndpoints)
      .set({
        failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${attemptAt.toISOString()}::timestamptz)`,
      })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning({
        failingSince: webhookEndpoints.failingSince,
        enabled: webhookEndpoints.enabled,
      });
    if (
      streak?.enabled &&
      streak.failingSince &&
      deps.now().getTime() - streak.failingSince.getTime() >= WEBHOOK_DISABLE_AFTER_MS
    ) {
      await disableEndpoint(txDeps, endpoint, 'it has failed every attempt for five days');
    }
    return result;
  });
}

/**
 * Stops sending to an endpoint and tells its owner (through `webhook.disabled`). A REST hook is
 * removed instead, as Zapier expects of a 410. Pending deliveries end when their attempt comes.
 */
export async function disableEndpoint(
  deps: AppDeps,
  endpoint: Endpoint,
  reason: string,
): Promise<void> {
  const removed = endpoint.source === 'rest_hook';
  const changed = removed
    ? await deps.db
        .delete(webhookEndpoints)
        .where(eq(webhookEndpoints.id, endpoint.id))
        .returning({ id: webhookEndpoints.id })
    : await deps.db
        .update(webhookEndpoints)
        .set({
          enabled: false,
          disabledAt: deps.now(),
          disabledReason: reason,
          updatedAt: deps.now(),
        })
        .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true)))
        .returning({ id: webhookEndpoints.id });
  if (changed.length === 0) return;
  await emit(deps, deps.db, {
    type: 'webhook.disabled',
    userId: endpoint.userId,
    data: { endpointId: endpoint.id, url: endpoint.url, reason, removed },
  });
}

/** How long after its due time a delivery waits for its own job before the sweep sends another. */
export const WEBHOOK_SWEEP_GRACE_MS = 2 * 60_000;

/** Pending deliveries due more than the grace ago with no live claim: their job was lost. */
export async function dueWebhookDeliveries(
  deps: Pick<AppDeps, 'now' | 'db'>,
  limit = 200,
): Promise<string[]> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - WEBHOOK_SWEEP_GRACE_MS);
  const rows = await deps.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        lte(webhookDeliveries.nextAttemptAt, cutoff),
        or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, now)),
      ),
    )
    .orderBy(webhookDeliveries.nextAttemptAt)
    .limit(limit);
  return rows.map((r) => r.id);
}
