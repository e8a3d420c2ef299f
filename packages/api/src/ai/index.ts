import type { Database } from '@proxy/db';
import { type AiConfigInput, aiConfigSchema } from './config';
import { createDbAiLedger } from './ledger';
import { type AiLog, type AiRouter, createAiRouter, type Sleep } from './router';

/** The router on the app's database ledger, from a configuration object (validated here). */
export function createAiRouterForDb(
  db: Database,
  config: AiConfigInput,
  options: { now?: () => Date; sleep?: Sleep; log?: AiLog; random?: () => number } = {},
): AiRouter {
  return createAiRouter({
    config: aiConfigSchema.parse(config),
    ledger: createDbAiLedger(db),
    ...options,
  });
}

export {
  type AiConfig,
  type AiConfigInput,
  type AiProviderConfig,
  aiConfigFromEnv,
  aiConfigSchema,
  DEFAULT_AI_CONFIG,
} from './config';
export {
  AiBudgetExceededError,
  AiRateLimitedError,
  AiUnavailableError,
  ProviderCallError,
  scrubSecrets,
} from './errors';
export { type AiLedger, createDbAiLedger, createMemoryAiLedger, type LedgerEntry } from './ledger';
export { costMicroUsd, PRICE_TABLE, priceFor } from './prices';
export { createProviders } from './providers/index';
export {
  type AiLog,
  type AiRouter,
  type AiRouterOptions,
  createAiRouter,
  realSleep,
  type Sleep,
} from './router';
export type {
  AiCall,
  AiOutcome,
  AiProvider,
  AiPurpose,
  AiResult,
  AttemptRecord,
  ProviderStatus,
} from './types';
