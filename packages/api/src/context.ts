import type { ApiKeyScope } from '@proxy/core';
import type { Database } from '@proxy/db';
import type { AdminConfig } from './admin/config';
import type { AiRouter } from './ai/router';
import type { AccountLimiter } from './auth/account-limits';
import type { SignInLimiter } from './auth/rate-limit';
import type { JobQueue } from './jobs/queue';
import type { PushConfig } from './notifications/push';

/** Who is calling: a person through their browser session, or a program with an API key. */
export type Caller =
  | { userId: string; via: 'session' }
  | { userId: string; via: 'apiKey'; keyId: string; scopes: ApiKeyScope[] };

/** Long-lived dependencies, built once per process and shared by every request. */
export interface AppDeps {
  db: Database;
  limiter: SignInLimiter;
  /** Limits on registration, reset requests and account mails. */
  accountLimiter: AccountLimiter;
  /** The clock; tests inject their own. */
  now: () => Date;
  /** The AI provider router; without it, AI features answer offline. */
  ai?: AiRouter;
  delegation: DelegationConfig;
  /**
   * The job queue: every process has one (the web server's only sends). Given a transaction, a
   * job is written in it, so it exists exactly when the write that caused it commits.
   */
  jobs: JobQueue;
  monitors: MonitorConfig;
  /** Sends email; without it the email channel is off. */
  mailer?: Mailer;
  /** Web Push (VAPID keys); without it the push channel is off. */
  push?: PushConfig;
  events: EventsConfig;
  /** The web app's own address, for links in emails ("http://localhost:3000"). */
  publicUrl: string;
  /** Who administers this installation. */
  admin: AdminConfig;
  /** Seals and opens the secrets we must read back (webhook secrets, calendar tokens). */
  secrets: import('./secrets/box').SecretBox;
  webhooks: WebhookConfig;
}

/** How webhooks are sent. */
export interface WebhookConfig {
  /** One attempt's whole time, connection to last byte (the specification suggests 15 s). */
  timeoutMs: number;
  /** Trusted internal hosts that skip the address check: an operator setting, empty by default. */
  allowHosts: readonly string[];
  /** Tests inject a resolver and a CA; production uses DNS and the system roots. */
  resolve?: import('./net/safe-fetch').Resolver;
  ca?: string | readonly string[];
  /** The retry jitter's source; tests make it fixed. */
  random: () => number;
}
export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  timeoutMs: 15_000,
  allowHosts: [],
  random: Math.random,
};

/** How long dispatched events are kept as the person's activity history. */
export interface EventsConfig {
  retentionDays: number;
}

export const DEFAULT_EVENTS_CONFIG: EventsConfig = { retentionDays: 90 };

/** How monitors fetch and evaluate. */
export interface MonitorConfig {
  /** A fetched fact is reused by monitors of the same source for this long. */
  factTtlMs: number;
  /** An evaluation holds its monitor this long at most (a crashed worker's hold runs out). */
  leaseMs: number;
  /** The SSRF-guarded fetch's settings for sources. */
  fetch: {
    timeoutMs: number;
    maxBytes: number;
    /** Trusted internal hosts that skip the address check: an operator setting, empty by default. */
    allowHosts: readonly string[];
    /** Tests inject a resolver and a CA; production uses DNS and the system roots. */
    resolve?: import('./net/safe-fetch').Resolver;
    ca?: string | readonly string[];
  };
}

export const DEFAULT_MONITOR_CONFIG: MonitorConfig = {
  factTtlMs: 60_000,
  leaseMs: 15_000,
  fetch: { timeoutMs: 10_000, maxBytes: 1_000_000, allowHosts: [] },
};

/** One email, as the notification channel hands it to the transport. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable per notification and channel, so a resent message is recognisably the same one. */
  messageId: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** How long an agent may sit on work before the worker hands it to another. */
export interface DelegationConfig {
  /** An assignment not accepted within this is reassigned. */
  acceptTimeoutMs: number;
  /** An accepted assignment whose agent has not heart-beaten or reported within this is reassigned. */
  heartbeatTimeoutMs: number;
}

export const DEFAULT_DELEGATION_CONFIG: DelegationConfig = {
  acceptTimeoutMs: 15 * 60_000,
  heartbeatTimeoutMs: 10 * 60_000,
};

export interface Context extends AppDeps {
  /** The raw `Authorization` header, resolved lazily by the auth middleware. */
  authorization: string | null;
  /** The browser session's user, resolved lazily (Auth.js in the web app). */
  getSessionUserId: () => Promise<string | null>;
  clientIp: string;
  /** Filled by the auth middleware for protected procedures. */
  caller?: Caller;
}

export interface CreateContextOptions {
  deps: AppDeps;
  headers: Headers;
  getSessionUserId?: () => Promise<string | null>;
}

/**
 * Set by the web server (`apps/web/server.mjs`, the same name in `client-address.mjs`) from the
 * TCP peer and TRUST_PROXY, after it removes any copy a client sent.
 */
export const CLIENT_ADDRESS_HEADER = 'x-proxy-client-address';

/**
 * The client address for limits and logs. Never X-Forwarded-For as sent: anyone can write it.
 * Without the server's header (a bare `next start`) every client is "unknown", which only
 * makes the per-address limits stricter.
 */
export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim() || 'unknown';
}

export function createContext({ deps, headers, getSessionUserId }: CreateContextOptions): Context {
  return {
    ...deps,
    authorization: headers.get('authorization'),
    getSessionUserId: getSessionUserId ?? (async () => null),
    clientIp: clientIpFrom(headers),
  };
}
