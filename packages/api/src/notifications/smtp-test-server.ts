import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message the test server accepted: its envelope, raw text and unfolded headers. */
export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: string;
  headers: Record<string, string>;
}

/** What the server answers next: accept, or refuse at RCPT TO or after DATA with a code. */
export type SmtpBehaviour =
  | { kind: 'accept' }
  | { kind: 'reject-data'; code: number; message: string }
  | { kind: 'reject-rcpt'; code: number; message: string };

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/**
 * A real SMTP server on 127.0.0.1 (random port) for tests: no TLS, authentication optional
 * (and checked against `credentials` when given). Each refusal in `queue` is used once, then it
 * accepts. Only accepted messages are collected.
 */
export async function startSmtpServer(
  options: { credentials?: { user: string; pass: string } } = {},
) {
  const received: ReceivedMail[] = [];
  const queue: SmtpBehaviour[] = [];
  let attempts = 0;
  const next = (): SmtpBehaviour => queue[0] ?? { kind: 'accept' };
  const config: SMTPServerOptions = {
    authOptional: !options.credentials,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A pooled client keeps its connection open; closing waits this long for it, not 30 s.
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      const ok =
        options.credentials &&
        auth.username === options.credentials.user &&
        auth.password === options.credentials.pass;
      if (ok) callback(null, { user: auth.username });
      else callback(smtpError(535, 'Authentication failed'));
    },
    onRcptTo(_address, _session, callback) {
      const b = next();
      if (b.kind === 'reject-rcpt') {
        queue.shift();
        attempts++;
        callback(smtpError(b.code, b.message));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        attempts++;
        const b = next();
        if (b.kind === 'reject-data') {
          queue.shift();
          callback(smtpError(b.code, b.message));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers: parseHeaders(raw),
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: options.credentials
      ? `smtp://${encodeURIComponent(options.credentials.user)}:${encodeURIComponent(options.credentials.pass)}@127.0.0.1:${port}`
      : `smtp://127.0.0.1:${port}`,
    received,
    /** Sessions that reached RCPT refusal or the end of DATA. */
    get attempts() {
      return attempts;
    },
    /** Refuse the next message(s) this way, once each. */
    refuse(...behaviours: SmtpBehaviour[]) {
      queue.push(...behaviours);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** The decoded text part of a simple nodemailer message (quoted-printable soft breaks joined). */
export function textBody(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}
