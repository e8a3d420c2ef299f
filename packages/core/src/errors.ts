/**
 * Typed domain errors. Services throw these; the API layer maps each code to a tRPC code and an
 * HTTP status in one place (packages/api/src/trpc.ts), so no caller decides status codes itself.
 */
export type DomainErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** The server is not set up for this (email off, so no mailed links). */
  | 'PRECONDITION_FAILED'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Per-field messages a form can show next to its inputs. */
  readonly fieldErrors: Record<string, string[]> | undefined;
  /** Seconds until a refused request may be tried again (rate limits). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
