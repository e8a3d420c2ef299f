import { TRPC_MAX_BATCH_SIZE } from '@proxy/core';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createOpenApiFetchHandler } from 'trpc-to-openapi';
import { type AppDeps, createContext } from '../context';
import { appRouter } from '../root';
import { readLimitedRequest, tooLargeRestResponse, tooLargeTrpcRequest } from './body-limit';
import { REST_PREFIX } from './openapi';

export interface RequestOptions {
  deps: AppDeps;
  /** The browser session's user id, if the web app found one. */
  getSessionUserId?: () => Promise<string | null>;
  onInternalError?: (error: unknown, path: string | undefined) => void;
}

const retryAfter = (data: unknown) =>
  (data as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;

/** `/api/trpc/*`: the typed tRPC endpoint used by the web app and the client package. */
export async function handleTrpcRequest(
  incoming: Request,
  opts: RequestOptions,
  endpoint = '/api/trpc',
) {
  // Absurd sizes (a 1 MB title) are refused before anything parses them.
  const req = (await readLimitedRequest(incoming)) ?? tooLargeTrpcRequest(incoming);
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

/**
 * `curl -X POST .../assignments/{id}/accept` sends no body (with or without a JSON content type);
 * treat an empty body as `{}` instead of refusing it, since every input is in the path.
 */
async function withJsonDefault(req: Request): Promise<Request> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return req;
  const type = req.headers.get('content-type');
  if (type && !type.includes('application/json')) return req;
  const text = await req.text();
  const headers = new Headers(req.headers);
  headers.set('content-type', type ?? 'application/json');
  return new Request(req.url, {
    method: req.method,
    headers,
    body: text.trim() === '' ? '{}' : text,
  });
}

/** REST procedures that create a resource answer 201 Created. */
const CREATED_PATHS = new Set(['monitors.create']);

/** `/api/v1/*`: the REST surface generated from the same procedures. */
export async function handleRestRequest(incoming: Request, opts: RequestOptions) {
  const limited = await readLimitedRequest(incoming);
  if (!limited) return tooLargeRestResponse();
  const req = await withJsonDefault(limited);
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
    responseMeta: ({ errors, paths }) => {
      if (errors.length === 0 && paths?.some((p) => CREATED_PATHS.has(p))) return { status: 201 };
      const seconds = errors.map((e) => retryAfter(e.cause)).find((s) => s !== undefined);
      return seconds ? { headers: { 'retry-after': String(seconds) } } : {};
    },
  });
}
