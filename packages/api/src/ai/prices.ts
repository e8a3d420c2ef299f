import type { Price } from './config';
import type { ProviderKind } from './types';

/**
 * List prices in US dollars per million tokens (input, output), as the providers publish them.
 * A model is matched by its longest listed prefix, so dated names ("claude-haiku-4-5-20251001")
 * find their family. Override any of them through the configuration's `prices`.
 */
export const PRICE_TABLE: Readonly<Record<string, Price>> = {
  'claude-opus-4': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-sonnet-4': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-3-7-sonnet': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-3-5-sonnet': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-haiku-4': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-3-5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4 },
  'claude-3-haiku': { inputPerMTok: 0.25, outputPerMTok: 1.25 },
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  o3: { inputPerMTok: 2, outputPerMTok: 8 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
};

/**
 * An unknown model of a paid provider is priced like the dearest one of that provider, so a
 * budget errs on the safe side; a local model or the offline provider costs nothing.
 */
export const UNKNOWN_MODEL_PRICE: Readonly<Record<ProviderKind, Price>> = {
  anthropic: { inputPerMTok: 15, outputPerMTok: 75 },
  openai: { inputPerMTok: 15, outputPerMTok: 60 },
  'openai-compatible': { inputPerMTok: 0, outputPerMTok: 0 },
  offline: { inputPerMTok: 0, outputPerMTok: 0 },
};

export function priceFor(
  kind: ProviderKind,
  model: string,
  overrides: Readonly<Record<string, Price>> = {},
  providerPrice?: Price,
): Price {
  if (providerPrice) return providerPrice;
  const override = overrides[model];
  if (override) return override;
  if (kind === 'offline' || kind === 'openai-compatible') return UNKNOWN_MODEL_PRICE[kind];
  let best: string | undefined;
  for (const prefix of Object.keys(PRICE_TABLE)) {
    if (model === prefix || model.startsWith(`${prefix}-`)) {
      if (!best || prefix.length > best.length) best = prefix;
    }
  }
  return best ? PRICE_TABLE[best]! : UNKNOWN_MODEL_PRICE[kind];
}

/**
 * Cost in millionths of a dollar: dollars-per-million-tokens times tokens is exactly that.
 * Rounded up, so many tiny calls never add up to less than they cost.
 */
export function costMicroUsd(price: Price, inputTokens: number, outputTokens: number): number {
  const raw = inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok;
  return Math.max(0, Math.ceil(raw - 1e-9));
}

export const microUsdToUsd = (micro: number) => Math.round(micro) / 1_000_000;
export const usdToMicroUsd = (usd: number) => Math.round(usd * 1_000_000);
