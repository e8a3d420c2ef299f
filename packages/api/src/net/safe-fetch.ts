import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress, DomainError } from '@proxy/core';

/**
 * The one way to fetch a URL a user gave us (monitor sources now, webhooks later). It resolves the
 * host once, refuses the request if any resolved address is not public, and then connects to the
 * checked address itself (a fixed `lookup`), so a second DNS answer cannot swap in 127.0.0.1
 * between the check and the connect (DNS rebinding). Redirects are followed by hand, each hop
 * checked the same way.
 */

export type SafeFetchErrorReason =
  | 'invalid_url'
  | 'scheme'
  | 'credentials'
  | 'address'
  | 'dns'
  | 'redirect'
  | 'too_large'
  | 'timeout'
  | 'network';

/** Refusals are the user's URL at fault (400); the rest is the remote side (503). */
export class SafeFetchError extends DomainError {
  readonly reason: SafeFetchErrorReason;
  readonly url: string;

  constructor(reason: SafeFetchErrorReason, message: string, url: string) {
    const userFault: SafeFetchErrorReason[] = [
      'invalid_url',
      'scheme',
      'credentials',
      'address',
      'redirect',
    ];
    super(userFault.includes(reason) ? 'BAD_REQUEST' : 'SERVICE_UNAVAILABLE', message);
    this.name = 'SafeFetchError';
    this.reason = reason;
    this.url = url;
  }
}

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Every address a host name resolves to. Injected in tests; node:dns `lookup` otherwise. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const resolveWithDns: Resolver = async (hostname) => {
  const answers: LookupAddress[] = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export const SAFE_FETCH_DEFAULTS = {
  maxBytes: 1_000_000,
  timeoutMs: 10_000,
  maxRedirects: 3,
} as const;

export type SafeFetchOptions = {
  /**
   * A POST carries `body` and never follows a redirect: its 3xx answer is returned as it is, so a
   * body meant for one host is never re-sent to another.
   */
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Response body cap in bytes; the stream is aborted beyond it. */
  maxBytes?: number;
  /** Total time for every hop, headers and body included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /**
   * Trusted internal hosts (exact host names or IP literals, as they appear in the URL) that skip
   * the address check. Empty by default; only an operator setting should fill it.
   */
  allowHosts?: readonly string[];
  resolve?: Resolver;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM) for https, e.g. an internal CA; system roots otherwise. */
  ca?: string | readonly string[];
};

export type SafeFetchResponse = {
  /** The URL of the last hop (after redirects). */
  url: string;
  status: number;
  headers: Record<string, string>;
  contentType: string | null;
  body: Buffer;
  /** Every URL visited, the first one included. */
  hops: string[];
  /** The address the last hop connected to. */
  address: string;
  text(): string;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Host as written in the URL, without IPv6 brackets and without a trailing dot. */
function bareHost(url: URL): string {
  const h = url.hostname.toLowerCase();
  const unbracketed = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

/** Parse and vet a URL before any network traffic: scheme, credentials. */
export function parseUserUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new SafeFetchError(
      'invalid_url',
      `refused: "${String(input)}" is not a valid URL`,
      String(input),
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SafeFetchError(
      'scheme',
      `refused: ${url.protocol.replace(/:$/, '')} URLs are not allowed, only http and https`,
      url.href,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new SafeFetchError(
      'credentials',
      'refused: URLs with a user name or password are not allowed; use a header instead',
      url.href,
    );
  }
  return url;
}

/** Resolve the URL's host and return the address to connect to, or refuse. */
async function checkedAddress(
  url: URL,
  resolve: Resolver,
  allowHosts: ReadonlySet<string>,
): Promise<ResolvedAddress> {
  const host = bareHost(url);
  const trusted = allowHosts.has(host);
  // The WHATWG parser already turned 2130706433, 0177.0.0.1 and 0x7f.1 into 127.0.0.1.
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new SafeFetchError('dns', `could not resolve ${host}: ${why}`, url.href);
    }
    if (addresses.length === 0) {
      throw new SafeFetchError('dns', `could not resolve ${host}: no addresses`, url.href);
    }
  }
  if (!trusted) {
    for (const a of addresses) {
      const verdict = classifyAddress(a.address);
      if (!verdict.allowed) {
        const via = literal === 0 ? ` (${host} resolves to it)` : '';
        throw new SafeFetchError('address', `${verdict.reason}${via}`, url.href);
      }
    }
  }
  const [first] = addresses;
  if (!first) throw new SafeFetchError('dns', `could not resolve ${host}`, url.href);
  return first;
}

/**
 * Vets a user's URL before it is stored (a webhook endpoint): scheme, credentials, and every
 * address its host resolves to now. Delivery checks again, since a name can change its answer.
 */
export async function vetUserUrl(
  input: string,
  options: Pick<SafeFetchOptions, 'resolve' | 'allowHosts'> = {},
): Promise<URL> {
  const url = parseUserUrl(input);
  const allowHosts = new Set(
    (options.allowHosts ?? []).map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')),
  );
  await checkedAddress(url, options.resolve ?? resolveWithDns, allowHosts);
  return url;
}

