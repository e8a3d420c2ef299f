import { randomUUID } from 'node:crypto';
import { DomainError } from '@proxy/core';
import type { AiConfig, RemoteProviderConfig } from './config';
import {
  AiBudgetExceededError,
  AiRateLimitedError,
  AiUnavailableError,
  monthStart,
  ProviderCallError,
  scrubSecrets,
} from './errors';
import type { AiLedger } from './ledger';
import { jsonSchemaFor, parseAnswer } from './output';
import { costMicroUsd, priceFor, usdToMicroUsd } from './prices';
import { createProviders } from './providers/index';
import type {
  AiCall,
  AiProvider,
  AiResult,
  AttemptRecord,
  ProviderStatus,
  SkippedProvider,
} from './types';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
/** Structured log lines; never given a secret, a prompt or an answer. */
export type AiLog = (event: string, fields: Record<string, unknown>) => void;

export interface AiRouterOptions {
  config: AiConfig;
  ledger: AiLedger;
  /** Defaults to the providers the configuration names. */
  providers?: AiProvider[];
  now?: () => Date;
  sleep?: Sleep;
  /** 0..1, for jitter. */
  random?: () => number;
  log?: AiLog;
}

export interface AiRouter {
  readonly config: AiConfig;
  /** True when a provider other than the offline one is configured. */
  readonly hasRemoteProvider: boolean;
  generate<T>(call: AiCall<T>): Promise<AiResult<T>>;
  status(): ProviderStatus[];
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

const WINDOW_MS = 60_000;

interface Health {
  consecutiveFailures: number;
  coolingUntil: number | null;
  /** Set when a cool-down ends: the next call is a probe, and one failure cools it again. */
  probing: boolean;
}

/** Calls and tokens sent to one provider by this process in the last minute. */
class ProviderWindow {
  private events: { at: number; tokens: number }[] = [];

  private prune(now: number) {
    while (this.events.length > 0 && this.events[0]!.at <= now - WINDOW_MS) this.events.shift();
  }

  /** Null if a call of this size fits now, else when the oldest call leaves the window. */
  blockedUntil(now: number, tokens: number, limits: { rpm?: number; tpm?: number }): number | null {
    this.prune(now);
    const used = this.events.reduce((sum, e) => sum + e.tokens, 0);
    const overRequests = limits.rpm !== undefined && this.events.length >= limits.rpm;
    const overTokens =
      limits.tpm !== undefined && used + tokens > limits.tpm && this.events.length > 0;
    if (!overRequests && !overTokens) return null;
    return (this.events[0]?.at ?? now) + WINDOW_MS;
  }

