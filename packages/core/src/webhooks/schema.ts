import { z } from 'zod';
import { DOMAIN_EVENT_TYPES, type DomainEventType, eventTypeMatches } from '../events/schema';

/**
 * Outgoing webhooks, by the Standard Webhooks specification: what an endpoint may subscribe to,
 * what a message looks like, and when a failed delivery is tried again. Pure rules; the API
 * stores, signs and sends.
 */

/** Where an endpoint came from: the integrations page (or its API), or a Zapier-style REST hook. */
export const WEBHOOK_ENDPOINT_SOURCES = ['settings', 'rest_hook'] as const;
export type WebhookEndpointSource = (typeof WEBHOOK_ENDPOINT_SOURCES)[number];

/**
 * pending: waiting for its next attempt (the first or a retry); succeeded: a 2xx answered;
 * dead: its retries are spent, or its endpoint was disabled or removed before it went.
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Why an attempt was made: its schedule, a person's replay, or the test ping. */
export const WEBHOOK_ATTEMPT_TRIGGERS = ['schedule', 'replay'] as const;
export type WebhookAttemptTrigger = (typeof WEBHOOK_ATTEMPT_TRIGGERS)[number];

/** Types that exist only as webhook messages: the test ping, and notifications as a channel. */
export const WEBHOOK_ONLY_TYPES = ['webhook.test', 'notification.created'] as const;
export type WebhookOnlyType = (typeof WEBHOOK_ONLY_TYPES)[number];

export type WebhookEventType = DomainEventType | WebhookOnlyType;

/** Every type an endpoint can receive: the domain events, then the notification channel. */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  ...DOMAIN_EVENT_TYPES,
  'notification.created',
];

/** `*`, `task.*` or an exact type, over domain events and `notification.created`. */
export function webhookTypeMatches(pattern: string, type: WebhookEventType): boolean {
  if (type === 'webhook.test') return true; // a ping reaches any endpoint it is sent to
  if (type === 'notification.created') {
    return pattern === '*' || pattern === 'notification.*' || pattern === type;
  }
  return eventTypeMatches(pattern, type);
}

export const webhookEventPatternSchema = z
  .string()
  .trim()
  .max(100)
  .refine((p) => WEBHOOK_EVENT_TYPES.some((t) => webhookTypeMatches(p, t)), {
    message: 'Not an event type (or a pattern such as "task.*", or "*" for everything)',
  });

export const webhookEventTypesSchema = z
  .array(webhookEventPatternSchema)
  .min(1, 'Choose at least one event type')
  .max(50, 'At most 50 event types')
  .transform((types) => [...new Set(types)]);

/**
 * The body of every message: `{ type, timestamp, data }` as the specification recommends, plus
 * `version` (the shape of `data` for this type; it grows when the shape changes) and `id` (the
 * event's own id, stable across endpoints, replays and polling).
 */
export type WebhookPayload = {
  type: WebhookEventType;
  version: number;
  id: string;
  timestamp: string;
  data: Record<string, unknown>;
};

export function webhookPayload(input: {
  type: WebhookEventType;
  version: number;
  id: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}): WebhookPayload {
  return {
    type: input.type,
    version: input.version,
    id: input.id,
    timestamp: input.occurredAt.toISOString(),
    data: input.data,
  };
}

/**
 * The specification's schedule: the first attempt at once, then retries after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (about three days and three hours in all).
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

/** A `Retry-After` longer than this is not honoured to the letter (the schedule's longest step). */
const RETRY_AFTER_CAP_MS = 24 * 3_600_000;

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now; null when absent or bad. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, RETRY_AFTER_CAP_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now.getTime()), RETRY_AFTER_CAP_MS);
}

/**
 * When attempt number `attemptsMade + 1` goes, after `attemptsMade` failures; null when the
 * schedule is spent. Each step gets up to 10% of jitter (so many endpoints failing together do not
 * retry in lockstep), and a `Retry-After` the receiver asked for is waited out when it is longer.
 */
export function nextWebhookAttemptAt(input: {
  attemptsMade: number;
  now: Date;
  retryAfterMs?: number | null;
  random?: () => number;
}): Date | null {
  const step = WEBHOOK_RETRY_DELAYS_MS[input.attemptsMade - 1];
  if (step === undefined || input.attemptsMade < 1) return null;
  const jittered = step * (1 + 0.1 * (input.random ?? Math.random)());
  const wait = Math.max(jittered, input.retryAfterMs ?? 0);
  return new Date(input.now.getTime() + Math.round(wait));
}

/** An endpoint failing without a single success for this long is disabled and its owner told. */
export const WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * 3_600_000;

/** After a secret rotation, messages carry the old signature too for this long. */
export const WEBHOOK_ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** Polling triggers for Zapier-style tools: each maps to the event that feeds it. */
export const POLLING_TRIGGERS = {
  'task-created': 'task.created',
  'task-completed': 'task.completed',
  'focus-completed': 'focus.ended',
  'monitor-triggered': 'monitor.triggered',
} as const satisfies Record<string, DomainEventType>;
export type PollingTrigger = keyof typeof POLLING_TRIGGERS;
export const POLLING_TRIGGER_NAMES = Object.keys(POLLING_TRIGGERS) as PollingTrigger[];
