import { randomBytes } from 'node:crypto';
import {
  changePasswordInput,
  DomainError,
  handleFromEmail,
  type RegisterInput,
  registerInput,
  signInInput,
} from '@proxy/core';
import { isCommonPassword } from '@proxy/core/accounts/common-passwords';
import { users } from '@proxy/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { isUniqueViolation } from '../db-errors';
import { hashPassword, timingDummyHash, verifyPassword } from './password';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
}

/** The one message for every sign-in failure: it never says whether the email exists. */
export const INVALID_CREDENTIALS = 'Email or password is incorrect';

function refuseCommonPassword(password: string) {
  if (isCommonPassword(password)) {
    throw new DomainError('BAD_REQUEST', 'Choose a less common password', {
      fieldErrors: {
        password: ['This password is on a list of commonly used passwords; choose another'],
      },
    });
  }
}

export async function register(deps: Pick<AppDeps, 'db'>, raw: RegisterInput) {
  const input = registerInput.parse(raw);
  refuseCommonPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const displayName = input.displayName ?? input.email.split('@')[0] ?? 'friend';
  // A handle collision is retried with a fresh suffix; an email collision is a conflict.
  for (let attempt = 0; attempt < 5; attempt++) {
    const handle = handleFromEmail(input.email, randomBytes(2).toString('hex'));
    try {
      const [row] = await deps.db
        .insert(users)
        .values({ email: input.email, passwordHash, displayName, handle })
        .returning({ id: users.id, email: users.email, displayName: users.displayName });
      return row!;
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new DomainError(
          'CONFLICT',
          'An account could not be created with this email. If it is yours, sign in instead.',
          { fieldErrors: { email: ['Use another email, or sign in'] } },
        );
      }
      if (!isUniqueViolation(error, 'users_handle_key')) throw error;
    }
  }
  throw new Error('Could not find a free handle');
}

/**
 * Checks an email and password. Rate limited by (account, address), per account and per
 * address (see rate-limit.ts); the attempt is counted before the password is checked. Unknown
 * emails verify against a dummy hash so timing does not reveal which accounts exist.
 */
export async function signIn(
  deps: Pick<AppDeps, 'db' | 'limiter'>,
  raw: { email: unknown; password: unknown },
  clientIp: string,
): Promise<SessionUser | null> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempt = await deps.limiter.begin(email, clientIp);

  const [user] = await deps.db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = user
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await timingDummyHash(), password)) && false;
  if (!user || !ok) return null;
  await attempt.succeeded();
  return {
    id: user.id,
    email: user.email,
    name: user.displayName,
    sessionVersion: user.sessionVersion,
  };
}

/**
 * Called on every request that carries a session: the session is valid only while the
 * version it was issued with is still the user's current one.
 */
export async function sessionUser(
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  sessionVersion: number,
): Promise<SessionUser | null> {
  const [user] = await deps.db
    .select({
      id: users.id,
      email: users.email,
      name: users.displayName,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user || user.sessionVersion !== sessionVersion) return null;
  return user;
}

/** Revokes every session of the user, this one included. Returns the new version. */
export async function signOutEverywhere(deps: Pick<AppDeps, 'db'>, userId: string) {
  const [row] = await deps.db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw new DomainError('NOT_FOUND', 'Account not found');
  return row.sessionVersion;
}

/**
 * Changes the password and revokes every session; the web app signs the current tab in again
 * with the new password, so only the other sessions end.
 */
export async function changePassword(
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  raw: { currentPassword: string; newPassword: string },
) {
  const input = changePasswordInput.parse(raw);
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new DomainError('NOT_FOUND', 'Account not found');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError('BAD_REQUEST', 'The current password is incorrect', {
      fieldErrors: { currentPassword: ['The current password is incorrect'] },
    });
  }
  refuseCommonPassword(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db
    .update(users)
    .set({
      passwordHash,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
}
