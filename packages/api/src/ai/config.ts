import { z } from 'zod';

/**
 * The AI layer's configuration: a plain object validated here. The apps read their own
 * environment and pass the result in (see `aiConfigFromEnv`); nothing here reads process.env.
 */

const providerName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'A provider name may hold letters, digits, _ and - only');

// The message never repeats the value: a key must not reach a log through a validation error.
const apiKey = z
  .string({ error: 'The API key must be a string' })
  .trim()
  .min(8, 'The API key is too short')
  .max(500, 'The API key is too long');

const httpUrl = z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' });

const priceSchema = z.object({
  /** US dollars per million input tokens. */
  inputPerMTok: z.number().min(0).max(1000),
  /** US dollars per million output tokens. */
  outputPerMTok: z.number().min(0).max(1000),
});
export type Price = z.infer<typeof priceSchema>;

const common = {
  timeoutMs: z.int().min(50).max(300_000).default(30_000),
  maxOutputTokens: z.int().min(16).max(64_000).default(2_000),
  /** This process's own limit on calls to the provider, per minute. */
  requestsPerMinute: z.int().min(1).max(1_000_000).optional(),
  /** This process's own limit on tokens sent to and from the provider, per minute. */
  tokensPerMinute: z.int().min(1).max(1_000_000_000).optional(),
  /** Overrides the price table for this provider's model. */
  price: priceSchema.optional(),
};

const structuredOutput = z.enum(['json_schema', 'json_object']);

export const anthropicProviderSchema = z.object({
  kind: z.literal('anthropic'),
  name: providerName.default('anthropic'),
  apiKey,
  model: z.string().trim().min(1).max(120).default('claude-haiku-4-5'),
  baseUrl: httpUrl.optional(),
  ...common,
});

export const openAiProviderSchema = z.object({
  kind: z.literal('openai'),
  name: providerName.default('openai'),
  apiKey,
  model: z.string().trim().min(1).max(120).default('gpt-4.1-mini'),
  baseUrl: httpUrl.optional(),
  structuredOutput: structuredOutput.default('json_schema'),
  ...common,
});

/** Any server speaking OpenAI's Chat Completions (a local model: Ollama, llama.cpp, vLLM). */
export const openAiCompatibleProviderSchema = z.object({
  kind: z.literal('openai-compatible'),
  name: providerName.default('local'),
  apiKey: apiKey.optional(),
  model: z.string().trim().min(1).max(120),
  baseUrl: httpUrl,
  structuredOutput: structuredOutput.default('json_schema'),
  ...common,
});

/** The deterministic provider: answers from the caller's own offline function, at no cost. */
export const offlineProviderSchema = z.object({
  kind: z.literal('offline'),
  name: providerName.default('offline'),
});

export const aiProviderConfigSchema = z.discriminatedUnion('kind', [
  anthropicProviderSchema,
  openAiProviderSchema,
  openAiCompatibleProviderSchema,
  offlineProviderSchema,
]);
export type AiProviderConfig = z.infer<typeof aiProviderConfigSchema>;
export type RemoteProviderConfig = Exclude<AiProviderConfig, { kind: 'offline' }>;

