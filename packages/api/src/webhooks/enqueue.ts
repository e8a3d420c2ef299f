import { type WebhookEventType, type WebhookPayload, webhookTypeMatches } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { webhookDeliveries, webhookEndpoints } from '@proxy/db/schema';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { webhookDeliver } from '../jobs/definitions/webhooks';

/**
 * Writes one delivery per enabled endpoint of the person that wants this type, each with the job
 * of its first attempt, in the caller's transaction. Unique per (endpoint, cause): a second call
 * for the same cause adds nothing. Answers the new deliveries' ids.
 */
export async function enqueueWebhookDeliveries(
  deps: Pick<AppDeps, 'jobs' | 'now'>,
  tx: DbOrTx,
  input: {
    userId: string;
    payload: WebhookPayload;
    /** The stored event it carries, if any. */
    eventId: string | null;
    /** "event:<id>", "notification:<id>", "ping:<id>". */
    cause: string;
    /** Only this endpoint (a test ping); otherwise every endpoint whose types match. */
    endpointId?: string;
  },
): Promise<string[]> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.userId, input.userId),
        eq(webhookEndpoints.enabled, true),
        input.endpointId ? eq(webhookEndpoints.id, input.endpointId) : undefined,
      ),
    );
  const type = input.payload.type as WebhookEventType;
  const wanted = endpoints.filter((e) => e.eventTypes.some((p) => webhookTypeMatches(p, type)));
  if (wanted.length === 0) return [];
  const now = deps.now();
  const body = JSON.stringify(input.payload);
  const rows = await tx
    .insert(webhookDeliveries)
    .values(
      wanted.map((e) => ({
        userId: input.userId,
        endpointId: e.id,
        eventId: input.eventId,
        dedupeKey: input.cause,
        eventType: type,
        payload: body,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  for (const row of rows) {
    await deps.jobs.send(webhookDeliver, { deliveryId: row.id, trigger: 'schedule' }, { tx });
  }
  return rows.map((r) => r.id);
}
