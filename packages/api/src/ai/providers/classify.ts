import {
  isRetryableStatus,
  outcomeForStatus,
  ProviderCallError,
  parseRetryAfter,
  scrubSecrets,
} from '../errors';

/** The error classes both official SDKs export, under the same names. */
export interface SdkErrorClasses {
  APIError: abstract new (
    ...args: never[]
  ) => Error & {
    status: number | undefined;
    headers: Headers | undefined;
  };
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIUserAbortError: abstract new (...args: never[]) => Error;
}

/** Both SDKs log nothing through us: a key must never reach a log by way of a debug line. */
export const silentLogger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
};

/**
 * Turns whatever an SDK threw into a classified, scrubbed ProviderCallError. Order matters:
 * the timeout and abort classes extend the connection error, which extends APIError.
 */
export function classifySdkError(
  error: unknown,
  sdk: SdkErrorClasses,
  context: { now: number; secrets: readonly string[]; provider: string },
): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  const scrub = (text: string) => scrubSecrets(text, context.secrets);
  if (error instanceof sdk.APIUserAbortError) {
    return new ProviderCallError('client_error', 'The call was cancelled', { retryable: false });
  }
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderCallError('timeout', `${context.provider} did not answer in time`);
  }
  if (error instanceof sdk.APIConnectionError) {
    return new ProviderCallError('network_error', `Could not reach ${context.provider}`);
  }
  if (error instanceof sdk.APIError && typeof error.status === 'number') {
    const status = error.status;
    return new ProviderCallError(
      outcomeForStatus(status),
      scrub(`${context.provider} answered HTTP ${status}: ${firstLine(error.message)}`),
      {
        retryable: isRetryableStatus(status),
        httpStatus: status,
        retryAfterMs: parseRetryAfter(error.headers, context.now),
      },
    );
  }
  // A 200 whose body is not JSON, or an SDK surprise: the provider's answer was unusable.
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderCallError(
    'invalid_output',
    scrub(`${context.provider} sent a response that could not be read: ${firstLine(message)}`),
  );
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 200);
