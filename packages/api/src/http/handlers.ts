import { TRPC_MAX_BATCH_SIZE } from '@proxy/core';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { type AppDeps, createContext } from '../context';
import { appRouter } from '../root';
import {
  failingTrpcRequest,
  readLimitedBytes,
  requestWith,
  tooLargeRestResponse,
  tooLargeTrpcRequest,
  utf8Text,
} from './body-limit';
import { createdLocation, createdMeta, didCreate } from './created';
import { runRestRequest } from './rest-adapter';

export interface RequestOptions {
  deps: AppDeps;
  /** The browser session's user id, if the web app found one. */
  getSessionUserId?: () => Promise<string | null>;
  onInternalError?: (error: unknown, path: string | undefined) => void;
}

const retryAfter = (data: unknown) =>
  (data as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;

const NOT_UTF8 = 'The request body is not valid UTF-8';

/**
 * The body read once, up to the limit: too large is 413 and a body that is not UTF-8 is 400, both
 * in tRPC's own envelope; anything else goes on as read.
 */
async function checkedTrpcRequest(incoming: Request): Promise<Request> {
  const bytes = await readLimitedBytes(incoming);
  if (bytes === null) return tooLargeTrpcRequest(incoming);
  if (bytes === undefined) return incoming;
  if (utf8Text(bytes) === null) {
    return failingTrpcRequest(incoming, new TRPCError({ code: 'BAD_REQUEST', message: NOT_UTF8 }));
  }
  return requestWith(incoming, bytes);
}

/** `/api/trpc/*`: the typed tRPC endpoint used by the web app and the client package. */
export async function handleTrpcRequest(
  incoming: Request,
  opts: RequestOptions,
  endpoint = '/api/trpc',
) {
  // Absurd sizes (a 1 MB title) are refused before anything parses them.
  const req = await checkedTrpcRequest(incoming);
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    // One request cannot make the server run hundreds of procedures.
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () =>
      createContext({
        deps: opts.deps,
        headers: req.headers,
        getSessionUserId: opts.getSessionUserId,
      }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') opts.onInternalError?.(error, path);
    },
    responseMeta: ({ errors }) => {
      const seconds = errors.map((e) => retryAfter(e.cause)).find((s) => s !== undefined);
      return seconds ? { headers: { 'retry-after': String(seconds) } } : {};
    },
  });
}

function badRestBody(message: string): Response {
  return Response.json(
    { message, code: 'BAD_REQUEST', data: { code: 'BAD_REQUEST', httpStatus: 400 } },
    { status: 400 },
  );
}

/**
 * The body is read once, up to the limit (413 past it). A JSON body goes on to the procedure
 * exactly as sent, or is refused here with 400:
 * - no body (`curl -X POST .../assignments/{id}/accept`, every input in the path) is `{}`;
 * - bytes that are not UTF-8 are refused, not decoded with replacement characters into storage;
 * - a body that is JSON but not an object (`null`, `[]`, `"text"`, `12345`) is refused: the
 *   adapter would spread it into `{}`, and an all-optional input would accept that as "no change".
 * Malformed JSON goes on and gets the adapter's parse error (400).
 */
async function checkedRestRequest(incoming: Request): Promise<Request | Response> {
  const bytes = await readLimitedBytes(incoming);
  if (bytes === null) return tooLargeRestResponse();
  const { method } = incoming;
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return incoming;
  const type = incoming.headers.get('content-type');
  if (type && !type.includes('application/json')) {
    return bytes === undefined ? incoming : requestWith(incoming, bytes);
  }
  let text = bytes === undefined ? '' : utf8Text(bytes);
  if (text === null) return badRestBody(NOT_UTF8);
  if (text.trim() === '') text = '{}';
  else if (!isJsonObjectOrMalformed(text)) {
    return badRestBody('The request body must be a JSON object');
  }
  const headers = new Headers(incoming.headers);
  headers.set('content-type', type ?? 'application/json');
  return requestWith(incoming, text, headers);
}

/** Malformed JSON counts as fine here: the adapter answers it with its own parse error. */
function isJsonObjectOrMalformed(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return true;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
}

/** `/api/v1/*`: the REST surface generated from the same procedures. */
export async function handleRestRequest(incoming: Request, opts: RequestOptions) {
  const req = await checkedRestRequest(incoming);
  if (req instanceof Response) return req;
  return runRestRequest(req, {
    createContext: () =>
      createContext({
        deps: opts.deps,
        headers: req.headers,
        getSessionUserId: opts.getSessionUserId,
      }),
    onError: (error, path) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') opts.onInternalError?.(error, path);
    },
    responseMeta: ({ errors, paths, data }, requestUrl) => {
      const create = errors.length === 0 && paths?.[0] ? createdMeta(paths[0]) : undefined;
      if (create && didCreate(data[0])) {
        const location = createdLocation(create, data[0], requestUrl);
        return { status: 201, headers: location ? { location } : {} };
      }
      const seconds = errors.map((e) => retryAfter(e.cause)).find((s) => s !== undefined);
      return seconds ? { headers: { 'retry-after': String(seconds) } } : {};
    },
  });
}
