import { TRPC_MAX_BATCH_SIZE } from '@proxy/core';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createOpenApiFetchHandler } from 'trpc-to-openapi';
import { type AppDeps, createContext } from '../context';
import { appRouter } from '../root';
import {
  failingTrpcRequest,
  isUtf8,
  readLimitedRequest,
  tooLargeRestResponse,
  tooLargeTrpcRequest,
} from './body-limit';
import { createdLocation, createdMeta, didCreate } from './created';
import { REST_PREFIX } from './openapi';

export interface RequestOptions {
  deps: AppDeps;
  /** The browser session's user id, if the web app found one. */
  getSessionUserId?: () => Promise<string | null>;
  onInternalError?: (error: unknown, path: string | undefined) => void;
}

const retryAfter = (data: unknown) =>
  (data as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;

const NOT_UTF8 = 'The request body is not valid UTF-8';

/** A tRPC body that is not UTF-8 is refused (400 in tRPC's envelope), never stored mangled. */
async function utf8TrpcRequest(req: Request): Promise<Request> {
  if (req.method !== 'POST' || !req.body) return req;
  const bytes = await req
    .clone()
    .arrayBuffer()
    .catch(() => null);
  if (bytes === null || isUtf8(bytes)) return req;
  return failingTrpcRequest(req, new TRPCError({ code: 'BAD_REQUEST', message: NOT_UTF8 }));
}

/** `/api/trpc/*`: the typed tRPC endpoint used by the web app and the client package. */
export async function handleTrpcRequest(
  incoming: Request,
  opts: RequestOptions,
  endpoint = '/api/trpc',
) {
  // Absurd sizes (a 1 MB title) are refused before anything parses them.
  const req = await utf8TrpcRequest(
    (await readLimitedRequest(incoming)) ?? tooLargeTrpcRequest(incoming),
  );
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
 * A JSON body goes on to the procedure exactly as sent, or is refused here with 400:
 * - no body (`curl -X POST .../assignments/{id}/accept`, every input in the path) is `{}`;
 * - bytes that are not UTF-8 are refused, not decoded with replacement characters into storage;
 * - a body that is JSON but not an object (`null`, `[]`, `"text"`, `12345`) is refused: the
 *   adapter would spread it into `{}`, and an all-optional input would accept that as "no change".
 * Malformed JSON goes on and gets the adapter's parse error (400).
 */
async function checkedJsonRequest(req: Request): Promise<Request | Response> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return req;
  const type = req.headers.get('content-type');
  if (type && !type.includes('application/json')) return req;
  const bytes = await req.arrayBuffer();
  if (!isUtf8(bytes)) return badRestBody(NOT_UTF8);
  let text = new TextDecoder().decode(bytes);
  if (text.trim() === '') text = '{}';
  else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = {};
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return badRestBody('The request body must be a JSON object');
    }
  }
  const headers = new Headers(req.headers);
  headers.set('content-type', type ?? 'application/json');
  return new Request(req.url, { method: req.method, headers, body: text });
}

/** `/api/v1/*`: the REST surface generated from the same procedures. */
export async function handleRestRequest(incoming: Request, opts: RequestOptions) {
  const limited = await readLimitedRequest(incoming);
  if (!limited) return tooLargeRestResponse();
  const req = await checkedJsonRequest(limited);
  if (req instanceof Response) return req;
  return createOpenApiFetchHandler({
    endpoint: REST_PREFIX,
    req,
    router: appRouter,
    createContext: () =>
      createContext({
        deps: opts.deps,
        headers: req.headers,
        getSessionUserId: opts.getSessionUserId,
      }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') opts.onInternalError?.(error, path);
    },
    responseMeta: ({ errors, paths, data }) => {
      const create = errors.length === 0 && paths?.[0] ? createdMeta(paths[0]) : undefined;
      if (create && didCreate(data[0])) {
        const location = createdLocation(create, data[0], req.url);
        return { status: 201, headers: location ? { location } : {} };
      }
      const seconds = errors.map((e) => retryAfter(e.cause)).find((s) => s !== undefined);
      return seconds ? { headers: { 'retry-after': String(seconds) } } : {};
    },
  });
}
