import {
  DomainError,
  POLLING_TRIGGERS,
  type PollingTrigger,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_ROTATION_OVERLAP_MS,
  webhookPayload,
} from '@proxy/core';
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints } from '@proxy/db/schema';
import { and, asc, count, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../context';
import { webhookDeliver } from '../jobs/definitions/webhooks';
import { SafeFetchError, vetUserUrl } from '../net/safe-fetch';
import { enqueueWebhookDeliveries } from './enqueue';
import {
  createEndpointInput,
  type DeliveryView,
  deliveriesInput,
  type EndpointView,
  pollingInput,
  restHookInput,
  updateEndpointInput,
} from './schema';
import { newWebhookSecret, webhookMessageId } from './signing';

/** Endpoints and REST hooks a person may hold. */
export const MAX_ENDPOINTS_PER_PERSON = 50;

type Endpoint = typeof webhookEndpoints.$inferSelect;
type Delivery = typeof webhookDeliveries.$inferSelect;

function endpointView(row: Endpoint, now: Date): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    source: row.source,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt,
    failingSince: row.failingSince,
    lastSuccessAt: row.lastSuccessAt,
    previousSecretValidUntil:
      row.previousSecretUntil && row.previousSecretUntil > now ? row.previousSecretUntil : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function deliveryView(row: Delivery): DeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    messageId: webhookMessageId(row.id),
    eventType: row.eventType,
    eventId: row.eventId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    succeededAt: row.succeededAt,
  };
}

/** The URL as it will be stored, refused now if it is not http(s) or reaches a private address. */
async function vetUrl(deps: AppDeps, raw: string, field = 'url'): Promise<string> {
  try {
    const url = await vetUserUrl(raw, {
      allowHosts: deps.webhooks.allowHosts,
      ...(deps.webhooks.resolve ? { resolve: deps.webhooks.resolve } : {}),
    });
    return url.href;
  } catch (error) {
    if (error instanceof SafeFetchError) {
      const why = error.message.replace(/^refused: /, '');
      const message =
        error.reason === 'address'
          ? `Webhooks cannot go to private or local addresses: ${why}`
          : why;
      throw new DomainError('BAD_REQUEST', message, { fieldErrors: { [field]: [message] } });
    }
    throw error;
  }
}

async function ownedEndpoint(deps: AppDeps, userId: string, id: string): Promise<Endpoint> {
  const [row] = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.userId, userId)));
  if (!row) throw new DomainError('NOT_FOUND', 'Webhook endpoint not found');
  return row;
}

async function ownedDelivery(deps: AppDeps, userId: string, id: string): Promise<Delivery> {
  const [row] = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.userId, userId)));
  if (!row) throw new DomainError('NOT_FOUND', 'Webhook delivery not found');
  return row;
}

export async function listEndpoints(deps: AppDeps, userId: string): Promise<EndpointView[]> {
  const rows = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.userId, userId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  const now = deps.now();
  return rows.map((r) => endpointView(r, now));
}

export async function getEndpoint(deps: AppDeps, userId: string, id: string) {
  return endpointView(await ownedEndpoint(deps, userId, id), deps.now());
}

/** A new endpoint and its secret, which is shown this once and stored only sealed. */
export async function createEndpoint(
  deps: AppDeps,
  userId: string,
  raw: z.input<typeof createEndpointInput>,
  source: Endpoint['source'] = 'settings',
): Promise<{ endpoint: EndpointView; secret: string }> {
  const input = createEndpointInput.parse(raw);
  const url = await vetUrl(deps, input.url);
  const secret = newWebhookSecret();
  const sealed = deps.secrets.seal(secret);
  return deps.db.transaction(async (tx) => {
    const [held] = await tx
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.userId, userId));
    if (Number(held?.n ?? 0) >= MAX_ENDPOINTS_PER_PERSON) {
      throw new DomainError(
        'BAD_REQUEST',
        `You have ${MAX_ENDPOINTS_PER_PERSON} webhook endpoints already; remove one first`,
      );
    }
    const now = deps.now();
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        userId,
        url,
        description: input.description ?? '',
        eventTypes: input.eventTypes,
        source,
        secretCiphertext: sealed,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { endpoint: endpointView(row!, now), secret };
  });
}

