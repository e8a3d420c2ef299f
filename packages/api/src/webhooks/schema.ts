import {
  POLLING_TRIGGER_NAMES,
  WEBHOOK_ATTEMPT_TRIGGERS,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_ENDPOINT_SOURCES,
  webhookEventPatternSchema,
  webhookEventTypesSchema,
} from '@proxy/core';
import { z } from 'zod';

const url = z
  .string()
  .trim()
  .min(1, 'Give the URL to send to')
  .max(2000, 'At most 2,000 characters');
const description = z.string().trim().max(200, 'At most 200 characters');
const id = z.uuid('Not an id');

export const createEndpointInput = z.object({
  url,
  description: description.optional(),
  eventTypes: webhookEventTypesSchema,
});

export const updateEndpointInput = z.object({
  id,
  url: url.optional(),
  description: description.optional(),
  eventTypes: webhookEventTypesSchema.optional(),
  enabled: z.boolean().optional(),
});

export const endpointIdInput = z.object({ id });

export const deliveriesInput = z.object({
  id,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const deliveryIdInput = z.object({ deliveryId: id });

export const endpointView = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  source: z.enum(WEBHOOK_ENDPOINT_SOURCES),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: z.date().nullable(),
  failingSince: z.date().nullable(),
  lastSuccessAt: z.date().nullable(),
  /** After a rotation the old secret still signs until then. */
  previousSecretValidUntil: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type EndpointView = z.infer<typeof endpointView>;

export const createdEndpointView = z.object({
  endpoint: endpointView,
  /** Shown once: store it in the receiver now. */
  secret: z.string(),
});

export const deliveryView = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  /** The `webhook-id` header of every attempt. */
  messageId: z.string(),
  eventType: z.string(),
  eventId: z.uuid().nullable(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  succeededAt: z.date().nullable(),
});
export type DeliveryView = z.infer<typeof deliveryView>;

export const attemptView = z.object({
  id: z.uuid(),
  trigger: z.enum(WEBHOOK_ATTEMPT_TRIGGERS),
  attemptedAt: z.date(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
});

export const deliveryDetailView = deliveryView.extend({
  /** The body exactly as signed and sent. */
  payload: z.string(),
  attemptLog: z.array(attemptView),
});

export const deliveryPageView = z.object({
  items: z.array(deliveryView),
  nextCursor: z.string().nullable(),
});

export const eventTypesView = z.object({
  types: z.array(z.object({ type: z.string(), group: z.string() })),
  patterns: z.array(z.string()),
});

/** Zapier's REST hooks: subscribe with a target URL and one event; a 410 from it unsubscribes. */
export const restHookInput = z
  .object({
    target_url: url.optional(),
    /** Zapier's CLI names it hookUrl. */
    hookUrl: url.optional(),
    event: webhookEventPatternSchema,
  })
  .refine((v) => v.target_url ?? v.hookUrl, {
    message: 'Give target_url, the URL to send to',
    path: ['target_url'],
  });

export const restHookView = z.object({
  id: z.uuid(),
  target_url: z.string(),
  event: z.string(),
  /** To verify signatures, if the tool can; REST hooks work without it. */
  secret: z.string(),
});

export const pollingInput = z.object({
  trigger: z.enum(POLLING_TRIGGER_NAMES as [string, ...string[]]),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const pollingItem = z.object({
  id: z.uuid(),
  type: z.string(),
  version: z.number().int(),
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});