  add(now: number, tokens: number) {
    this.events.push({ at: now, tokens });
  }
}

/**
 * Routes structured-output calls across the configured providers: retries retryable failures
 * with exponential backoff and jitter (honouring Retry-After), falls back to the next provider,
 * takes a failing provider out of rotation for a cool-down, enforces per-person and
 * per-provider rate limits and monthly budgets, and records every attempt in the ledger.
 */
export function createAiRouter(options: AiRouterOptions): AiRouter {
  const { config, ledger } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const providers = options.providers ?? createProviders(config, { now: () => now().getTime() });
  const secrets = providers.flatMap((p) => p.secrets);
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const providerConfig = new Map<string, RemoteProviderConfig>();
  for (const p of config.providers) if (p.kind !== 'offline') providerConfig.set(p.name, p);

  const health = new Map<string, Health>();
  const windows = new Map<string, ProviderWindow>();
  const healthOf = (name: string) => {
    let h = health.get(name);
    if (!h) {
      h = { consecutiveFailures: 0, coolingUntil: null, probing: false };
      health.set(name, h);
    }
    return h;
  };
  const windowOf = (name: string) => {
    let w = windows.get(name);
    if (!w) {
      w = new ProviderWindow();
      windows.set(name, w);
    }
    return w;
  };

  const coolingUntil = (name: string, at: number): number | null => {
    const h = healthOf(name);
    if (h.coolingUntil === null) return null;
    if (at < h.coolingUntil) return h.coolingUntil;
    // The cool-down is over: back in rotation, on probation.
    h.coolingUntil = null;
    h.probing = true;
    log('ai.cooldown_ended', { provider: name });
    return null;
  };

  const coolDown = (name: string, at: number, forMs: number, reason: string) => {
    const h = healthOf(name);
    h.coolingUntil = Math.max(h.coolingUntil ?? 0, at + forMs);
    h.consecutiveFailures = 0;
    h.probing = false;
    log('ai.cooldown_started', {
      provider: name,
      until: new Date(h.coolingUntil).toISOString(),
      reason,
    });
  };

  const onSuccess = (name: string) => {
    const h = healthOf(name);
    h.consecutiveFailures = 0;
    h.probing = false;
  };

  /** Returns true when the failure took the provider out of rotation. */
  const onFailure = (name: string, at: number): boolean => {
    const h = healthOf(name);
    h.consecutiveFailures++;
    if (h.probing || h.consecutiveFailures >= config.cooldown.failureThreshold) {
      coolDown(name, at, config.cooldown.durationMs, 'repeated failures');
      return true;
    }
    return false;
  };

  const backoff = (retry: number) => {
    const base = Math.min(config.retry.maxDelayMs, config.retry.baseDelayMs * 2 ** (retry - 1));
    // "Equal jitter": never less than half the backoff, so retries do not bunch up.
    return base / 2 + random() * (base / 2);
  };

  async function checkUserLimits(userId: string | null, at: Date) {
    const snapshot = await ledger.snapshot({
      userId,
      monthStart: monthStart(at),
      windowStart: new Date(at.getTime() - WINDOW_MS),
    });
    if (userId !== null) {
      const retryAfter = () =>
        Math.max(
          1,
          Math.ceil(
            ((snapshot.userWindowOldest?.getTime() ?? at.getTime()) + WINDOW_MS - at.getTime()) /
              1000,
          ),
        );
      if (snapshot.userWindowRequests >= config.limits.userRequestsPerMinute) {
        throw new AiRateLimitedError('requests', retryAfter());
      }
      if (snapshot.userWindowTokens >= config.limits.userTokensPerMinute) {
        throw new AiRateLimitedError('tokens', retryAfter());
      }
    }
    return snapshot;
  }

  async function generate<T>(call: AiCall<T>): Promise<AiResult<T>> {
    const promptChars = call.system.length + call.prompt.length;
    if (promptChars > config.limits.maxPromptChars) {
      throw new DomainError('BAD_REQUEST', 'The text sent to the AI is too long', {
        fieldErrors: { prompt: [`At most ${config.limits.maxPromptChars} characters`] },
      });
    }
    const requestId = randomUUID();
    const jsonSchema = jsonSchemaFor(call.schema);
    const attempts: AttemptRecord[] = [];
    const skipped: SkippedProvider[] = [];
    const remote = providers.some((p) => p.kind !== 'offline');
    const snapshot = remote ? await checkUserLimits(call.userId, now()) : null;
    const userBudget = snapshot?.userBudgetMicroUsd ?? usdToMicroUsd(config.budgets.userMonthlyUsd);
    const globalBudget = usdToMicroUsd(config.budgets.globalMonthlyUsd);
    let spentThisCall = 0;
    let attemptNo = 0;
    const estimatedInputTokens = Math.ceil(promptChars / 3);

    for (const provider of providers) {
      const settings = providerConfig.get(provider.name);
      const isRemote = provider.kind !== 'offline';
      const maxOutputTokens = Math.min(
        call.maxOutputTokens ?? settings?.maxOutputTokens ?? 2_000,
        settings?.maxOutputTokens ?? Number.POSITIVE_INFINITY,
      );
      const price = priceFor(provider.kind, provider.model, config.prices, settings?.price);

      for (let tries = 1; tries <= config.retry.maxAttemptsPerProvider; tries++) {
        if (call.signal?.aborted) throw new DomainError('BAD_REQUEST', 'The request was cancelled');
        const at = now().getTime();
        if (isRemote) {
          const cooling = coolingUntil(provider.name, at);
          if (cooling !== null) {
            skipped.push({ provider: provider.name, reason: 'cooling_down', until: cooling });
            break;
          }
          const blocked = windowOf(provider.name).blockedUntil(
            at,
            estimatedInputTokens + maxOutputTokens,
            { rpm: settings?.requestsPerMinute, tpm: settings?.tokensPerMinute },
          );
          if (blocked !== null) {
            skipped.push({
              provider: provider.name,
              reason: 'provider_rate_limit',
              until: blocked,
            });
            break;
          }
          // The worst case of this attempt must fit in what is left of both budgets.
          const worst = costMicroUsd(price, estimatedInputTokens, maxOutputTokens);
          if (snapshot && worst > 0) {
            if (snapshot.userMonthMicroUsd + spentThisCall + worst > userBudget) {
              skipped.push({ provider: provider.name, reason: 'user_budget', until: null });
              break;
            }
            if (snapshot.globalMonthMicroUsd + spentThisCall + worst > globalBudget) {
              skipped.push({ provider: provider.name, reason: 'global_budget', until: null });
              break;
            }
          }
        }

        attemptNo++;
        const started = performance.now();
        let record: AttemptRecord;
        let data: T | undefined;
        let failure: ProviderCallError | null = null;
        try {
          const response = await provider.complete({
            system: call.system,
            prompt: call.prompt,
            schemaName: call.schemaName,
            jsonSchema,
            maxOutputTokens,
            signal: call.signal,
            offline: call.offline,
          });
          data = parseAnswer(call.schema, response.text, call.system, response);
          record = {
            provider: provider.name,
            kind: provider.kind,
            model: response.model,
            attempt: attemptNo,
            outcome: 'success',
            httpStatus: response.httpStatus,
            inputTokens: response.inputTokens,
            outputTokens: response.outputTokens,
            costMicroUsd: costMicroUsd(price, response.inputTokens, response.outputTokens),
            latencyMs: performance.now() - started,
            error: null,
            retryAfterMs: null,
          };
        } catch (error) {
          failure =
            error instanceof ProviderCallError
              ? error
              : new ProviderCallError(
                  'invalid_output',
                  `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
                );
          record = {
            provider: provider.name,
            kind: provider.kind,
            model: provider.model,
            attempt: attemptNo,
            outcome: failure.outcome,
            httpStatus: failure.httpStatus,
            inputTokens: failure.inputTokens,
            outputTokens: failure.outputTokens,
            costMicroUsd: costMicroUsd(price, failure.inputTokens, failure.outputTokens),
            latencyMs: performance.now() - started,
            error: scrub(failure.message),
            retryAfterMs: failure.retryAfterMs,
          };
        }
        attempts.push(record);
        spentThisCall += record.costMicroUsd;
        const finishedAt = now();
        if (isRemote) {
          windowOf(provider.name).add(
            finishedAt.getTime(),
            record.inputTokens + record.outputTokens || estimatedInputTokens,
          );
        }
        await ledger.record({
          ...record,
          requestId,
          userId: call.userId,
          purpose: call.purpose,
          createdAt: finishedAt,
        });
        log('ai.attempt', {
          requestId,
          purpose: call.purpose,
          provider: record.provider,
          model: record.model,
          attempt: record.attempt,
          outcome: record.outcome,
          httpStatus: record.httpStatus,
          costMicroUsd: record.costMicroUsd,
          latencyMs: Math.round(record.latencyMs),
          error: record.error,
        });

        if (!failure) {
          onSuccess(provider.name);
          return {
            data: data as T,
            requestId,
            provider: provider.name,
            kind: provider.kind,
            model: record.model,
            attempts,
            skipped,
            costMicroUsd: spentThisCall,
          };
        }

        if (call.signal?.aborted) throw new DomainError('BAD_REQUEST', 'The request was cancelled');
        const at2 = finishedAt.getTime();
        if (isRemote && onFailure(provider.name, at2)) break;
        if (!failure.retryable || tries === config.retry.maxAttemptsPerProvider) break;
        const retryAfter = failure.retryAfterMs;
        if (retryAfter !== null && retryAfter > config.retry.maxRetryAfterMs) {
          // Asked to wait longer than is worth it: rest this provider until then, try the next.
          if (isRemote) coolDown(provider.name, at2, retryAfter, 'retry-after');
          break;
        }
        await sleep(Math.max(retryAfter ?? 0, backoff(tries)), call.signal);
      }
    }

    const budgetSkip = skipped.find(
      (s) => s.reason === 'user_budget' || s.reason === 'global_budget',
    );
    if (attempts.length === 0 && budgetSkip) {
      throw budgetSkip.reason === 'user_budget'
        ? new AiBudgetExceededError('user', userBudget / 1_000_000, now())
        : new AiBudgetExceededError('global', config.budgets.globalMonthlyUsd, now());
    }
    const waits = skipped.map((s) => s.until).filter((u): u is number => u !== null);
    const retryAfterSeconds =
      attempts.length === 0 && waits.length > 0
        ? Math.max(1, Math.ceil((Math.min(...waits) - now().getTime()) / 1000))
        : undefined;
    const error = new AiUnavailableError(attempts, skipped, retryAfterSeconds);
    log('ai.unavailable', {
      requestId,
      purpose: call.purpose,
      attempts: attempts.length,
      skipped: skipped.map((s) => `${s.provider}:${s.reason}`),
    });
    throw error;
  }

  return {
    config,
    hasRemoteProvider: providers.some((p) => p.kind !== 'offline'),
    generate,
    status() {
      const at = now().getTime();
      return providers.map((p) => {
        const h = healthOf(p.name);
        const cooling = h.coolingUntil !== null && at < h.coolingUntil;
        return {
          name: p.name,
          kind: p.kind,
          model: p.model,
          state: cooling ? 'cooling_down' : 'ready',
          coolingUntil: cooling ? new Date(h.coolingUntil!) : null,
          consecutiveFailures: h.consecutiveFailures,
        };
      });
    },
  };
}
