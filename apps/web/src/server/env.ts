import 'server-only';
import { dirname, join } from 'node:path';
import {
  type AccountLimits,
  type AdminConfig,
  type AiConfig,
  accountLimitsFromEnv,
  adminConfigFromEnv,
  aiConfigFromEnv,
  eventsConfigFromEnv,
  type Mailer,
  type MonitorConfigOverrides,
  mailerFromEnv,
  monitorConfigFromEnv,
  type PushConfig,
  publicUrlFromEnv,
  pushConfigFromEnv,
} from '@proxy/api';
import { defaultPgliteDataDir } from '@proxy/db';
import { defaultAuthSecretFile, loadServerEnv, type ServerEnv } from './env-schema';

export type { ServerEnv } from './env-schema';

let cached: ServerEnv | undefined;

/**
 * The web server's validated environment: the only place it reads `process.env`. Resolved on
 * first use, not at import, so `next build` never needs the runtime secrets.
 */
export function serverEnv(): ServerEnv {
  cached ??= loadServerEnv(process.env, {
    secretFile: defaultAuthSecretFile(),
    defaultDataDir: defaultPgliteDataDir(),
  });
  return cached;
}

/** What Next.js tells its own process: the build phase, and who owns shutdown signals. */
export function nextProcessInfo() {
  return {
    isBuild: process.env.NEXT_PHASE === 'phase-production-build',
    /** With NEXT_MANUAL_SIG_HANDLE set, Next leaves SIGTERM/SIGINT to the app (instrumentation). */
    appHandlesSignals: Boolean(process.env.NEXT_MANUAL_SIG_HANDLE),
  };
}

let cachedAi: AiConfig | undefined;

/**
 * AI providers from ANTHROPIC_API_KEY / OPENAI_API_KEY / LOCAL_AI_BASE_URL (and their models,
 * budgets and limits; see aiConfigFromEnv). None set: the deterministic offline provider.
 */
export function aiConfig(): AiConfig {
  cachedAi ??= aiConfigFromEnv(process.env);
  return cachedAi;
}

let cachedMonitors: MonitorConfigOverrides | undefined;

/** Monitor fetch settings: MONITOR_ALLOW_HOSTS (off by default), TTL and fetch caps. */
export function monitorConfig(): MonitorConfigOverrides {
  cachedMonitors ??= monitorConfigFromEnv(process.env);
  return cachedMonitors;
}

/** Where people reach this server, for links in emails: PUBLIC_URL, else AUTH_URL, else local. */
export function publicUrl(): string {
  return publicUrlFromEnv(process.env);
}

let cachedMailer: { mailer: Mailer | undefined } | undefined;

/** Email through SMTP_URL with MAIL_FROM; unset: the email channel is off. */
export function mailer(): Mailer | undefined {
  cachedMailer ??= { mailer: mailerFromEnv(process.env) };
  return cachedMailer.mailer;
}

let cachedPush: { push: PushConfig | undefined } | undefined;

/**
 * Web Push keys: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY (and VAPID_SUBJECT); in embedded mode made
 * once into `.data/vapid.json` beside the database, so subscribed devices survive restarts.
 */
export function pushConfig(): PushConfig | undefined {
  const env = serverEnv();
  cachedPush ??= {
    push: pushConfigFromEnv(process.env, {
      keyFile: env.embedded ? join(dirname(defaultAuthSecretFile()), 'vapid.json') : undefined,
    }),
  };
  return cachedPush.push;
}

/** EVENT_RETENTION_DAYS (default 90): how long the activity history is kept. */
export function eventsConfig() {
  return eventsConfigFromEnv(process.env);
}

let cachedAdmin: AdminConfig | undefined;

/** ADMIN_EMAILS; an embedded install's first account administers it too. */
export function adminConfig(): AdminConfig {
  cachedAdmin ??= adminConfigFromEnv(process.env, { embedded: serverEnv().embedded });
  return cachedAdmin;
}

/** REGISTRATIONS_PER_ADDRESS_PER_HOUR (5) and REGISTRATIONS_PER_HOUR (200). */
export function accountLimits(): AccountLimits {
  return accountLimitsFromEnv(process.env);
}
