import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Resolver, SafeFetchError, safeFetch } from './safe-fetch';

/**
 * The guard against a real node:http server on 127.0.0.1. Refusals must happen before any
 * connection (the server counts requests); success paths reach the server through the allow-list
 * with names resolved by an injected resolver, so nothing touches /etc/hosts or real DNS.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const seen: { url: string; host: string | undefined }[] = [];
let server: Server;
let port = 0;
let tlsServer: TlsServer;
let tlsPort = 0;
const tlsFile = (name: string) =>
  readFileSync(new URL(`./test-tls/${name}`, import.meta.url), 'utf8');
const CERT = tlsFile('trusted.test.crt');

const TRUSTED = 'trusted.test';
const base = () => `http://${TRUSTED}:${port}`;

/** A fake DNS: every lookup is recorded, names map to fixed answers. */
function fakeDns(table: Record<string, string[]>) {
  const lookups: string[] = [];
  const resolve: Resolver = async (hostname) => {
    lookups.push(hostname);
    const answers = table[hostname];
    if (!answers) throw new Error(`ENOTFOUND ${hostname}`);
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookups, resolve };
}

const dns = () =>
  fakeDns({
    [TRUSTED]: ['127.0.0.1'],
    'rebind.test': ['127.0.0.1'],
    'mixed.test': ['93.184.215.14', '10.0.0.7'],
    'metadata.test': ['169.254.169.254'],
    'v6.test': ['2606:4700:4700::1111', '::1'],
  });

async function refusal(promise: Promise<unknown>): Promise<SafeFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SafeFetchError) return error;
    throw error;
  }
  throw new Error('expected the fetch to be refused');
}

beforeAll(async () => {
  routes.set('/json', (_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ price: 49_500 }));
  });
  routes.set('/feed', (_req, res) => {
    res.setHeader('content-type', 'application/rss+xml');
    res.end('<rss><channel><item><link>https://a.example/1</link></item></channel></rss>');
  });
  routes.set('/page', (_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<html><body><p class="v">42</p></body></html>');
  });
  routes.set('/big', (_req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end('x'.repeat(5_000));
  });
  routes.set('/big-stream', (_req, res) => {
    // No content-length: the cap must cut the stream itself.
    res.setHeader('content-type', 'text/plain');
    res.setHeader('transfer-encoding', 'chunked');
    let sent = 0;
    const tick = () => {
      if (sent > 200_000 || res.destroyed) return res.end();
      sent += 1_000;
      res.write('y'.repeat(1_000), tick);
    };
    tick();
  });
  routes.set('/slow', () => {
    // Never answers: the time cap must end it.
  });
  routes.set('/slow-body', (_req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.write('first part');
  });
  routes.set('/headers', (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        host: req.headers.host,
        token: req.headers['x-token'] ?? null,
        encoding: req.headers['accept-encoding'],
      }),
    );
  });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ url: url.pathname + url.search, host: req.headers.host });
    if (url.pathname.startsWith('/hop/')) {
      const n = Number(url.pathname.slice('/hop/'.length));
      res.statusCode = 302;
      res.setHeader('location', n <= 0 ? '/json' : `/hop/${n - 1}`);
      return res.end();
    }
    if (url.pathname === '/redirect') {
      res.statusCode = Number(url.searchParams.get('status') ?? 302);
      res.setHeader('location', url.searchParams.get('to') ?? '/json');
      return res.end();
    }
    const route = routes.get(url.pathname);
    if (!route) {
      res.statusCode = 404;
      return res.end('not found');
    }
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  tlsServer = createTlsServer({ key: tlsFile('trusted.test.key'), cert: CERT }, (req, res) => {
    res.setHeader('content-type', 'application/json');
    const socket = req.socket as { servername?: string | false };
    res.end(JSON.stringify({ host: req.headers.host, sni: socket.servername ?? null }));
  });
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  tlsPort = (tlsServer.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  tlsServer.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
});