export async function updateEndpoint(
  deps: AppDeps,
  userId: string,
  raw: z.input<typeof updateEndpointInput>,
): Promise<EndpointView> {
  const input = updateEndpointInput.parse(raw);
  await ownedEndpoint(deps, userId, input.id);
  const now = deps.now();
  const patch: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: now };
  if (input.url !== undefined) patch.url = await vetUrl(deps, input.url);
  if (input.description !== undefined) patch.description = input.description;
  if (input.eventTypes !== undefined) patch.eventTypes = input.eventTypes;
  if (input.enabled === true) {
    // Back on: a fresh start, without the failing streak that turned it off.
    Object.assign(patch, {
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
    });
  } else if (input.enabled === false) {
    Object.assign(patch, { enabled: false, disabledAt: now, disabledReason: 'Turned off by you' });
  }
  const [row] = await deps.db
    .update(webhookEndpoints)
    .set(patch)
    .where(and(eq(webhookEndpoints.id, input.id), eq(webhookEndpoints.userId, userId)))
    .returning();
  return endpointView(row!, now);
}

export async function deleteEndpoint(deps: AppDeps, userId: string, id: string) {
  const rows = await deps.db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.userId, userId)))
    .returning({ id: webhookEndpoints.id });
  if (rows.length === 0) throw new DomainError('NOT_FOUND', 'Webhook endpoint not found');
  return { id, deleted: true as const };
}

/**
 * A new secret, shown once. For a day both sign each message (two `v1,` signatures), so a
 * receiver can switch without missing one.
 */
export async function rotateSecret(deps: AppDeps, userId: string, id: string) {
  const endpoint = await ownedEndpoint(deps, userId, id);
  const secret = newWebhookSecret();
  const now = deps.now();
  const previousSecretValidUntil = new Date(now.getTime() + WEBHOOK_ROTATION_OVERLAP_MS);
  await deps.db
    .update(webhookEndpoints)
    .set({
      secretCiphertext: deps.secrets.seal(secret),
      previousSecretCiphertext: endpoint.secretCiphertext,
      previousSecretUntil: previousSecretValidUntil,
      updatedAt: now,
    })
    .where(eq(webhookEndpoints.id, id));
  return { secret, previousSecretValidUntil };
}

/** A `webhook.test` message to one endpoint, through the same path as every other. */
export async function sendTest(deps: AppDeps, userId: string, id: string) {
  const endpoint = await ownedEndpoint(deps, userId, id);
  if (!endpoint.enabled) {
    throw new DomainError('BAD_REQUEST', 'Turn the endpoint on before sending it a test');
  }
  const pingId = crypto.randomUUID();
  const [deliveryId] = await deps.db.transaction((tx) =>
    enqueueWebhookDeliveries(deps, tx, {
      userId,
      endpointId: id,
      eventId: null,
      cause: `ping:${pingId}`,
      payload: webhookPayload({
        type: 'webhook.test',
        version: 1,
        id: pingId,
        occurredAt: deps.now(),
        data: { endpointId: id, message: 'A test from Proxy: this endpoint receives webhooks.' },
      }),
    }),
  );
  if (!deliveryId) throw new Error('the test delivery was not queued');
  return { deliveryId, messageId: webhookMessageId(deliveryId) };
}

const cursorOf = (row: Delivery) => `${row.createdAt.toISOString()}|${row.id}`;
function parseCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = cursor.split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime())) throw new DomainError('BAD_REQUEST', 'Bad cursor');
  return { at: date, id };
}

/** An endpoint's deliveries, newest first. */
export async function listDeliveries(
  deps: AppDeps,
  userId: string,
  raw: z.input<typeof deliveriesInput>,
) {
  const input = deliveriesInput.parse(raw);
  await ownedEndpoint(deps, userId, input.id);
  const where: (SQL | undefined)[] = [
    eq(webhookDeliveries.endpointId, input.id),
    eq(webhookDeliveries.userId, userId),
    input.status ? eq(webhookDeliveries.status, input.status) : undefined,
  ];
  if (input.cursor) {
    const c = parseCursor(input.cursor);
    where.push(
      or(
        lt(webhookDeliveries.createdAt, c.at),
        and(eq(webhookDeliveries.createdAt, c.at), lt(webhookDeliveries.id, c.id)),
      ),
    );
  }
  const rows = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(deliveryView),
    nextCursor: rows.length > input.limit ? cursorOf(page[page.length - 1]!) : null,
  };
}

