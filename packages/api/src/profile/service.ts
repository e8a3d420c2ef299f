import {
  DomainError,
  deleteAccountInput,
  type Profile,
  type UpdateProfileInput,
  updateProfileInput,
} from '@proxy/core';
import { users } from '@proxy/db/schema';
import { eq, sql } from 'drizzle-orm';
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
};

export async function getProfile(deps: Pick<AppDeps, 'db'>, userId: string): Promise<Profile> {
  const [row] = await deps.db.select(profileColumns).from(users).where(eq(users.id, userId));
  if (!row) throw new DomainError('NOT_FOUND', 'Account not found');
  return row;
}

export async function updateProfile(
  deps: Pick<AppDeps, 'db'>,
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
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'users_handle_key')) {
      throw new DomainError('CONFLICT', 'That handle is taken', {
        fieldErrors: { handle: ['That handle is taken; try another'] },
      });
    }
    throw error;
  }
}

/** Deletes the account; every row it owns goes with it through ON DELETE CASCADE. */
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
  await deps.db.delete(users).where(eq(users.id, userId));
}
