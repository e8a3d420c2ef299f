import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseUrl } from './browser';

const PASSWORD = 'a calm purple otter';
const randomAddress = () => `198.51.${randomInt(256)}.${randomInt(1, 255)}`;

async function register(email: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(201);
}

/** One sign-in through Auth.js as a program would; answers the error code it redirects with. */
async function signInCode(email: string, password: string, headers: Record<string, string>) {
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers });
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, csrfToken }).toString(),
  });
  const location = res.headers.get('location') ?? '';
  return new URL(location, baseUrl()).searchParams.get('code') ?? 'signed-in';
}

/**
 * The address the limits count is the TCP peer (no proxy is trusted by default): headers a
 * client writes, X-Forwarded-For or the server's own internal one, change nothing.
 */
describe('the client address on the real server', () => {
  for (const header of ['x-forwarded-for', 'x-proxy-client-address']) {
    it(`rotating ${header} does not reset the sign-in limit`, async () => {
      const email = `rotate-${header}-${Date.now()}@example.com`;
      await register(email);
      for (let i = 0; i < 5; i++) {
        expect(await signInCode(email, 'wrong wrong wrong', { [header]: randomAddress() })).toBe(
          'credentials',
        );
      }
      expect(await signInCode(email, PASSWORD, { [header]: randomAddress() })).toBe('rate_limited');
    });
  }
});