export async function getDelivery(deps: AppDeps, userId: string, deliveryId: string) {
  const row = await ownedDelivery(deps, userId, deliveryId);
  const attempts = await deps.db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.id));
  return {
    ...deliveryView(row),
    payload: row.payload,
    attemptLog: attempts.map((a) => ({
      id: a.id,
      trigger: a.trigger,
      attemptedAt: a.attemptedAt,
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
    })),
  };
}

/** Sends a delivery once more, with its own `webhook-id` and body, from the worker. */
export async function replayDelivery(deps: AppDeps, userId: string, deliveryId: string) {
  const delivery = await ownedDelivery(deps, userId, deliveryId);
  const endpoint = await ownedEndpoint(deps, userId, delivery.endpointId);
  if (!endpoint.enabled) {
    throw new DomainError('BAD_REQUEST', 'Turn the endpoint on before replaying to it');
  }
  await deps.jobs.send(webhookDeliver, { deliveryId, trigger: 'replay' });
  return { deliveryId, messageId: webhookMessageId(deliveryId), queued: true as const };
}

/** What an endpoint can subscribe to, grouped by domain, and the patterns that match groups. */
export function webhookEventTypes() {
  const types = WEBHOOK_EVENT_TYPES.map((type) => ({ type, group: type.split('.')[0]! }));
  const groups = [...new Set(types.map((t) => t.group))];
  return { types, patterns: ['*', ...groups.map((g) => `${g}.*`)] };
}

// --- Zapier-style REST hooks -----------------------------------------------------------------

export async function subscribeRestHook(
  deps: AppDeps,
  userId: string,
  raw: z.input<typeof restHookInput>,
) {
  const input = restHookInput.parse(raw);
  const target = (input.target_url ?? input.hookUrl)!;
  try {
    const { endpoint, secret } = await createEndpoint(
      deps,
      userId,
      { url: target, eventTypes: [input.event], description: `REST hook: ${input.event}` },
      'rest_hook',
    );
    return { id: endpoint.id, target_url: endpoint.url, event: input.event, secret };
  } catch (error) {
    if (error instanceof DomainError && error.fieldErrors?.url) {
      throw new DomainError('BAD_REQUEST', error.message, {
        fieldErrors: { target_url: error.fieldErrors.url },
      });
    }
    throw error;
  }
}

export async function unsubscribeRestHook(deps: AppDeps, userId: string, id: string) {
  const rows = await deps.db
    .delete(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.id, id),
        eq(webhookEndpoints.userId, userId),
        eq(webhookEndpoints.source, 'rest_hook'),
      ),
    )
    .returning({ id: webhookEndpoints.id });
  if (rows.length === 0) throw new DomainError('NOT_FOUND', 'REST hook not found');
  return { id, deleted: true as const };
}

// --- Polling triggers --------------------------------------------------------------------------

/**
 * Recent items for tools that poll, newest first, each with the event's stable id (the same id a
 * webhook carries), so a poller deduplicates exactly. A focus session counts once it completed.
 */
export async function pollTrigger(
  deps: AppDeps,
  userId: string,
  raw: z.input<typeof pollingInput>,
) {
  const input = pollingInput.parse(raw);
  const type = POLLING_TRIGGERS[input.trigger as PollingTrigger];
  const rows = await deps.db
    .select()
    .from(events)
    .where(
      and(
        eq(events.userId, userId),
        eq(events.type, type),
        input.trigger === 'focus-completed'
          ? sql`(${events.data}->>'completed')::boolean`
          : undefined,
      ),
    )
    .orderBy(desc(events.seq))
    .limit(input.limit);
  return rows.map((r) =>
    webhookPayload({
      type: r.type as (typeof POLLING_TRIGGERS)[PollingTrigger],
      version: r.version,
      id: r.id,
      occurredAt: r.occurredAt,
      data: r.data as Record<string, unknown>,
    }),
  );
}
