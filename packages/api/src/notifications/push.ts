import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import webPush from 'web-push';
import { z } from 'zod';
import { SafeFetchError, type SafeFetchOptions, safeFetch } from '../net/safe-fetch';

/**
 * Web Push (RFC 8030 with VAPID, RFC 8292, and aes128gcm payloads, RFC 8291), built by the
 * `web-push` library and sent through the SSRF guard: a push endpoint is a URL a browser gave us,
 * and the server must never be steered into the private network by one.
 */
export interface PushConfig {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` contact for push services (VAPID `sub`). */
  subject: string;
  /** Hosts the SSRF guard lets through (tests' loopback push service); empty in production. */
  allowHosts?: readonly string[];
  timeoutMs?: number;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushMessage {
  title: string;
  body: string;
  /** Path in the web app the notification opens. */
  url: string | null;
  /** Collapses repeats on the device. */
  tag: string;
}

export type PushOutcome =
  | { status: 'sent'; code: number }
  /** 404/410: the subscription is gone for good; remove it. */
  | { status: 'gone'; code: number }
  | { status: 'failed'; code: number | null; error: string; retryAfterSeconds?: number };

export async function sendPush(
  config: PushConfig,
  target: PushTarget,
  message: PushMessage,
): Promise<PushOutcome> {
  const payload = JSON.stringify(message);
  let request: ReturnType<typeof webPush.generateRequestDetails>;
  try {
    request = webPush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      payload,
      {
        vapidDetails: {
          subject: config.subject,
          publicKey: config.publicKey,
          privateKey: config.privateKey,
        },
        TTL: 24 * 60 * 60,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
      },
    );
  } catch {
    // Keys that cannot encrypt (a damaged subscription) will never work: treat it as gone.
    return { status: 'gone', code: 0 };
  }
  const options: SafeFetchOptions = {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
    body: request.body ?? Buffer.alloc(0),
    timeoutMs: config.timeoutMs ?? 15_000,
    maxBytes: 64 * 1024,
    ...(config.allowHosts ? { allowHosts: config.allowHosts } : {}),
  };
  try {
    const res = await safeFetch(request.endpoint, options);
    if (res.status >= 200 && res.status < 300) return { status: 'sent', code: res.status };
    if (res.status === 404 || res.status === 410) return { status: 'gone', code: res.status };
    const retryAfter = Number(res.headers['retry-after']);
    return {
      status: 'failed',
      code: res.status,
      error: `the push service answered ${res.status}${res.text() ? `: ${res.text().slice(0, 200)}` : ''}`,
      ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}),
    };
  } catch (error) {
    // An endpoint the guard refuses (a private address, a bad scheme) will never be allowed.
    if (error instanceof SafeFetchError && error.code === 'BAD_REQUEST') {
      return { status: 'gone', code: 0 };
    }
    return {
      status: 'failed',
      code: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

const vapidFileSchema = z.object({ publicKey: z.string().min(40), privateKey: z.string().min(20) });

/**
 * The server's VAPID key pair: from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when set; in embedded
 * mode generated once into the data folder (like the session secret) so devices stay subscribed
 * across restarts; otherwise push is off.
 */
export function pushConfigFromEnv(
  env: Record<string, string | undefined>,
  options: { keyFile?: string | undefined } = {},
): PushConfig | undefined {
  const subject = env.VAPID_SUBJECT?.trim() || 'mailto:proxy@localhost';
  const allowHosts = (env.PUSH_ALLOW_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const extra = allowHosts.length ? { allowHosts } : {};
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    return {
      publicKey: env.VAPID_PUBLIC_KEY.trim(),
      privateKey: env.VAPID_PRIVATE_KEY.trim(),
      subject,
      ...extra,
    };
  }
  if (!options.keyFile) return undefined;
  return { ...readOrCreateVapidKeys(options.keyFile), subject, ...extra };
}

export function readOrCreateVapidKeys(file: string): { publicKey: string; privateKey: string } {
  try {
    return vapidFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`The Web Push keys in ${file} are damaged; delete the file to make new ones`);
    }
  }
  const keys = webPush.generateVAPIDKeys();
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(keys), { flag: 'wx', mode: 0o600 });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return vapidFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  }
}
