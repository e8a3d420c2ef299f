import { TRPCError } from '@trpc/server';
import type { NodeHTTPResponse } from '@trpc/server/adapters/node-http';
import { createOpenApiNodeHttpHandler, type NodeHTTPRequest } from 'trpc-to-openapi';
import type { Context } from '../context';
import { type AppRouter, appRouter } from '../root';
import { REST_PREFIX } from './openapi';

/**
 * The REST surface's handler, built once per process. trpc-to-openapi's own fetch adapter builds
 * a new one on every request: it walks the whole router into a route table and, outside
 * production, regenerates the OpenAPI document to validate the router, which was most of a REST
 * request's cost. Here that happens once; what differs per request travels on the request.
 */

/** What the shared handler needs of each request, carried on the request object itself. */
export interface RestRequestState {
  createContext: () => Context | Promise<Context>;
  responseMeta: (
    result: { paths: readonly string[] | undefined; data: unknown[]; errors: TRPCError[] },
    requestUrl: string,
  ) => { status?: number; headers?: Record<string, string | undefined> };
  onError: (error: TRPCError, path: string | undefined) => void;
}

const STATE = Symbol('proxy.restRequestState');

type NodeRequest = NodeHTTPRequest & { [STATE]?: RestRequestState };

const stateOf = (req: NodeRequest): RestRequestState => {
  const state = req[STATE];
  if (!state) throw new Error('REST request without its state');
  return state;
};

const stateByContext = new WeakMap<Context, RestRequestState>();

function createSharedHandler() {
  return createOpenApiNodeHttpHandler<AppRouter, NodeRequest, NodeHTTPResponse>({
    router: appRouter,
    createContext: async ({ req }) => stateOf(req).createContext(),
    onError: ({ error, path, req }) => stateOf(req).onError(error, path),
    responseMeta: ({ paths, data, errors, info, ctx }) => {
      const state = ctx ? stateByContext.get(ctx) : undefined;
      // The adapter's `info.url` has the REST prefix taken off; Locations are built from the
      // path as the client sent it.
      const url = info?.url ? `${info.url.origin}${REST_PREFIX}${info.url.pathname}` : '';
      return state?.responseMeta({ paths, data: [...data], errors }, url) ?? {};
    },
  });
}

let shared: ReturnType<typeof createSharedHandler> | undefined;

/** Why a JSON body failed to parse, answered by the adapter as its own PARSE_ERROR. */
type ParsedBody = { ok: true; value: unknown } | { ok: false; cause: unknown };

async function parseBody(req: Request): Promise<ParsedBody> {
  try {
    const type = req.headers.get('content-type');
    if (type?.includes('application/json'))
      return { ok: true, value: JSON.parse(await req.text()) };
    if (type?.includes('application/x-www-form-urlencoded')) {
      const params = new URLSearchParams(await req.text());
      const data: Record<string, string[]> = {};
      for (const key of params.keys()) data[key] = params.getAll(key);
      return { ok: true, value: data };
    }
    return { ok: true, value: req.body };
  } catch (cause) {
    return { ok: false, cause };
  }
}

/**
 * Runs one fetch `Request` through the shared handler. The handler reads `url` (with the prefix
 * taken off) and an already parsed `body` from the request, as trpc-to-openapi's fetch adapter
 * arranges; the context factory and the meta hooks come from `state`.
 */
export async function runRestRequest(req: Request, state: RestRequestState): Promise<Response> {
  const url = req.url.replace(REST_PREFIX, '');
  const body = await parseBody(req);
  const carried: RestRequestState = {
    ...state,
    // responseMeta sees the context but not the request: the context leads back to the state.
    createContext: async () => {
      const ctx = await state.createContext();
      stateByContext.set(ctx, carried);
      return ctx;
    },
  };
  const proxied = new Proxy(req, {
    get(target, prop) {
      if (prop === STATE) return carried;
      if (prop === 'url') return url;
      if (prop === 'body') {
        if (!body.ok) {
          throw new TRPCError({
            code: 'PARSE_ERROR',
            message: 'Failed to parse request body',
            cause: body.cause,
          });
        }
        return body.value;
      }
      // Native Request members must run against the real request, not the proxy.
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  const headers = new Headers();
  return new Promise<Response>((resolve, reject) => {
    let statusCode = 200;
    const res = {
      setHeader(key: string, value: string | readonly string[]) {
        if (typeof value === 'string') headers.set(key, value);
        else for (const v of value) headers.append(key, v);
      },
      get statusCode() {
        return statusCode;
      },
      set statusCode(code: number) {
        statusCode = code;
      },
      end(text?: string) {
        resolve(new Response(text, { headers, status: statusCode }));
      },
    };
    shared ??= createSharedHandler();
    // The node-http core reads only what the fetch Request (through the proxy) and this small
    // response object provide, as trpc-to-openapi's own fetch adapter relies on.
    shared(proxied as unknown as NodeRequest, res as unknown as NodeHTTPResponse).catch(reject);
  });
}
