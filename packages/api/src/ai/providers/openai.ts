import OpenAI from 'openai';
import type { z } from 'zod';
import type { openAiCompatibleProviderSchema, openAiProviderSchema } from '../config';
import { ProviderCallError } from '../errors';
import type { AiProvider, ProviderRequest, ProviderResponse } from '../types';
import { classifySdkError, silentLogger } from './classify';

type OpenAiConfig =
  | z.infer<typeof openAiProviderSchema>
  | z.infer<typeof openAiCompatibleProviderSchema>;

/**
 * OpenAI, or any server speaking its Chat Completions API (a local model), through the official
 * SDK. Structured output asks for the call's JSON Schema (`json_schema`), or plain JSON for
 * servers that only know `json_object`; either way the router validates the answer.
 */
export function createOpenAiProvider(
  config: OpenAiConfig,
  options: { now?: () => number } = {},
): AiProvider {
  const now = options.now ?? Date.now;
  // A local server often wants no key; the SDK wants a string, which it only sends as a header.
  const apiKey = config.apiKey ?? 'no-key';
  const client = new OpenAI({
    apiKey,
    // Always explicit, so OPENAI_BASE_URL in the environment never redirects a key.
    baseURL: config.baseUrl ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: config.timeoutMs,
    maxRetries: 0,
    logger: silentLogger,
    logLevel: 'off',
  });
  const secrets = config.apiKey ? [config.apiKey] : [];
  const isOpenAi = config.kind === 'openai';
  return {
    name: config.name,
    kind: config.kind,
    model: config.model,
    secrets,
    async complete(request: ProviderRequest): Promise<ProviderResponse> {
      const maxTokens = Math.min(request.maxOutputTokens, config.maxOutputTokens);
      let completion: OpenAI.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: config.model,
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.prompt },
            ],
            // OpenAI's newer models only take max_completion_tokens; local servers know max_tokens.
            ...(isOpenAi ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens }),
            response_format:
              config.structuredOutput === 'json_schema'
                ? {
                    type: 'json_schema',
                    json_schema: {
                      name: request.schemaName,
                      schema: request.jsonSchema,
                      strict: true,
                    },
                  }
                : { type: 'json_object' },
          },
          { signal: request.signal },
        );
      } catch (error) {
        throw classifySdkError(error, OpenAI, { now: now(), secrets, provider: config.name });
      }
      const inputTokens = completion.usage?.prompt_tokens ?? 0;
      const outputTokens = completion.usage?.completion_tokens ?? 0;
      const choice = completion.choices?.[0];
      if (!choice || choice.message?.refusal || choice.finish_reason === 'length') {
        throw new ProviderCallError(
          'invalid_output',
          !choice
            ? `${config.name} sent no answer`
            : choice.finish_reason === 'length'
              ? `${config.name} ran out of output tokens`
              : `${config.name} declined to answer`,
          { inputTokens, outputTokens, httpStatus: 200 },
        );
      }
      return {
        text: choice.message.content ?? '',
        inputTokens,
        outputTokens,
        model: completion.model ?? config.model,
        httpStatus: 200,
      };
    },
  };
}
