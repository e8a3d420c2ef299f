import { getToken } from 'next-auth/jwt';

/** Auth.js's session cookie names: the `__Secure-` one is what it sets over https. */
const SECURE_SESSION_COOKIE = '__Secure-authjs.session-token';

export interface SessionClaims {
  userId: string;
  /** The user's session version when the session was issued (the `sv` claim of auth.ts). */
  sessionVersion: number;
}

/**
 * The session a request's Auth.js cookie carries, decoded without Next: the API fast path
 * (api-fast-path.ts) serves `/api/*` before Next sees the request. Only the cookie is read: Auth.js's
 * `getToken` would also take a Bearer header as a session token, and a Bearer header here is an
 * API key. Null for no cookie, a forged or expired one, or one without our claims. The caller
 * still checks the session version against the database, as the jwt callback in auth.ts does.
 */
export async function sessionClaimsFrom(
  headers: Headers,
  secret: string,
): Promise<SessionClaims | null> {
  const cookie = headers.get('cookie');
  if (!cookie) return null;
  const token = await getToken({
    req: { headers: new Headers({ cookie }) },
    secret,
    secureCookie: cookie.includes(SECURE_SESSION_COOKIE),
  });
  if (!token?.sub || typeof token.sv !== 'number') return null;
  return { userId: token.sub, sessionVersion: token.sv };
}
