import { createHash, randomBytes } from 'node:crypto';
import type { AccountMailKind, AccountTokenPurpose } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { accountTokens, users } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../context';

/** How long a mailed link works. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  'verify-email': 7 * 24 * 60 * 60_000,
  'reset-password': 60 * 60_000,
};

/** SHA-256 (hex) of a mailed token: the only form in which it is stored. */
export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Makes a token for the user and stores its hash; answers the token itself, for the link. */
export async function issueAccountToken(
  deps: Pick<AppDeps, 'now'> & { db: DbOrTx },
  userId: string,
  purpose: AccountTokenPurpose,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await deps.db.insert(accountTokens).values({
    userId,
    purpose,
    tokenHash: hashAccountToken(token),
    expiresAt: new Date(deps.now().getTime() + ACCOUNT_TOKEN_TTL_MS[purpose]),
  });
  return token;
}

interface ComposedMail {
  subject: string;
  text: string;
}

function compose(
  kind: AccountMailKind,
  name: string,
  links: { verify?: string; reset?: string; signIn: string },
): ComposedMail {
  const hello = `Hello ${name},`;
  const notYou =
    'If this was not you, you can ignore this mail: nothing changes unless the link is opened.';
  switch (kind) {
    case 'verify-email':
      return {
        subject: 'Confirm your email for Proxy',
        text: [
          hello,
          '',
          'Welcome to Proxy. Open this link to confirm that this address is yours:',
          links.verify,
          '',
          'The link works for 7 days. You can already sign in; confirming lets Proxy send you mail such as password resets.',
          '',
          notYou,
        ].join('\n'),
      };
    case 'already-registered':
      return {
        subject: 'You already have a Proxy account',
        text: [
          hello,
          '',
          'Someone (probably you) tried to create a Proxy account with this address, but you already have one.',
          '',
          `Sign in: ${links.signIn}`,
          '',
          'Forgot your password? Set a new one with this link (it works for 1 hour):',
          links.reset,
          '',
          notYou,
        ].join('\n'),
      };
    case 'reset-password':
      return {
        subject: 'Set a new password for Proxy',
        text: [
          hello,
          '',
          'Open this link to set a new password (it works for 1 hour, once):',
          links.reset,
          '',
          'Setting a new password signs you out everywhere.',
          '',
          notYou,
        ].join('\n'),
      };
  }
}

/**
 * Sends one account mail (the `account.mail` job). The link's token is made here, in the worker,
 * so the queue never holds it; a retried job sends a fresh link.
 */
export async function sendAccountMail(
  deps: AppDeps,
  { userId, kind }: { userId: string; kind: AccountMailKind },
): Promise<{ sent: boolean }> {
  if (!deps.mailer) throw new Error('Email is not configured on this server (set SMTP_URL)');
  const [user] = await deps.db
    .select({ email: users.email, name: users.displayName, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  // The account was deleted, or confirmed by an earlier link, before this job ran.
  if (!user || (kind === 'verify-email' && user.verifiedAt)) return { sent: false };

  const base = deps.publicUrl.replace(/\/+$/, '');
  const links: { verify?: string; reset?: string; signIn: string } = {
    signIn: `${base}/sign-in`,
  };
  if (kind === 'verify-email') {
    const token = await issueAccountToken(deps, userId, 'verify-email');
    links.verify = `${base}/verify-email?token=${token}`;
  } else {
    const token = await issueAccountToken(deps, userId, 'reset-password');
    links.reset = `${base}/reset-password?token=${token}`;
  }
  const mail = compose(kind, user.name, links);
  await deps.mailer.send({
    to: user.email,
    subject: mail.subject,
    text: mail.text,
    messageId: `account-${kind}-${randomBytes(9).toString('base64url')}`,
  });
  return { sent: true };
}
