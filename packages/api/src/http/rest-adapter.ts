import { TRPCError } from '@trpc/server';
import { createOpenApiNodeHttpHandler } from 'trpc-to-openapi';
import { appRouter } from '../root';
import { REST_PREFIX } from './openapi';

/**
 * The REST surface's handler, built once per process. trpc-to-openapi's own fetch adapter builds
 * a new one on every request: it walks the whole router into a route table and, outside
 * production, regenerates the OpenAPI document to validate the router, which was most of a REST
 * request's cost. Here that happens once; what differs per request travels on the request.
 */

/** What the shared handler needs of each request, carried on the request object itself. */
export interface RestRequestState<Ctx> {
  createContext: () => Ctx | Promise<Ctx>;
  responseMeta: (
    result: { paths: string[] | undefined; data: unknown[]; errors: TRPCError[] },
    requestUrl: string,
  ) => { status?: number; headers?: Record<string, string | undefined> };
  onError: (error: TRPCError, path: string | undefined) => void;
}

const STATE = Symbol('proxy.restRequestState');

type CarryingRequest = Request & { [STATE]?: RestRequestState<unknown> };

const stateOf = (req: unknown): RestRequestState<unknown> => {
  const state = (req as CarryingRequest)[STATE];
  if (!state) throw new Error('REST request without its state');
  return state;
};

const stateByContext = new WeakMap<object, RestRequestState<unknown>>();

let shared: ReturnType<typeof createOpenApiNodeHttpHandler> | undefined;

function sharedHandler() {
  shared ??= createOpenApiNodeHttpHandler({
    router: appRouter,
    createContext: ({ req }: { req: unknown }) => stateOf(req).createContext(),
    onError: ({ error, path, req }: { error: TRPCError; path?: string; req: unknown }) =>
      stateOf(req).onError(error, path),
    responseMeta: ({
      paths,
      data,
      errors,
      info,
      ctx,
    }: {
      paths?: string[];
      data: unknown[];
      errors: TRPCError[];
      info?: { url?: URL | null };
      ctx?: unknown;
    }) => {
      const state = ctx !== null && typeof ctx === 'object' ? stateByContext.get(ctx) : undefined;
      // The adapter's `info.url` has the REST prefix taken off; Locations are built from the
      // path as the client sent it.
      const url = info?.url ? `${info.url.origin}${REST_PREFIX}${info.url.pathname}` : '';
      return state?.responseMeta({ paths, data, errors }, url) ?? {};
    },
    // biome-ignore lint/suspicious/noExplicitAny: the adapter's option types are written for node's http types, this is the fetch flavour it also accepts
  } as any);
  return shared;
}

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
export async function runRestRequest<Ctx>(
  req: Request,
  state: RestRequestState<Ctx>,
): Promise<Response> {
  const url = req.url.replace(REST_PREFIX, '');
  const body = await parseBody(req);
  const carried: RestRequestState<unknown> = {
    ...(state as RestRequestState<unknown>),
    // responseMeta sees the context but not the request: the context leads back to the state.
    createContext: async () => {
      const ctx = await state.createContext();
      if (ctx !== null && typeof ctx === 'object') stateByContext.set(ctx, carried);
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
    // biome-ignore lint/suspicious/noExplicitAny: see sharedHandler
    (sharedHandler() as any)(proxied, res).catch(reject);
  });
}
