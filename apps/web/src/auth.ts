import 'server-only';
import {
  clientIpFrom,
  DEFAULT_SIGN_IN_LIMITS,
  sessionUser,
  signIn as verifyCredentials,
} from '@proxy/api';
import { DomainError } from '@proxy/core';
import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cache } from 'react';
import { appDeps } from '@/server/db';
import { serverEnv } from '@/server/env';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string } & DefaultSession['user'];
  }
}

/** The code the sign-in page turns into "Too many attempts". Safe to show: it names no account. */
export const RATE_LIMITED_CODE = 'rate_limited';

export class RateLimitedSignin extends CredentialsSignin {
  override code = RATE_LIMITED_CODE;
}

/** How long a rate-limited person may have to wait, at most, for the sign-in page to say. */
export const SIGN_IN_WINDOW_MINUTES = Math.ceil(DEFAULT_SIGN_IN_LIMITS.pairBlockSeconds / 60);

const isRateLimit = (error: unknown) =>
  error instanceof DomainError
    ? error.code === 'TOO_MANY_REQUESTS'
    : (error as { code?: unknown } | null)?.code === 'TOO_MANY_REQUESTS';

// The config is built per request (lazy), so `next build` never reads runtime secrets.
export const { handlers, auth, signOut } = NextAuth(() => ({
  secret: serverEnv().authSecret,
  trustHost: true,
  session: { strategy: 'jwt' },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, request) {
        try {
          const user = await verifyCredentials(
            await appDeps(),
            { email: credentials.email, password: credentials.password },
            clientIpFrom(request.headers),
          );
          if (!user) return null;
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            sessionVersion: user.sessionVersion,
          };
        } catch (error) {
          if (isRateLimit(error)) throw new RateLimitedSignin();
          // Anything else reads as the uniform failure to the person; the cause goes to the log.
          console.error('sign-in failed unexpectedly', error);
          return null;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        // `sv`: the user's session version when this session was issued.
        token.sv = user.sessionVersion;
        return token;
      }
      // Every request re-checks the session version: "sign out everywhere" and a password
      // change bump it, which ends every session issued before.
      if (!token.sub || typeof token.sv !== 'number') return null;
      const current = await sessionUser(await appDeps(), token.sub, token.sv);
      if (!current) return null;
      token.name = current.name;
      token.email = current.email;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  logger: {
    error(error) {
      // A wrong password is routine, not a server error.
      if (error instanceof CredentialsSignin || error.name === 'CredentialsSignin') return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
}));

/** The signed-in user's id for this request, or null; cached per server render. */
export const currentUserId = cache(async (): Promise<string | null> => {
  const session = await auth();
  return session?.user?.id ?? null;
});
