import { DomainError } from '@proxy/core';
import type { AiOutcome, AttemptRecord, SkippedProvider } from './types';

/** A failed provider call, classified: what happened and whether trying again can help. */
export class ProviderCallError extends Error {
  readonly outcome: Exclude<AiOutcome, 'success'>;
  readonly retryable: boolean;
  readonly httpStatus: number | null;
  readonly retryAfterMs: number | null;
  /** Tokens the provider billed for a response that was then refused (invalid output). */
  readonly inputTokens: number;
  readonly outputTokens: number;

  constructor(
    outcome: Exclude<AiOutcome, 'success'>,
    message: string,
    options: {
      retryable?: boolean;
      httpStatus?: number | null;
      retryAfterMs?: number | null;
      inputTokens?: number;
      outputTokens?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ProviderCallError';
    this.outcome = outcome;
    this.retryable = options.retryable ?? outcome !== 'client_error';
    this.httpStatus = options.httpStatus ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.inputTokens = options.inputTokens ?? 0;
    this.outputTokens = options.outputTokens ?? 0;
  }
}

/** 408, 409, 425, 429 and every 5xx (Anthropic's 529 "overloaded" too) are worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

export function outcomeForStatus(status: number): Exclude<AiOutcome, 'success'> {
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server_error';
  return 'client_error';
}

/**
 * Milliseconds to wait from `retry-after-ms`, or `retry-after` in seconds or as an HTTP date
 * (measured against the injected clock). Null when absent or unreadable.
 */
export function parseRetryAfter(
  headers: { get(name: string): string | null } | undefined | null,
  now: number,
): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const KEY_SHAPES = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(?:pxy|key|api)_[A-Za-z0-9_-]{16,}/g,
  /\bBearer\s+[^\s"',]+/gi,
  /\bx-api-key["']?\s*[:=]\s*["']?[^\s"',]+/gi,
];

/**
 * Removes every configured secret and anything shaped like a key from text that will be kept
 * (ledger rows, logs, error messages), and keeps it short.
 */
export function scrubSecrets(text: string, secrets: readonly string[], max = 300): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const shape of KEY_SHAPES) out = out.replace(shape, '[redacted]');
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

const month = (d: Date) =>
  d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

export function nextMonthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** A monthly budget is spent: a clear refusal with the date it resets. */
export class AiBudgetExceededError extends DomainError {
  readonly scope: 'user' | 'global';

  constructor(scope: 'user' | 'global', budgetUsd: number, now: Date) {
    const resets = nextMonthStart(now);
    super(
      'TOO_MANY_REQUESTS',
      scope === 'user'
        ? `Your monthly AI budget of $${budgetUsd.toFixed(2)} is spent. It resets on ${month(resets)}; features that work offline still do.`
        : `This service's monthly AI budget is spent. It resets on ${month(resets)}; features that work offline still do.`,
      { retryAfterSeconds: Math.max(1, Math.ceil((resets.getTime() - now.getTime()) / 1000)) },
    );
    this.name = 'AiBudgetExceededError';
    this.scope = scope;
  }
}

/** Too many AI calls by one person in the last minute. */
export class AiRateLimitedError extends DomainError {
  constructor(what: 'requests' | 'tokens', retryAfterSeconds: number) {
    super(
      'TOO_MANY_REQUESTS',
      what === 'requests'
        ? `Too many AI requests in the last minute. Try again in ${retryAfterSeconds} seconds.`
        : `Too much AI text in the last minute. Try again in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
    this.name = 'AiRateLimitedError';
  }
}

/**
 * No provider gave a valid answer. Carries every attempt (and every provider passed over) for
 * logs and tests; the person sees only the message.
 */
export class AiUnavailableError extends DomainError {
  readonly attempts: AttemptRecord[];
  readonly skipped: SkippedProvider[];

  constructor(attempts: AttemptRecord[], skipped: SkippedProvider[], retryAfterSeconds?: number) {
    const tried = [...new Set(attempts.map((a) => a.provider))];
    super(
      'SERVICE_UNAVAILABLE',
      attempts.length === 0
        ? 'No AI provider is available right now. Try again shortly.'
        : `No AI provider could answer (${attempts.length} attempt${attempts.length === 1 ? '' : 's'} at ${tried.join(', ')}). Try again shortly.`,
      retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
    );
    this.name = 'AiUnavailableError';
    this.attempts = attempts;
    this.skipped = skipped;
  }
}