describe('safeFetch refuses', () => {
  it.each([
    ['http://127.0.0.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://[::1]/', 'refused: ::1 is a loopback address'],
    ['http://10.0.0.1/', 'refused: 10.0.0.1 is a private address'],
    ['http://172.16.0.1/', 'refused: 172.16.0.1 is a private address'],
    ['http://192.168.0.1/', 'refused: 192.168.0.1 is a private address'],
    [
      'http://169.254.169.254/latest/meta-data/',
      'refused: 169.254.169.254 is a link-local address',
    ],
    ['http://100.64.0.1/', 'refused: 100.64.0.1 is a carrier-grade NAT address'],
    ['http://0.0.0.0/', 'refused: 0.0.0.0 is an unspecified address'],
    [
      'http://[::ffff:127.0.0.1]/',
      'refused: ::ffff:7f00:1 is a loopback address (IPv4-mapped 127.0.0.1)',
    ],
    [
      'http://[::ffff:a9fe:a9fe]/',
      'refused: ::ffff:a9fe:a9fe is a link-local address (IPv4-mapped 169.254.169.254)',
    ],
    ['http://[fe80::1]/', 'refused: fe80::1 is a link-local address'],
    ['http://[fd00::1]/', 'refused: fd00::1 is a unique-local address'],
    // Other IPv4 spellings, read the way the WHATWG URL parser (and so browsers) read them.
    ['http://2130706433/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0177.0.0.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0x7f000001/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://127.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://017700000001/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0xa9fea9fe/', 'refused: 169.254.169.254 is a link-local address'],
  ])('%s', async (url, message) => {
    const before = seen.length;
    const error = await refusal(safeFetch(url, { resolve: dns().resolve }));
    expect(error.reason).toBe('address');
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(message);
    expect(seen.length).toBe(before);
  });

  it.each([
    ['file:///etc/passwd', 'refused: file URLs are not allowed, only http and https'],
    ['gopher://127.0.0.1:6379/_INFO', 'refused: gopher URLs are not allowed, only http and https'],
    ['ftp://example.com/', 'refused: ftp URLs are not allowed, only http and https'],
    ['javascript:alert(1)', 'refused: javascript URLs are not allowed, only http and https'],
    ['data:text/plain,hi', 'refused: data URLs are not allowed, only http and https'],
  ])('the scheme of %s', async (url, message) => {
    const error = await refusal(safeFetch(url));
    expect(error.reason).toBe('scheme');
    expect(error.message).toBe(message);
  });

  it.each([
    'http://user:pass@example.com/',
    'http://user@example.com/',
    'https://:secret@example.com/',
  ])('credentials in %s', async (url) => {
    const error = await refusal(safeFetch(url));
    expect(error.reason).toBe('credentials');
    expect(error.message).toMatch(/user name or password/);
  });

  it('a string that is not a URL', async () => {
    const error = await refusal(safeFetch('not a url'));
    expect(error.reason).toBe('invalid_url');
  });

  it('a host name that resolves to loopback, without connecting', async () => {
    const { resolve, lookups } = dns();
    const before = seen.length;
    const error = await refusal(safeFetch(`http://rebind.test:${port}/json`, { resolve }));
    expect(error.message).toBe(
      'refused: 127.0.0.1 is a loopback address (rebind.test resolves to it)',
    );
    expect(lookups).toEqual(['rebind.test']);
    expect(seen.length).toBe(before);
  });

  it('a host name when any one of its addresses is private', async () => {
    const error = await refusal(safeFetch('http://mixed.test/', { resolve: dns().resolve }));
    expect(error.message).toBe(
      'refused: 10.0.0.7 is a private address (mixed.test resolves to it)',
    );
    const v6 = await refusal(safeFetch('http://v6.test/', { resolve: dns().resolve }));
    expect(v6.message).toBe('refused: ::1 is a loopback address (v6.test resolves to it)');
  });

  it('a host name that does not resolve, as a remote failure', async () => {
    const error = await refusal(safeFetch('http://nowhere.test/', { resolve: dns().resolve }));
    expect(error.reason).toBe('dns');
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('a redirect from an allowed server to loopback, re-checked at the hop', async () => {
    const to = encodeURIComponent(`http://127.0.0.1:${port}/json`);
    const before = seen.length;
    const error = await refusal(
      safeFetch(`${base()}/redirect?to=${to}`, { resolve: dns().resolve, allowHosts: [TRUSTED] }),
    );
    expect(error.message).toBe('refused: 127.0.0.1 is a loopback address');
    // The first server was asked; /json never was.
    expect(seen.slice(before).map((s) => s.url)).toEqual([`/redirect?to=${to}`]);
  });

  it('a redirect to the cloud metadata address by name, and to a decimal spelling', async () => {
    const { resolve } = dns();
    for (const target of ['http://metadata.test/latest', 'http://2852039166/latest']) {
      const to = encodeURIComponent(target);
      const error = await refusal(
        safeFetch(`${base()}/redirect?status=307&to=${to}`, { resolve, allowHosts: [TRUSTED] }),
      );
      expect(error.message).toMatch(/^refused: 169\.254\.169\.254 is a link-local address/);
    }
  });

  it('a redirect to a file: URL', async () => {
    const to = encodeURIComponent('file:///etc/passwd');
    const error = await refusal(
      safeFetch(`${base()}/redirect?to=${to}`, { resolve: dns().resolve, allowHosts: [TRUSTED] }),
    );
    expect(error.reason).toBe('scheme');
  });

  it('more than 3 redirects by default, and more than the limit given', async () => {
    const opts = { resolve: dns().resolve, allowHosts: [TRUSTED] };
    const ok = await safeFetch(`${base()}/hop/2`, opts);
    expect(ok.status).toBe(200);
    expect(ok.hops).toHaveLength(4);
    const error = await refusal(safeFetch(`${base()}/hop/3`, opts));
    expect(error.reason).toBe('redirect');
    expect(error.message).toMatch(/^refused: more than 3 redirects/);
    const strict = await refusal(safeFetch(`${base()}/hop/0`, { ...opts, maxRedirects: 0 }));
    expect(strict.reason).toBe('redirect');
  });
});

describe('safeFetch fetches', () => {
  it('JSON from an allow-listed host, resolving the name once and connecting to that address', async () => {
    const { resolve, lookups } = dns();
    const res = await safeFetch(`${base()}/json`, { resolve, allowHosts: [TRUSTED] });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.text())).toEqual({ price: 49_500 });
    expect(res.address).toBe('127.0.0.1');
    expect(lookups).toEqual([TRUSTED]);
  });

  it('keeps the Host header of the URL (callers cannot override it) while connecting to the pinned address', async () => {
    const res = await safeFetch(`${base()}/headers`, {
      resolve: dns().resolve,
      allowHosts: [TRUSTED],
      headers: { 'x-token': 't1', Host: 'internal.admin', 'Accept-Encoding': 'gzip' },
    });
    expect(JSON.parse(res.text())).toEqual({
      host: `${TRUSTED}:${port}`,
      token: 't1',
      encoding: 'identity',
    });
  });

  it('RSS and HTML with their content types', async () => {
    const opts = { resolve: dns().resolve, allowHosts: [TRUSTED] };
    const feed = await safeFetch(`${base()}/feed`, opts);
    expect(feed.contentType).toBe('application/rss+xml');
    expect(feed.text()).toContain('<link>https://a.example/1</link>');
    const page = await safeFetch(`${base()}/page`, opts);
    expect(page.contentType).toBe('text/html');
  });

  it('https to the pinned address with SNI and the certificate checked against the host name', async () => {
    const { resolve, lookups } = dns();
    const res = await safeFetch(`https://${TRUSTED}:${tlsPort}/`, {
      resolve,
      allowHosts: [TRUSTED],
      ca: CERT,
    });
    expect(JSON.parse(res.text())).toEqual({ host: `${TRUSTED}:${tlsPort}`, sni: TRUSTED });
    expect(lookups).toEqual([TRUSTED]);
    // The same server under another name fails the certificate check: the name is what is verified.
    const other = await refusal(
      safeFetch(`https://127.0.0.1:${tlsPort}/`, { allowHosts: ['127.0.0.1'], ca: CERT }),
    );
    expect(other.reason).toBe('network');
    expect(other.message).toMatch(/certificate|altnames|IP: 127\.0\.0\.1/i);
  });

  it('an allow-listed IP literal', async () => {
    const res = await safeFetch(`http://127.0.0.1:${port}/json`, { allowHosts: ['127.0.0.1'] });
    expect(res.status).toBe(200);
  });

  it('follows a redirect to a relative location and reports every hop', async () => {
    const res = await safeFetch(`${base()}/hop/1`, {
      resolve: dns().resolve,
      allowHosts: [TRUSTED],
    });
    expect(res.hops).toEqual([`${base()}/hop/1`, `${base()}/hop/0`, `${base()}/json`]);
    expect(res.url).toBe(`${base()}/json`);
  });

  it('does not send caller headers to another origin after a redirect', async () => {
    const to = encodeURIComponent(`http://127.0.0.1:${port}/headers`);
    const res = await safeFetch(`${base()}/redirect?to=${to}`, {
      resolve: dns().resolve,
      allowHosts: [TRUSTED, '127.0.0.1'],
      headers: { 'x-token': 'secret' },
    });
    expect(JSON.parse(res.text())).toEqual({
      host: `127.0.0.1:${port}`,
      token: null,
      encoding: 'identity',
    });
  });

  it('refuses a body larger than the cap, declared or streamed', async () => {
    const opts = { resolve: dns().resolve, allowHosts: [TRUSTED], maxBytes: 1_000 };
    const declared = await refusal(safeFetch(`${base()}/big`, opts));
    expect(declared.reason).toBe('too_large');
    expect(declared.message).toBe(`the response from ${TRUSTED}:${port} is larger than 1000 bytes`);
    const streamed = await refusal(
      safeFetch(`${base()}/big-stream`, { ...opts, maxBytes: 10_000 }),
    );
    expect(streamed.reason).toBe('too_large');
    const fits = await safeFetch(`${base()}/big`, { ...opts, maxBytes: 5_000 });
    expect(fits.body.length).toBe(5_000);
  });

  it('gives up after the time cap, for headers and for a body that stalls', async () => {
    const opts = { resolve: dns().resolve, allowHosts: [TRUSTED], timeoutMs: 150 };
    const started = Date.now();
    const error = await refusal(safeFetch(`${base()}/slow`, opts));
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`${TRUSTED}:${port} did not answer within 150 ms`);
    expect(Date.now() - started).toBeLessThan(2_000);
    const body = await refusal(safeFetch(`${base()}/slow-body`, opts));
    expect(body.reason).toBe('timeout');
  });

  it('gives up when the resolver hangs past the time cap', async () => {
    const hang: Resolver = () => new Promise(() => {});
    const error = await refusal(safeFetch('http://hang.test/', { resolve: hang, timeoutMs: 50 }));
    expect(error.reason).toBe('timeout');
  });

  it('returns non-2xx statuses for the caller to judge', async () => {
    const res = await safeFetch(`${base()}/missing`, {
      resolve: dns().resolve,
      allowHosts: [TRUSTED],
    });
    expect(res.status).toBe(404);
    expect(res.text()).toBe('not found');
  });
});
