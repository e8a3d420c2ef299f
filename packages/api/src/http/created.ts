import { appRouter } from '../root';
import type { ProcedureMeta } from '../trpc';
import { REST_PREFIX } from './openapi';

/**
 * REST creates, found from the procedures' own meta (`created: { location }`) rather than a list
 * of paths here: the transport answers them 201 with a `Location`, the OpenAPI document says so.
 */
type Procedures = Record<string, { _def: { meta?: ProcedureMeta } }>;
const procedures = appRouter._def.procedures as unknown as Procedures;

export function createdMeta(path: string): { location: string; route: string } | undefined {
  const meta = procedures[path]?._def.meta;
  if (!meta?.created || !meta.openapi) return undefined;
  return { location: meta.created.location, route: meta.openapi.path };
}

/** Every create, as (procedure path, REST route, Location template), for the document and tests. */
export function allCreates() {
  return Object.entries(procedures).flatMap(([path, p]) => {
    const meta = p._def.meta;
    return meta?.created && meta.openapi
      ? [{ path, route: meta.openapi.path, method: meta.openapi.method, ...meta.created }]
      : [];
  });
}

function pick(data: unknown, dotted: string): unknown {
  let value = data;
  for (const part of dotted.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** `/tasks/{taskId}/timer` against `/tasks/abc/timer` gives `{ taskId: 'abc' }`. */
function routeParams(route: string, pathname: string): Record<string, string> {
  const names: string[] = [];
  const pattern = route.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}/?$`).exec(pathname);
  if (!match) return {};
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]));
}

/**
 * The new resource's URL: each `{field}` from the output (dotted for nested), else from the
 * request path's parameters. Undefined when a field is missing (then no Location is sent).
 */
export function createdLocation(
  create: { location: string; route: string },
  data: unknown,
  requestUrl: string,
): string | undefined {
  const pathname = new URL(requestUrl).pathname.slice(REST_PREFIX.length);
  const params = routeParams(create.route, pathname);
  let missing = false;
  const filled = create.location.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = pick(data, name) ?? params[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? undefined : `${REST_PREFIX}${filled}`;
}

/**
 * Whether this answer created something: an idempotent create (registering an agent again,
 * delegating a task that already has a live assignment) says `created: false` in its output.
 */
export function didCreate(data: unknown): boolean {
  if (!data || typeof data !== 'object') return true;
  const fields = data as { created?: unknown; outcome?: unknown };
  // `created: false`: an idempotent create found its resource; `outcome: 'check-email'`: a
  // registration that answers alike for new and taken addresses, so it cannot say 201.
  return fields.created !== false && fields.outcome !== 'check-email';
}
