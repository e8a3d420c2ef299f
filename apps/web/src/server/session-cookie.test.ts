import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { sessionClaimsFrom } from './session-cookie';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const NAME = 'authjs.session-token';
const SECURE_NAME = '__Secure-authjs.session-token';

const issue = (claims: Record<string, unknown>, salt = NAME, secret = SECRET) =>
  encode({ token: claims, secret, salt });
const withCookie = (cookie: string, extra: Record<string, string> = {}) =>
  new Headers({ cookie, ...extra });

describe('sessionClaimsFrom', () => {
  it('reads the user and session version Auth.js issued', async () => {
    const token = await issue({ sub: 'user-1', sv: 3, name: 'Ada' });
    await expect(
      sessionClaimsFrom(withCookie(`other=1; ${NAME}=${token}`), SECRET),
    ).resolves.toEqual({ userId: 'user-1', sessionVersion: 3 });
  });

  it('reads the __Secure- cookie set over https', async () => {
    const token = await issue({ sub: 'user-2', sv: 0 }, SECURE_NAME);
    await expect(sessionClaimsFrom(withCookie(`${SECURE_NAME}=${token}`), SECRET)).resolves.toEqual(
      { userId: 'user-2', sessionVersion: 0 },
    );
  });

  it('refuses a token sealed with another secret, a garbled one, or none', async () => {
    const foreign = await issue(
      { sub: 'user-1', sv: 1 },
      NAME,
      'another-secret-another-secret-another',
    );
    await expect(sessionClaimsFrom(withCookie(`${NAME}=${foreign}`), SECRET)).resolves.toBeNull();
    await expect(sessionClaimsFrom(withCookie(`${NAME}=not-a-jwt`), SECRET)).resolves.toBeNull();
    await expect(sessionClaimsFrom(new Headers(), SECRET)).resolves.toBeNull();
  });

  it('refuses a token without our claims', async () => {
    const noVersion = await issue({ sub: 'user-1' });
    const noUser = await issue({ sv: 1 });
    await expect(sessionClaimsFrom(withCookie(`${NAME}=${noVersion}`), SECRET)).resolves.toBeNull();
    await expect(sessionClaimsFrom(withCookie(`${NAME}=${noUser}`), SECRET)).resolves.toBeNull();
  });

  it('never takes a Bearer header as a session (that header is an API key)', async () => {
    const token = await issue({ sub: 'user-1', sv: 1 });
    const headers = new Headers({ authorization: `Bearer ${token}`, cookie: 'unrelated=1' });
    await expect(sessionClaimsFrom(headers, SECRET)).resolves.toBeNull();
  });
});
