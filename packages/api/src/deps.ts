import type { Database } from '@proxy/db';
import { type AdminConfig, NO_ADMINS } from './admin/config';
import type { AiConfigInput } from './ai/config';
import { type AiRouter, createAiRouterForDb } from './ai/index';
import { type AccountLimits, createAccountLimiter } from './auth/account-limits';
import { createSignInLimiter, type SignInLimits } from './auth/rate-limit';
import {
  type AppDeps,
  DEFAULT_DELEGATION_CONFIG,
  DEFAULT_EVENTS_CONFIG,
  DEFAULT_MONITOR_CONFIG,
  DEFAULT_WEBHOOK_CONFIG,
  type DelegationConfig,
  type EventsConfig,
  type Mailer,
  type WebhookConfig,
} from './context';
import type { JobQueue } from './jobs/queue';
import type { MonitorConfigOverrides } from './monitors/config';
import type { PushConfig } from './notifications/push';
import { createSecretBox, UNAVAILABLE_SECRET_BOX } from './secrets/box';

/** Builds the process-wide dependencies from an open database. */
export function createAppDeps(
  db: Database,
  options: {
    /** The process's job queue (see openJobQueue). */
    jobs: JobQueue;
    now?: () => Date;
    signInLimits?: SignInLimits;
    accountLimits?: AccountLimits;
    /** AI configuration (validated here) or a ready router; default: offline only. */
    ai?: AiConfigInput | AiRouter;
    delegation?: Partial<DelegationConfig>;
    monitors?: MonitorConfigOverrides;
    mailer?: Mailer | undefined;
    push?: PushConfig | undefined;
    events?: Partial<EventsConfig>;
    publicUrl?: string;
    admin?: AdminConfig;
    /** AUTH_SECRET: the key the secret box derives from; without it stored secrets stay shut. */
    secretKey?: string | undefined;
    webhooks?: Partial<WebhookConfig>;
  },
): AppDeps {
  const now = options.now ?? (() => new Date());
  return {
    db,
    jobs: options.jobs,
    limiter: createSignInLimiter(db, options.signInLimits),
    accountLimiter: createAccountLimiter(db, options.accountLimits),
    now,
    ai:
      options.ai && 'generate' in options.ai
        ? options.ai
        : createAiRouterForDb(db, options.ai ?? {}, { now }),
    delegation: { ...DEFAULT_DELEGATION_CONFIG, ...options.delegation },
    monitors: {
      ...DEFAULT_MONITOR_CONFIG,
      ...options.monitors,
      fetch: { ...DEFAULT_MONITOR_CONFIG.fetch, ...options.monitors?.fetch },
    },
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.push ? { push: options.push } : {}),
    events: { ...DEFAULT_EVENTS_CONFIG, ...options.events },
    publicUrl: options.publicUrl ?? 'http://localhost:3000',
    admin: options.admin ?? NO_ADMINS,
    secrets: options.secretKey ? createSecretBox(options.secretKey) : UNAVAILABLE_SECRET_BOX,
    webhooks: { ...DEFAULT_WEBHOOK_CONFIG, ...options.webhooks },
  };
}
