export { type AdminConfig, adminConfigFromEnv } from './admin/config';
export {
  type AiConfig,
  type AiConfigInput,
  type AiRouter,
  aiConfigFromEnv,
  aiConfigSchema,
  createAiRouter,
  createAiRouterForDb,
  createDbAiLedger,
  createMemoryAiLedger,
  createProviders,
} from './ai/index';
export {
  type AccountLimits,
  accountLimitsFromEnv,
  createAccountLimiter,
  DEFAULT_ACCOUNT_LIMITS,
} from './auth/account-limits';
export { createSignInLimiter, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/rate-limit';
export { INVALID_CREDENTIALS, type SessionUser, sessionUser, signIn } from './auth/service';
export { calendarFeedResponse } from './calendar/http';
export { calendarFeedByToken } from './calendar/service';
export {
  type AppDeps,
  type Caller,
  CLIENT_ADDRESS_HEADER,
  type Context,
  clientIpFrom,
  createContext,
  type Mailer,
  type MailMessage,
} from './context';
export { createAppDeps } from './deps';
export { eventsConfigFromEnv } from './events/config';
export { type EmitInput, emit } from './events/emit';
export type { EventSubscriber } from './events/subscriber';
export { loadAnalyticsRows } from './focus/service';
export {
  AUTH_MAX_BODY_BYTES,
  readLimitedRequest,
  tooLargeRestResponse,
} from './http/body-limit';
export { handleRestRequest, handleTrpcRequest, type RequestOptions } from './http/handlers';
export { openApiDocument, REST_PREFIX } from './http/openapi';
export { handleMcpRequest } from './mcp/handler';
export { createMcpServer } from './mcp/server';
export { type MonitorConfigOverrides, monitorConfigFromEnv } from './monitors/config';
export {
  dryRunPlan,
  type EvaluateOptions,
  type EvaluateResult,
  evaluateMonitor,
  getFact,
} from './monitors/index';
export {
  parseUserUrl,
  type Resolver,
  resolveWithDns,
  SAFE_FETCH_DEFAULTS,
  SafeFetchError,
  type SafeFetchOptions,
  type SafeFetchResponse,
  safeFetch,
} from './net/safe-fetch';
export {
  createSmtpMailer,
  MailSendError,
  mailerFromEnv,
  publicUrlFromEnv,
  type SmtpMailerConfig,
} from './notifications/mailer';
export { type NotifyInput, notify } from './notifications/notify';
export { type PushConfig, pushConfigFromEnv } from './notifications/push';
export { type AppRouter, appRouter } from './root';
export { createCallerFactory } from './trpc';
export { webhookConfigFromEnv } from './webhooks/config';
export { enqueueWebhookDeliveries } from './webhooks/enqueue';
export { createEndpoint as createWebhookEndpoint } from './webhooks/service';
