import { ProviderCallError } from '../errors';
import type { AiProvider, ProviderRequest, ProviderResponse } from '../types';

export const OFFLINE_MODEL = 'offline-v1';

/**
 * The provider used when no key is configured: it answers with the caller's own deterministic
 * function (the offline splitter, a rule parser, ...), free and instant. A call that brings no
 * such function cannot be answered offline.
 */
export function createOfflineProvider(name = 'offline'): AiProvider {
  return {
    name,
    kind: 'offline',
    model: OFFLINE_MODEL,
    secrets: [],
    async complete(request: ProviderRequest): Promise<ProviderResponse> {
      if (!request.offline) {
        throw new ProviderCallError('client_error', 'This call has no offline answer', {
          retryable: false,
        });
      }
      return {
        text: JSON.stringify(request.offline()),
        inputTokens: 0,
        outputTokens: 0,
        model: OFFLINE_MODEL,
        httpStatus: null,
      };
    },
  };
}
