import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets we must read back (webhook signing secrets, calendar tokens) with AES-256-GCM
 * under a key derived from the server's AUTH_SECRET, so a copy of the database alone reveals
 * none of them. Text form: `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export class SecretBoxUnavailableError extends Error {
  override name = 'SecretBoxUnavailableError';
  constructor() {
    super(
      'AUTH_SECRET is not set in this process, so stored secrets cannot be read (set the same AUTH_SECRET for the web server and the worker)',
    );
  }
}

export function createSecretBox(serverSecret: string): SecretBox {
  if (serverSecret.length < 16)
    throw new Error('The secret box needs a server secret of 16+ chars');
  const key = Buffer.from(
    hkdfSync('sha256', serverSecret, 'proxy', 'proxy secret box v1', 32) as ArrayBuffer,
  );
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', iv, tag, body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) {
        throw new Error('Not a sealed secret');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/** A box for processes without AUTH_SECRET: anything that needs it fails in words. */
export const UNAVAILABLE_SECRET_BOX: SecretBox = {
  seal() {
    throw new SecretBoxUnavailableError();
  },
  open() {
    throw new SecretBoxUnavailableError();
  },
};

/** For lookups by a secret (calendar tokens): its SHA-256 in hex. */
export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
