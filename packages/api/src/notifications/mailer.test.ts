import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSmtpMailer,
  formatMessageId,
  MailSendError,
  mailerFromEnv,
  publicUrlFromEnv,
} from './mailer';
import { startSmtpServer, textBody } from './smtp-test-server';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer({ credentials: { user: 'mailer', pass: 'p@ss:w/rd' } });
});
afterAll(() => smtp?.close());

describe('mailerFromEnv', () => {
  it('is off (undefined) when SMTP_URL is unset or empty', () => {
    expect(mailerFromEnv({})).toBeUndefined();
    expect(mailerFromEnv({ SMTP_URL: '', MAIL_FROM: 'a@example.com' })).toBeUndefined();
  });

  it('refuses a bad URL clearly without echoing it', () => {
    const secret = 'hunter2-secret';
    const attempt = () => mailerFromEnv({ SMTP_URL: `user:${secret}@host`, MAIL_FROM: 'a@b.co' });
    expect(attempt).toThrow(/SMTP_URL/);
    try {
      attempt();
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(secret);
    }
    expect(() => mailerFromEnv({ SMTP_URL: 'not a url', MAIL_FROM: 'a@b.co' })).toThrow(
      /SMTP_URL is not a URL/,
    );
    expect(() =>
      mailerFromEnv({ SMTP_URL: `https://u:${secret}@mail.example.com`, MAIL_FROM: 'a@b.co' }),
    ).toThrow(/smtp:\/\/ or smtps:\/\//);
  });

  it('needs a sender address with SMTP_URL', () => {
    expect(() => mailerFromEnv({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/MAIL_FROM/);
    expect(() =>
      mailerFromEnv({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'not an address' }),
    ).toThrow(/MAIL_FROM must be an address/);
    expect(
      mailerFromEnv({ SMTP_URL: 'smtps://u:p@mail.example.com', MAIL_FROM: 'Proxy <a@b.co>' }),
    ).toBeDefined();
  });

  it('sends through the configured server, decoding percent-encoded credentials', async () => {
    const mailer = mailerFromEnv({
      SMTP_URL: `smtp://mailer:${encodeURIComponent('p@ss:w/rd')}@127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Proxy Alerts <alerts@proxy.example.org>',
    });
    await mailer!.send({
      to: 'reader@example.com',
      subject: 'Hello from the env mailer',
      text: 'Plain body',
      html: '<p>Plain body</p>',
      messageId: 'notification-abc-email',
    });
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['reader@example.com']);
    expect(mail.headers.from).toBe('Proxy Alerts <alerts@proxy.example.org>');
    expect(mail.headers['message-id']).toBe('<notification-abc-email@proxy.example.org>');
    expect(textBody(mail.raw)).toContain('Plain body');
  });
});

describe('createSmtpMailer', () => {
  it('reports a refused send with its code and no credentials', async () => {
    const mailer = createSmtpMailer({
      url: `smtp://mailer:${encodeURIComponent('p@ss:w/rd')}@127.0.0.1:${smtp.port}`,
      from: 'alerts@proxy.example.org',
    });
    smtp.refuse({ kind: 'reject-rcpt', code: 550, message: 'Mailbox p@ss:w/rd unavailable' });
    const error = await mailer
      .send({ to: 'x@example.com', subject: 's', text: 't', messageId: 'm' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSendError);
    const e = error as MailSendError;
    expect(e.responseCode).toBe(550);
    expect(e.permanent).toBe(true);
    expect(e.message).toContain('550');
    expect(e.message).not.toContain('p@ss:w/rd');
  });

  it('keeps a well-formed Message-ID and wraps a bare one', () => {
    expect(formatMessageId('<x@y.z>', 'a@b.co')).toBe('<x@y.z>');
    expect(formatMessageId('evaluation:1:email', 'Proxy <a@b.co>')).toBe(
      '<evaluation-1-email@b.co>',
    );
  });
});

describe('the public address in mail links', () => {
  it('prefers PUBLIC_URL, then AUTH_URL, then the local web port, without a trailing slash', () => {
    expect(publicUrlFromEnv({ PUBLIC_URL: 'https://proxy.example/', AUTH_URL: 'x' })).toBe(
      'https://proxy.example',
    );
    expect(publicUrlFromEnv({ AUTH_URL: 'https://auth.example' })).toBe('https://auth.example');
    expect(publicUrlFromEnv({ PORT: '4000' })).toBe('http://localhost:4000');
    expect(publicUrlFromEnv({})).toBe('http://localhost:3000');
  });
});
