import {
  DomainError,
  deleteAccountInput,
  type Profile,
  type UpdateProfileInput,
  updateProfileInput,
} from '@proxy/core';
import { aiUsageMonthly, users } from '@proxy/db/schema';
import { eq, sql } from 'drizzle-orm';
import { isAdmin } from '../admin/service';
import { verifyPassword } from '../auth/password';
import type { AppDeps } from '../context';
import { isUniqueViolation } from '../db-errors';

const profileColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  handle: users.handle,
  timezone: users.timezone,
  avatarColor: users.avatarColor,
  createdAt: users.createdAt,
  emailVerifiedAt: users.emailVerifiedAt,
};

type ProfileDeps = Pick<AppDeps, 'db' | 'admin'>;

export async function getProfile(deps: ProfileDeps, userId: string): Promise<Profile> {
  const [row] = await deps.db.select(profileColumns).from(users).where(eq(users.id, userId));
  if (!row) throw new DomainError('NOT_FOUND', 'Account not found');
  return { ...row, isAdmin: await isAdmin(deps, userId) };
}

export async function updateProfile(
  deps: ProfileDeps,
  userId: string,
  raw: UpdateProfileInput,
): Promise<Profile> {
  const patch = updateProfileInput.parse(raw);
  if (Object.keys(patch).length === 0) return getProfile(deps, userId);
  try {
    const [row] = await deps.db
      .update(users)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning(profileColumns);
    if (!row) throw new DomainError('NOT_FOUND', 'Account not found');
    return { ...row, isAdmin: await isAdmin(deps, userId) };
  } catch (error) {
    if (isUniqueViolation(error, 'users_handle_key')) {
      throw new DomainError('CONFLICT', 'That handle is taken', {
        fieldErrors: { handle: ['That handle is taken; try another'] },
      });
    }
    throw error;
  }
}

/**
 * Deletes the account: every row it owns goes with it through ON DELETE CASCADE. Its AI spend is
 * the one figure that must outlive it (the month's global budget counts it), so it is first folded
 * into the anonymous total (`user_id` null) and nothing with the person's id remains.
 */
export async function deleteAccount(
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  raw: { password: string },
) {
  const input = deleteAccountInput.parse(raw);
  const [user] = await deps.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new DomainError('NOT_FOUND', 'Account not found');
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    throw new DomainError('BAD_REQUEST', 'The password is incorrect', {
      fieldErrors: { password: ['The password is incorrect'] },
    });
  }
  await deps.db.transaction(async (tx) => {
    // The account goes first: from then on no AI call can record spend for it (the ledger's
    // foreign key), and a call recording right now has committed before this delete proceeds.
    await tx.delete(users).where(eq(users.id, userId));
    await tx.execute(sql`
      insert into ${aiUsageMonthly} (month, user_id, cost_micro_usd, calls)
      select month, null, cost_micro_usd, calls from ${aiUsageMonthly} where user_id = ${userId}
      on conflict (month, user_id) do update set
        cost_micro_usd = ${aiUsageMonthly.costMicroUsd} + excluded.cost_micro_usd,
        calls = ${aiUsageMonthly.calls} + excluded.calls`);
    await tx.delete(aiUsageMonthly).where(eq(aiUsageMonthly.userId, userId));
  });
}
