import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nextWebhookAttemptAt,
  parseRetryAfter,
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_RETRY_DELAYS_MS,
  webhookEventTypesSchema,
  webhookTypeMatches,
} from './schema';

const now = new Date('2026-12-07T10:00:00Z');

describe('the webhook retry schedule', () => {
  it('is the specification: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h', () => {
    expect(WEBHOOK_RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([
      5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400,
    ]);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(10);
    expect(nextWebhookAttemptAt({ attemptsMade: 10, now })).toBeNull();
    expect(nextWebhookAttemptAt({ attemptsMade: 0, now })).toBeNull();
  });

  it('every retry waits its step plus at most 10% jitter, or the Retry-After when longer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 86_400_000 }), { nil: null }),
        (attemptsMade, r, retryAfterMs) => {
          const at = nextWebhookAttemptAt({ attemptsMade, now, retryAfterMs, random: () => r });
          const wait = at!.getTime() - now.getTime();
          const step = WEBHOOK_RETRY_DELAYS_MS[attemptsMade - 1]!;
          expect(wait).toBeGreaterThanOrEqual(step);
          expect(wait).toBeLessThanOrEqual(Math.max(Math.round(step * 1.1), retryAfterMs ?? 0));
          if (retryAfterMs !== null) expect(wait).toBeGreaterThanOrEqual(retryAfterMs);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads Retry-After as seconds or a date, and ignores nonsense', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 07 Dec 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999999', now)).toBe(24 * 3_600_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('event type subscriptions', () => {
  it('match exact types, groups and everything; notifications only when asked', () => {
    expect(webhookTypeMatches('task.*', 'task.completed')).toBe(true);
    expect(webhookTypeMatches('task.completed', 'task.created')).toBe(false);
    expect(webhookTypeMatches('*', 'monitor.triggered')).toBe(true);
    expect(webhookTypeMatches('*', 'notification.created')).toBe(true);
    expect(webhookTypeMatches('task.*', 'notification.created')).toBe(false);
    expect(webhookTypeMatches('notification.*', 'notification.created')).toBe(true);
    expect(webhookTypeMatches('focus.ended', 'webhook.test')).toBe(true);
  });

  it('refuses unknown types and empty lists, and drops repeats', () => {
    expect(webhookEventTypesSchema.safeParse(['task.exploded']).success).toBe(false);
    expect(webhookEventTypesSchema.safeParse([]).success).toBe(false);
    expect(webhookEventTypesSchema.parse(['task.*', 'task.*', 'focus.ended'])).toEqual([
      'task.*',
      'focus.ended',
    ]);
  });
});
