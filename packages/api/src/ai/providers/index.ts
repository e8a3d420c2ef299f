import type { AiConfig } from '../config';
import type { AiProvider } from '../types';
import { createAnthropicProvider } from './anthropic';
import { createOfflineProvider } from './offline';
import { createOpenAiProvider } from './openai';

/** The configured providers, in order; the offline provider alone when none is configured. */
export function createProviders(config: AiConfig, options: { now?: () => number } = {}) {
  const providers: AiProvider[] = config.providers.map((p) => {
    if (p.kind === 'anthropic') return createAnthropicProvider(p, options);
    if (p.kind === 'offline') return createOfflineProvider(p.name);
    return createOpenAiProvider(p, options);
  });
  return providers.length > 0 ? providers : [createOfflineProvider()];
}

export { createAnthropicProvider } from './anthropic';
export { createOfflineProvider, OFFLINE_MODEL } from './offline';
export { createOpenAiProvider } from './openai';
