import type { z } from 'zod';

export type ProviderKind = 'anthropic' | 'openai' | 'openai-compatible' | 'offline';

/** What a call is for; the ledger groups spend by it. */
export const AI_PURPOSES = ['splitting', 'monitor', 'creature', 'insight', 'other'] as const;
export type AiPurpose = (typeof AI_PURPOSES)[number];

export const AI_OUTCOMES = [
  'success',
  'rate_limited',
  'server_error',
  'timeout',
  'network_error',
  'invalid_output',
  'client_error',
] as const;
export type AiOutcome = (typeof AI_OUTCOMES)[number];

/** One request to one provider, in the provider-neutral shape every adapter takes. */
export interface ProviderRequest {
  system: string;
  prompt: string;
  /** Names the output schema for providers that want a name (OpenAI). */
  schemaName: string;
  /** The JSON Schema the answer must follow, derived from the call's zod schema. */
  jsonSchema: Record<string, unknown>;
  maxOutputTokens: number;
  signal?: AbortSignal;
  /** The deterministic answer, for the offline provider. */
  offline?: () => unknown;
}

export interface ProviderResponse {
  /** The model's text, which should be the JSON answer. */
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** The model that answered, as the provider reports it. */
  model: string;
  httpStatus: number | null;
}

export interface AiProvider {
  readonly name: string;
  readonly kind: ProviderKind;
  readonly model: string;
  /** Secrets this provider holds, so the router can scrub them from any text it keeps. */
  readonly secrets: readonly string[];
  complete(request: ProviderRequest): Promise<ProviderResponse>;
}

/** One attempt as the router saw it; also what a final error lists. Never holds a secret. */
export interface AttemptRecord {
  provider: string;
  kind: ProviderKind;
  model: string;
  /** 1-based attempt number within the call (across providers). */
  attempt: number;
  outcome: AiOutcome;
  httpStatus: number | null;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
  latencyMs: number;
  /** Short, scrubbed description of what went wrong. */
  error: string | null;
  /** How long the provider asked us to wait, if it did. */
  retryAfterMs: number | null;
}

/** A provider passed over without a call (cooling down, over its rate or over budget). */
export interface SkippedProvider {
  provider: string;
  reason: 'cooling_down' | 'provider_rate_limit' | 'user_budget' | 'global_budget';
  /** When the provider may be tried again (ms since epoch), if known. */
  until: number | null;
}

export interface AiCall<T> {
  userId: string | null;
  purpose: AiPurpose;
  /** The answer must validate against this; anything else is a failed attempt. */
  schema: z.ZodType<T>;
  schemaName: string;
  system: string;
  prompt: string;
  maxOutputTokens?: number;
  /** The offline provider's answer. Without it, the offline provider cannot take the call. */
  offline?: () => T;
  signal?: AbortSignal;
}

export interface AiResult<T> {
  data: T;
  requestId: string;
  provider: string;
  kind: ProviderKind;
  model: string;
  attempts: AttemptRecord[];
  skipped: SkippedProvider[];
  /** Every attempt's cost, the failed ones included. */
  costMicroUsd: number;
}

export interface ProviderStatus {
  name: string;
  kind: ProviderKind;
  model: string;
  state: 'ready' | 'cooling_down';
  coolingUntil: Date | null;
  consecutiveFailures: number;
}
