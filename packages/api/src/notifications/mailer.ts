import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Mailer, MailMessage } from '../context';

/**
 * The email transport: nodemailer over SMTP, configured by one URL
 * (smtp://user:pass@host:587 with STARTTLS when offered, smtps://user:pass@host:465 for TLS).
 */
export interface SmtpMailerConfig {
  /** smtp:// or smtps:// URL, credentials percent-encoded in the user-info part. */
  url: string;
  /** The sender: "Proxy <alerts@example.com>" or a bare address. */
  from: string;
  /** Test-only escape hatch for self-signed servers; production keeps certificate checks. */
  tls?: { rejectUnauthorized?: boolean };
}

/** A send that failed: the message is short and never carries the SMTP credentials. */
export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(
    message: string,
    /** The SMTP reply code when the server answered (451, 550, ...). */
    readonly responseCode: number | undefined,
    /** The server refused the recipient for good (5xx at RCPT TO): retrying cannot help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const MAX_ERROR_LENGTH = 300;

/** Removes every form of the URL's secrets from a text, then shortens it. */
function redactor(url: URL) {
  const secrets = [url.password, safeDecode(url.password), url.username, safeDecode(url.username)]
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('***');
    out = out.replace(/\s+/g, ' ').trim();
    return out.length > MAX_ERROR_LENGTH ? `${out.slice(0, MAX_ERROR_LENGTH - 1)}…` : out;
  };
}

function safeDecode(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** RFC 5322 wants "<left@right>"; a bare id gets the sender's domain. */
export function formatMessageId(id: string, from: string): string {
  if (/^<[^<>\s]+@[^<>\s]+>$/.test(id)) return id;
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'proxy.local';
  const left = id.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '-');
  return `<${left}@${domain}>`;
}

export function createSmtpMailer(config: SmtpMailerConfig): Mailer {
  const url = new URL(config.url);
  const redact = redactor(url);
  const transport = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: safeDecode(url.username), pass: safeDecode(url.password) } }
      : {}),
    // Bounded waits: a send must finish well within the delivery's 60 s lease.
    // A pool of open connections: a burst of mail does not pay a handshake per message.
    pool: true,
    maxConnections: 5,
    maxMessages: 200,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    logger: false,
    debug: false,
    ...(config.tls ? { tls: config.tls } : {}),
  });
  return {
    async send(message: MailMessage) {
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          messageId: formatMessageId(message.messageId, config.from),
        });
      } catch (error) {
        const e = error as { message?: string; responseCode?: number; command?: string };
        const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
        const permanent = code !== undefined && code >= 500 && e.command === 'RCPT TO';
        throw new MailSendError(redact(String(e.message ?? error)), code, permanent);
      }
    },
  };
}

const smtpUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      // Never echo the value: it may hold the password.
      ctx.addIssue({
        code: 'custom',
        message:
          'SMTP_URL is not a URL: use smtp://user:pass@host:587 or smtps://user:pass@host:465',
      });
      return;
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      ctx.addIssue({
        code: 'custom',
        message: `SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//)`,
      });
    } else if (!url.hostname) {
      ctx.addIssue({ code: 'custom', message: 'SMTP_URL has no host' });
    }
  });

const mailFromSchema = z
  .string()
  .trim()
  .regex(/^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, {
    message:
      'MAIL_FROM must be an address, e.g. "Proxy <alerts@example.com>" or alerts@example.com',
  });

const mailEnvSchema = z
  .object({
    SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), smtpUrlSchema.optional()),
    MAIL_FROM: z.preprocess((v) => (v === '' ? undefined : v), mailFromSchema.optional()),
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message:
          'MAIL_FROM is required when SMTP_URL is set (the sender address of notification emails)',
      });
    }
  });

/**
 * The mailer from the environment: SMTP_URL (smtp:// or smtps:// URL; unset or empty = the email
 * channel is off, answers undefined) and MAIL_FROM (the sender; required with SMTP_URL).
 * Throws a readable error on a bad value, never quoting the URL.
 */
export function mailerFromEnv(env: Record<string, string | undefined>): Mailer | undefined {
  const parsed = mailEnvSchema.safeParse({ SMTP_URL: env.SMTP_URL, MAIL_FROM: env.MAIL_FROM });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => i.message);
    throw new Error(`Invalid mail settings: ${lines.join('; ')}`);
  }
  const { SMTP_URL, MAIL_FROM } = parsed.data;
  if (!SMTP_URL || !MAIL_FROM) return undefined;
  return createSmtpMailer({ url: SMTP_URL, from: MAIL_FROM });
}

/**
 * Where people reach the web app, for links in mail: PUBLIC_URL, else AUTH_URL, else this
 * machine's web port. The web server and the standalone worker must agree on it.
 */
export function publicUrlFromEnv(env: Record<string, string | undefined>): string {
  const explicit = env.PUBLIC_URL || env.AUTH_URL;
  return (explicit || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
}
