import Anthropic from '@anthropic-ai/sdk';
import type { z } from 'zod';
import type { anthropicProviderSchema } from '../config';
import { ProviderCallError } from '../errors';
import type { AiProvider, ProviderRequest, ProviderResponse } from '../types';
import { classifySdkError, silentLogger } from './classify';

type AnthropicConfig = z.infer<typeof anthropicProviderSchema>;

/**
 * Claude through the official SDK and the Messages API, with structured output: the answer is
 * constrained by `output_config.format` to the call's JSON Schema. The SDK's own retries are
 * off; the router decides.
 */
export function createAnthropicProvider(
  config: AnthropicConfig,
  options: { now?: () => number } = {},
): AiProvider {
  const now = options.now ?? Date.now;
  const client = new Anthropic({
    apiKey: config.apiKey,
    // Always explicit, so ANTHROPIC_BASE_URL in the environment never redirects a key.
    baseURL: config.baseUrl ?? 'https://api.anthropic.com',
    timeout: config.timeoutMs,
    maxRetries: 0,
    logger: silentLogger,
    logLevel: 'off',
    openTelemetry: false,
    webhookKey: null,
  });
  const secrets = [config.apiKey];
  return {
    name: config.name,
    kind: 'anthropic',
    model: config.model,
    secrets,
    async complete(request: ProviderRequest): Promise<ProviderResponse> {
      let message: Anthropic.Message;
      try {
        message = await client.messages.create(
          {
            model: config.model,
            max_tokens: Math.min(request.maxOutputTokens, config.maxOutputTokens),
            system: request.system,
            messages: [{ role: 'user', content: request.prompt }],
            output_config: { format: { type: 'json_schema', schema: request.jsonSchema } },
          },
          { signal: request.signal },
        );
      } catch (error) {
        throw classifySdkError(error, Anthropic, { now: now(), secrets, provider: config.name });
      }
      const inputTokens = message.usage?.input_tokens ?? 0;
      const outputTokens = message.usage?.output_tokens ?? 0;
      const text = (message.content ?? [])
        .map((block) => (block.type === 'text' ? block.text : ''))
        .join('');
      if (message.stop_reason === 'refusal' || message.stop_reason === 'max_tokens') {
        throw new ProviderCallError(
          'invalid_output',
          message.stop_reason === 'refusal'
            ? `${config.name} declined to answer`
            : `${config.name} ran out of output tokens`,
          { inputTokens, outputTokens, httpStatus: 200 },
        );
      }
      return {
        text,
        inputTokens,
        outputTokens,
        model: message.model ?? config.model,
        httpStatus: 200,
      };
    },
  };
}
