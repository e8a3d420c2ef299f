import { z } from 'zod';

export type FieldErrors = Record<string, string[] | undefined>;

export interface ApiErrorInfo {
  /** A sentence a person can act on. */
  message: string;
  /** Per-field messages from the server (zod issues or a domain error), keyed by input name. */
  fieldErrors: FieldErrors;
  code: string | undefined;
}

const FALLBACK = 'Something went wrong. Please try again.';

/**
 * Reads an error thrown by a tRPC call: the API's error formatter puts `fieldErrors` and `code`
 * in `error.data`. Works on anything, so a network failure still yields a message.
 */
export function apiErrorInfo(error: unknown): ApiErrorInfo {
  if (!error) return { message: FALLBACK, fieldErrors: {}, code: undefined };
  const data = (error as { data?: unknown }).data as
    | { fieldErrors?: unknown; code?: unknown }
    | null
    | undefined;
  const fieldErrors =
    data && typeof data.fieldErrors === 'object' && data.fieldErrors !== null
      ? (data.fieldErrors as FieldErrors)
      : {};
  const code = typeof data?.code === 'string' ? data.code : undefined;
  const raw = error instanceof Error ? error.message : '';
  // A fetch failure or an unparsable body surfaces as a technical message; say it plainly.
  const message =
    !raw || raw === 'Failed to fetch' || raw.startsWith('Unable to transform')
      ? FALLBACK
      : raw.startsWith('[') // a raw zod issue list that escaped the formatter
        ? 'Some fields need attention.'
        : raw;
  return { message, fieldErrors, code };
}

/** The same shape from a client-side zod check, so forms show both kinds alike. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** The first message for a field, if any. */
export function firstError(errors: FieldErrors, name: string): string | undefined {
  return errors[name]?.[0];
}
