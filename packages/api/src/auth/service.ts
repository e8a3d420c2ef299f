import { randomBytes } from 'node:crypto';
import {
  type AccountTokenPurpose,
  changePasswordInput,
  DomainError,
  handleBase,
  handleCandidate,
  type RegisterInput,
  type RegisterResult,
  registerInput,
  requestPasswordResetInput,
  resetPasswordInput,
  signInInput,
  verifyEmailInput,
} from '@proxy/core';
import { isCommonPassword } from '@proxy/core/accounts/common-passwords';
import type { DbOrTx } from '@proxy/db';
import { accountTokens, users } from '@proxy/db/schema';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { isUniqueViolation } from '../db-errors';
import { accountMail } from '../jobs/definitions';
import { hashAccountToken } from './account-mail';
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

/**
 * Creates an account. Everything cheap comes before the argon2 hash: the input, the common-password
 * list, the per-address and overall limits and, without email, the taken-address check.
 *
 * Without email (a single-person install) a taken address is a 409 and a new one answers the
 * account, so the person can sign in at once. With email the answer is the same `check-email`
 * for a new and a taken address, after the same work (a hash and one queued mail): a new account
 * is mailed a link to confirm its address, a taken one a note with sign-in and reset links.
 */
export async function register(
  deps: Pick<AppDeps, 'db' | 'accountLimiter' | 'jobs' | 'mailer'>,
  raw: RegisterInput,
  clientIp: string,
): Promise<RegisterResult> {
  const input = registerInput.parse(raw);
  refuseCommonPassword(input.password);
  await deps.accountLimiter.registration(clientIp);
  const [existing] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email))
    .limit(1);
  if (existing && !deps.mailer) throw emailTaken();

  const passwordHash = await hashPassword(input.password);
  if (existing) {
    await mailAboutTakenAddress(deps, existing.id, input.email);
    return { outcome: 'check-email', email: input.email };
  }
  const displayName = input.displayName ?? input.email.split('@')[0] ?? 'friend';
  const handleStem = handleBase(input.displayName, input.email);
  // The readable handle first ("ada_lovelace"); a collision is retried with a random suffix. An
  // email collision (a registration racing this one) is a taken address.
  for (let attempt = 0; attempt < 6; attempt++) {
    const handle = handleCandidate(
      handleStem,
      attempt === 0 ? undefined : randomBytes(2).toString('hex'),
    );
    try {
      const row = await deps.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({
            email: input.email,
            passwordHash,
            displayName,
            handle,
            ...(input.timezone ? { timezone: input.timezone } : {}),
          })
          .returning({ id: users.id, email: users.email, displayName: users.displayName });
        if (deps.mailer) {
          await deps.jobs.send(accountMail, { userId: created!.id, kind: 'verify-email' }, { tx });
        }
        return created!;
      });
      return deps.mailer
        ? { outcome: 'check-email', email: input.email }
        : { outcome: 'created', ...row };
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        if (!deps.mailer) throw emailTaken();
        const [raced] = await deps.db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, input.email));
        if (raced) await mailAboutTakenAddress(deps, raced.id, input.email);
        return { outcome: 'check-email', email: input.email };
      }
      if (!isUniqueViolation(error, 'users_handle_key')) throw error;
    }
  }
  throw new Error('Could not find a free handle');
}

function emailTaken() {
  return new DomainError(
    'CONFLICT',
    'An account could not be created with this email. If it is yours, sign in instead.',
    { fieldErrors: { email: ['Use another email, or sign in'] } },
  );
}

async function mailAboutTakenAddress(
  deps: Pick<AppDeps, 'accountLimiter' | 'jobs'>,
  userId: string,
  email: string,
) {
  if (await deps.accountLimiter.accountMailAllowed(email)) {
    await deps.jobs.send(accountMail, { userId, kind: 'already-registered' });
  }
}

export const EMAIL_OFF_FOR_ACCOUNTS =
  'Email is not configured on this server, so it cannot mail links. Whoever runs it can set SMTP_URL.';

