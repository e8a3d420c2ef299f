import { TRPCError } from '@trpc/server';

/**
 * Far larger than any input the API takes (a task's notes are 20,000 characters at most), so a
 * merely too-long field still gets its own field message from validation, while an absurd body
 * is refused before it is buffered or parsed.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * `/api/auth/*` takes a sign-in form (an email, a password up to 128 characters, a CSRF token and
 * a callback URL): a few KB at most, so anything past this is refused unread.
 */
export const AUTH_MAX_BODY_BYTES = 16 * 1024;

const tooLargeMessage = (max: number) =>
  `The request body is too large: at most ${max >= 1024 * 1024 ? `${Math.round(max / 1024 / 1024)} MB` : `${Math.round(max / 1024)} KB`} is accepted`;

/**
 * Reads the body up to `max` bytes without buffering more: a declared Content-Length over the
 * limit is refused before reading anything, a streamed body as soon as it passes the limit.
 * Returns the bytes, undefined when there is no body, or null when the body is too large.
 */
export async function readLimitedBytes(
  req: Request,
  max = MAX_BODY_BYTES,
): Promise<Uint8Array<ArrayBuffer> | undefined | null> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) return null;
  if (!req.body) return undefined;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** A fresh request like `req` carrying `body` (bytes already read, or text). */
export function requestWith(
  req: Request,
  body: RequestInit['body'],
  headers: Headers = req.headers,
): Request {
  return new Request(req.url, { method: req.method, headers, body, signal: req.signal });
}

/** `readLimitedBytes` as a request carrying the bytes read, or null when the body is too large. */
export async function readLimitedRequest(
  req: Request,
  max = MAX_BODY_BYTES,
): Promise<Request | null> {
  const bytes = await readLimitedBytes(req, max);
  if (bytes === null) return null;
  return bytes === undefined ? req : requestWith(req, bytes);
}

/**
 * For the tRPC endpoint: a request whose body fails with PAYLOAD_TOO_LARGE when read, so tRPC
 * answers 413 in its own error envelope (batches included) through the one error formatter.
 */
export function tooLargeTrpcRequest(req: Request, max = MAX_BODY_BYTES): Request {
  return failingTrpcRequest(
    req,
    new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: tooLargeMessage(max) }),
  );
}

/** A request whose body fails with `error` when tRPC reads it: its own envelope answers. */
export function failingTrpcRequest(req: Request, error: TRPCError): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(error);
    },
  });
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body,
    signal: req.signal,
    // Node's fetch needs this for a streamed body.
    duplex: 'half',
  } as RequestInit);
}

/** For the REST surface: the same shape trpc-to-openapi gives every other error. */
export function tooLargeRestResponse(max = MAX_BODY_BYTES): Response {
  const message = tooLargeMessage(max);
  return Response.json(
    {
      message,
      code: 'PAYLOAD_TOO_LARGE',
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, maxBytes: max },
    },
    { status: 413 },
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or null when they are not UTF-8 (a lenient decode would store U+FFFD). */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