/** A `lookup` that always answers with the address we checked: no second DNS query. */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

type Hop = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function requestOnce(
  url: URL,
  target: ResolvedAddress,
  options: {
    method: 'GET' | 'HEAD' | 'POST';
    headers: Record<string, string>;
    body: Buffer | undefined;
    maxBytes: number;
    ca: string[] | undefined;
  },
  signal: AbortSignal,
): Promise<Hop> {
  return new Promise<Hop>((resolvePromise, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(
      url,
      {
        method: options.method,
        // Identity so the byte cap counts what we actually hold in memory.
        headers: {
          ...callerHeaders(options.headers),
          'accept-encoding': 'identity',
          ...(options.body ? { 'content-length': String(options.body.length) } : {}),
        },
        lookup: pinnedLookup(target),
        // A fresh connection per request: a pooled socket must never outlive the check.
        agent: false,
        signal,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (REDIRECTS.has(status)) {
          res.resume();
          resolvePromise({ status, headers: res.headers, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          reject(tooLarge(url, options.maxBytes));
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            // Settle first: destroying emits 'aborted'/'error', which must not win the race.
            reject(tooLarge(url, options.maxBytes));
            res.destroy();
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolvePromise({ status, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('the response was cut off')));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Headers a caller may not set: they would steer the request past the checks or the cap. */
const RESERVED_HEADERS = new Set([
  'host',
  'accept-encoding',
  'connection',
  'content-length',
  'transfer-encoding',
]);

function callerHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([k]) => !RESERVED_HEADERS.has(k.toLowerCase())),
  );
}

const tooLarge = (url: URL, maxBytes: number) =>
  new SafeFetchError(
    'too_large',
    `the response from ${url.host} is larger than ${maxBytes} bytes`,
    url.href,
  );

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Fetch a user-supplied URL with the SSRF guard, a size cap, a time cap and checked redirects. */
export async function safeFetch(
  input: string | URL,
  options: SafeFetchOptions = {},
): Promise<SafeFetchResponse> {
  const maxBytes = options.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes;
  const timeoutMs = options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects;
  const resolve = options.resolve ?? resolveWithDns;
  const allowHosts = new Set(
    (options.allowHosts ?? []).map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')),
  );
  const method = options.method ?? 'GET';
  const requestBody =
    method === 'POST' && options.body !== undefined ? Buffer.from(options.body) : undefined;
  const ca = options.ca === undefined ? undefined : [options.ca].flat();

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = options.signal
    ? AbortSignal.any([options.signal, timeout.signal])
    : timeout.signal;

  let url = parseUserUrl(input);
  const firstOrigin = url.origin;
  const hops: string[] = [];
  try {
    for (let redirects = 0; ; redirects++) {
      hops.push(url.href);
      const target = await untilAborted(checkedAddress(url, resolve, allowHosts), signal).catch(
        (error: unknown) => {
          if (signal.aborted) throw timedOut(url, timeoutMs, options.signal);
          throw error;
        },
      );
      // Caller headers (an API token, say) go only to the origin they were meant for.
      const headers = url.origin === firstOrigin ? (options.headers ?? {}) : {};
      let hop: Hop;
      try {
        hop = await requestOnce(
          url,
          target,
          { method, headers, body: requestBody, maxBytes, ca },
          signal,
        );
      } catch (error) {
        if (error instanceof SafeFetchError) throw error;
        if (signal.aborted) throw timedOut(url, timeoutMs, options.signal);
        const why = error instanceof Error ? error.message : String(error);
        throw new SafeFetchError('network', `could not fetch ${url.host}: ${why}`, url.href);
      }
      const location = hop.headers.location;
      if (REDIRECTS.has(hop.status) && location && method !== 'POST') {
        if (redirects >= maxRedirects) {
          throw new SafeFetchError(
            'redirect',
            `refused: more than ${maxRedirects} redirects (last one from ${url.href})`,
            url.href,
          );
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new SafeFetchError(
            'redirect',
            `refused: ${url.host} redirected to an invalid URL`,
            url.href,
          );
        }
        url = parseUserUrl(next);
        continue;
      }
      const headersOut = flatHeaders(hop.headers);
      const body = hop.body;
      return {
        url: url.href,
        status: hop.status,
        headers: headersOut,
        contentType: headersOut['content-type'] ?? null,
        body,
        hops,
        address: target.address,
        text: () => body.toString('utf8'),
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** A slow resolver must not outlive the time cap. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function timedOut(url: URL, timeoutMs: number, callerSignal: AbortSignal | undefined) {
  if (callerSignal?.aborted) {
    return new SafeFetchError('network', `the request to ${url.host} was cancelled`, url.href);
  }
  return new SafeFetchError(
    'timeout',
    `${url.host} did not answer within ${timeoutMs} ms`,
    url.href,
  );
}
