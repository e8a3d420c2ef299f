import { users } from '@proxy/db/schema';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';

/**
 * Is this person an administrator? Listed in ADMIN_EMAILS, or (embedded installs) the account
 * created first. Checked per call, so a change of email or configuration takes effect at once.
 */
export async function isAdmin(deps: Pick<AppDeps, 'db' | 'admin'>, userId: string) {
  const { emails, firstAccountIsAdmin } = deps.admin;
  if (emails.length === 0 && !firstAccountIsAdmin) return false;
  const [row] = await deps.db
    .select({
      email: users.email,
      // No account older than this one (ties broken by id, so exactly one account is first).
      first: sql<boolean>`not exists (select 1 from ${users} as older where ${or(
        lt(sql`older.created_at`, users.createdAt),
        and(eq(sql`older.created_at`, users.createdAt), lt(sql`older.id`, users.id)),
      )})`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return false;
  if (emails.includes(row.email.toLowerCase())) return true;
  return firstAccountIsAdmin && Boolean(row.first);
}