export const aiConfigSchema = z
  .object({
    /** In order of preference: the first is tried first, the next is the fallback. */
    providers: z.array(aiProviderConfigSchema).max(8).default([]),
    retry: z
      .object({
        /** Tries per provider for retryable failures (429, 5xx, timeouts, invalid output). */
        maxAttemptsPerProvider: z.int().min(1).max(6).default(3),
        baseDelayMs: z.int().min(0).max(60_000).default(500),
        maxDelayMs: z.int().min(0).max(300_000).default(8_000),
        /** A Retry-After longer than this is not waited for: the next provider is tried. */
        maxRetryAfterMs: z.int().min(0).max(600_000).default(20_000),
      })
      .prefault({}),
    cooldown: z
      .object({
        /** Consecutive failed attempts that take a provider out of rotation. */
        failureThreshold: z.int().min(1).max(50).default(3),
        durationMs: z.int().min(1_000).max(3_600_000).default(60_000),
      })
      .prefault({}),
    limits: z
      .object({
        /** Provider calls per person per minute (across every replica: counted in the ledger). */
        userRequestsPerMinute: z.int().min(1).max(10_000).default(30),
        userTokensPerMinute: z.int().min(100).max(100_000_000).default(100_000),
        /** System prompt plus prompt, in characters. */
        maxPromptChars: z.int().min(100).max(1_000_000).default(24_000),
      })
      .prefault({}),
    budgets: z
      .object({
        userMonthlyUsd: z.number().min(0).max(1_000_000).default(5),
        globalMonthlyUsd: z.number().min(0).max(100_000_000).default(200),
      })
      .prefault({}),
    /** Price overrides by model name (USD per million tokens). */
    prices: z.record(z.string().min(1).max(120), priceSchema).default({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.providers.forEach((p, i) => {
      if (seen.has(p.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['providers', i, 'name'],
          message: `Two providers are named "${p.name}"; give each its own name`,
        });
      }
      seen.add(p.name);
    });
  });

export type AiConfig = z.infer<typeof aiConfigSchema>;
export type AiConfigInput = z.input<typeof aiConfigSchema>;

export const DEFAULT_AI_CONFIG: AiConfig = aiConfigSchema.parse({});

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
const present = (v: string | undefined) => (v && v.trim().length > 0 ? v.trim() : undefined);
const num = (v: string | undefined) => (present(v) === undefined ? undefined : Number(v));

/**
 * Builds the configuration from an app's environment record (passed in, never read here):
 * ANTHROPIC_API_KEY/_MODEL/_BASE_URL, OPENAI_API_KEY/_MODEL/_BASE_URL, LOCAL_AI_BASE_URL/_MODEL/
 * _API_KEY, AI_PROVIDER_ORDER (names, comma-separated), AI_OFFLINE_LAST (append the offline
 * provider), AI_TIMEOUT_MS, AI_USER_MONTHLY_BUDGET_USD, AI_GLOBAL_MONTHLY_BUDGET_USD.
 * With no key at all, the offline provider answers.
 */
export function aiConfigFromEnv(env: Readonly<Record<string, string | undefined>>): AiConfig {
  const timeoutMs = num(env.AI_TIMEOUT_MS);
  const providers: Record<string, unknown>[] = [];
  if (present(env.ANTHROPIC_API_KEY)) {
    providers.push({
      kind: 'anthropic',
      apiKey: present(env.ANTHROPIC_API_KEY),
      model: present(env.ANTHROPIC_MODEL),
      baseUrl: present(env.ANTHROPIC_BASE_URL),
      timeoutMs,
    });
  }
  if (present(env.OPENAI_API_KEY)) {
    providers.push({
      kind: 'openai',
      apiKey: present(env.OPENAI_API_KEY),
      model: present(env.OPENAI_MODEL),
      baseUrl: present(env.OPENAI_BASE_URL),
      timeoutMs,
    });
  }
  if (present(env.LOCAL_AI_BASE_URL)) {
    providers.push({
      kind: 'openai-compatible',
      baseUrl: present(env.LOCAL_AI_BASE_URL),
      model: present(env.LOCAL_AI_MODEL) ?? 'llama3.1',
      apiKey: present(env.LOCAL_AI_API_KEY),
      timeoutMs,
    });
  }
  if (truthy(env.AI_OFFLINE_LAST) && providers.length > 0) providers.push({ kind: 'offline' });
  const order = present(env.AI_PROVIDER_ORDER)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const nameOf = (p: Record<string, unknown>) =>
    ({
      anthropic: 'anthropic',
      openai: 'openai',
      'openai-compatible': 'local',
      offline: 'offline',
    })[p.kind as string] ?? '';
  if (order && order.length > 0) {
    const rank = (p: Record<string, unknown>) => {
      const i = order.indexOf(nameOf(p));
      return i === -1 ? order.length : i;
    };
    providers.sort((a, b) => rank(a) - rank(b));
  }
  return aiConfigSchema.parse({
    providers,
    budgets: {
      userMonthlyUsd: num(env.AI_USER_MONTHLY_BUDGET_USD),
      globalMonthlyUsd: num(env.AI_GLOBAL_MONTHLY_BUDGET_USD),
    },
  });
}
