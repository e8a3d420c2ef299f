import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server on 127.0.0.1 that speaks the Anthropic Messages API (`POST /v1/messages`)
 * and the OpenAI Chat Completions API (`POST /v1/chat/completions`), for tests and benchmarks
 * that run the real SDKs. Each format has a script of replies; once it runs out, the default
 * answer is sent.
 */

export type StubFormat = 'anthropic' | 'openai';

export type StubReply =
  /** A normal answer: `content` is sent as JSON text, `text` verbatim. */
  | { kind: 'ok'; content?: unknown; text?: string; usage?: { input: number; output: number } }
  /** An HTTP error in the provider's error shape, optionally with Retry-After. */
  | { kind: 'status'; status: number; retryAfter?: string; message?: string }
  /** Waits before replying (to exceed a client timeout). */
  | { kind: 'slow'; delayMs: number; then?: StubReply }
  /** A 200 whose body is not JSON at all. */
  | { kind: 'malformed' }
  /** A hostile error that echoes the caller's credentials back. */
  | { kind: 'echo-key'; status: number };

export interface StubRequest {
  format: StubFormat;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface StubServer {
  url: string;
  /** baseURL for the Anthropic SDK. */
  anthropicBaseUrl: string;
  /** baseURL for the OpenAI SDK (and OpenAI-compatible servers). */
  openaiBaseUrl: string;
  requests: StubRequest[];
  /** Queues replies for one format, used in order before the default answer. */
  script(format: StubFormat, ...replies: StubReply[]): void;
  /** Clears scripts and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface StubOptions {
  /** The default answer's content, from the request (its body, system prompt, ...). */
  answer?: (request: StubRequest) => unknown;
  /** Keep request bodies in `requests` (off for benchmarks). */
  record?: boolean;
}

const tokensOf = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function errorBody(format: StubFormat, status: number, message: string) {
  const type =
    status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
  return format === 'anthropic'
    ? { type: 'error', error: { type, message } }
    : { error: { message, type, code: null, param: null } };
}

function successBody(
  format: StubFormat,
  model: string,
  text: string,
  usage: { input: number; output: number },
) {
  if (format === 'anthropic') {
    return {
      id: 'msg_stub',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    };
  }
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

export async function startStubProvider(options: StubOptions = {}): Promise<StubServer> {
  const record = options.record ?? true;
  const scripts: Record<StubFormat, StubReply[]> = { anthropic: [], openai: [] };
  const requests: StubRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  async function reply(
    res: ServerResponse,
    req: IncomingMessage,
    request: StubRequest,
    raw: string,
    r: StubReply,
  ) {
    const model = typeof request.body.model === 'string' ? request.body.model : 'stub-model';
    switch (r.kind) {
      case 'ok': {
        const content = r.content ?? options.answer?.(request) ?? { ok: true };
        const text = r.text ?? JSON.stringify(content);
        const usage = r.usage ?? { input: tokensOf(raw), output: tokensOf(text) };
        return sendJson(res, 200, successBody(request.format, model, text, usage));
      }
      case 'status': {
        const headers: Record<string, string> = {};
        if (r.retryAfter !== undefined) headers['retry-after'] = r.retryAfter;
        return sendJson(
          res,
          r.status,
          errorBody(request.format, r.status, r.message ?? `stub error ${r.status}`),
          headers,
        );
      }
      case 'malformed': {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"id": "broken", "content": [ this is not json');
      }
      case 'echo-key': {
        const auth = String(req.headers.authorization ?? req.headers['x-api-key'] ?? '');
        return sendJson(
          res,
          r.status,
          errorBody(
            request.format,
            r.status,
            `Invalid credentials: ${auth} (x-api-key=${String(req.headers['x-api-key'] ?? '')})`,
          ),
        );
      }
      case 'slow': {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, r.delayMs);
          timers.add(timer);
          res.on('close', () => {
            clearTimeout(timer);
            timers.delete(timer);
            resolve();
          });
        });
        if (res.writableEnded || res.destroyed) return;
        return reply(res, req, request, raw, r.then ?? { kind: 'ok' });
      }
    }
  }

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const format: StubFormat | null =
      path === '/v1/messages' ? 'anthropic' : path === '/v1/chat/completions' ? 'openai' : null;
    const raw = await readBody(req);
    if (!format || req.method !== 'POST') {
      return sendJson(res, 404, { error: { message: 'not found' } });
    }
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, errorBody(format, 400, 'body is not JSON'));
    }
    const request: StubRequest = { format, path, headers: req.headers, body };
    if (record) requests.push(request);
    const next = scripts[format].shift() ?? { kind: 'ok' };
    await reply(res, req, request, raw, next);
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    anthropicBaseUrl: url,
    openaiBaseUrl: `${url}/v1`,
    requests,
    script(format, ...replies) {
      scripts[format].push(...replies);
    },
    reset() {
      scripts.anthropic.length = 0;
      scripts.openai.length = 0;
      requests.length = 0;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
