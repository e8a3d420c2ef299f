import 'server-only';
import {
  type AiConfig,
  aiConfigFromEnv,
  type Mailer,
  type MonitorConfigOverrides,
  mailerFromEnv,
  monitorConfigFromEnv,
  publicUrlFromEnv,
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