/**
 * Asks for a reset link. The answer is the same whether or not the address has an account; a
 * link is mailed when it has one (at most a few an hour per address).
 */
export async function requestPasswordReset(
  deps: Pick<AppDeps, 'db' | 'accountLimiter' | 'jobs' | 'mailer'>,
  raw: { email: string },
  clientIp: string,
): Promise<{ email: string }> {
  const { email } = requestPasswordResetInput.parse(raw);
  if (!deps.mailer) throw new DomainError('PRECONDITION_FAILED', EMAIL_OFF_FOR_ACCOUNTS);
  await deps.accountLimiter.resetRequest(clientIp);
  const [user] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (user && (await deps.accountLimiter.accountMailAllowed(email))) {
    await deps.jobs.send(accountMail, { userId: user.id, kind: 'reset-password' });
  }
  return { email };
}

const LINK_SPENT = 'This link has expired or was already used. Ask for a new one.';

/** Marks the token used, if it is unused, unexpired and for this purpose; answers its user. */
async function spendToken(
  tx: DbOrTx,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<string | null> {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.tokenHash, hashAccountToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning({ userId: accountTokens.userId });
  return row?.userId ?? null;
}

/**
 * Sets a new password from a mailed link: the link works once and for an hour; every session
 * ends, the other reset links die with it, and the address counts as confirmed.
 */
export async function resetPassword(
  deps: Pick<AppDeps, 'db' | 'now'>,
  raw: { token: string; newPassword: string },
): Promise<{ email: string }> {
  const input = resetPasswordInput.parse(raw);
  refuseCommonPassword(input.newPassword);
  const now = deps.now();
  // A cheap look before the expensive hash, so junk tokens cost no argon2 run.
  const [live] = await deps.db
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, hashAccountToken(input.token)),
        eq(accountTokens.purpose, 'reset-password'),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    );
  if (!live) throw new DomainError('BAD_REQUEST', LINK_SPENT);
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.transaction(async (tx) => {
    const userId = await spendToken(tx, input.token, 'reset-password', now);
    if (!userId) throw new DomainError('BAD_REQUEST', LINK_SPENT);
    await tx
      .update(accountTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(accountTokens.userId, userId),
          eq(accountTokens.purpose, 'reset-password'),
          isNull(accountTokens.usedAt),
        ),
      );
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    if (!user) throw new DomainError('BAD_REQUEST', LINK_SPENT);
    return user;
  });
}

/** Confirms the address from a mailed link (once, within 7 days). */
export async function verifyEmail(
  deps: Pick<AppDeps, 'db' | 'now'>,
  raw: { token: string },
): Promise<{ email: string }> {
  const { token } = verifyEmailInput.parse(raw);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const userId = await spendToken(tx, token, 'verify-email', now);
    if (!userId) throw new DomainError('BAD_REQUEST', LINK_SPENT);
    const [user] = await tx
      .update(users)
      .set({
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    if (!user) throw new DomainError('BAD_REQUEST', LINK_SPENT);
    return user;
  });
}

/** Sends the signed-in person a fresh link to confirm their address. */
export async function resendVerification(
  deps: Pick<AppDeps, 'db' | 'accountLimiter' | 'jobs' | 'mailer'>,
  userId: string,
): Promise<{ email: string; alreadyVerified: boolean }> {
  if (!deps.mailer) throw new DomainError('PRECONDITION_FAILED', EMAIL_OFF_FOR_ACCOUNTS);
  const [user] = await deps.db
    .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new DomainError('NOT_FOUND', 'Account not found');
  if (user.verifiedAt) return { email: user.email, alreadyVerified: true };
  if (!(await deps.accountLimiter.accountMailAllowed(user.email))) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      'A few links were mailed to you this hour already. Check your inbox and spam folder, or try again later.',
    );
  }
  await deps.jobs.send(accountMail, { userId, kind: 'verify-email' });
  return { email: user.email, alreadyVerified: false };
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
