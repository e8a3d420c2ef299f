import { tasks, users } from '@proxy/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import type { AppDeps } from '../context';

export const DEMO_EMAIL = 'demo@proxy.local';
export const DEMO_PASSWORD = 'proxy demo account';

const DEMO_TASKS: Omit<typeof tasks.$inferInsert, 'userId'>[] = [
  {
    title: 'Take a two-minute look at the inbox',
    tags: ['proxy'],
    energy: 'low',
    estimateMinutes: 2,
  },
  { title: 'Reply to the landlord about the boiler', tags: ['home'], priority: 'high' },
  { title: 'Book a dentist appointment', tags: ['health', 'calls'], energy: 'low' },
  { title: 'Sort the receipts for taxes', tags: ['money'], energy: 'medium', estimateMinutes: 30 },
  { title: 'Create an API key in Settings and list tasks with curl', tags: ['proxy'] },
];

/**
 * The demo account and its sample tasks. Idempotent: existing rows are matched by email and
 * title and left alone, so a second run changes nothing.
 */
export async function seedDemo(deps: Pick<AppDeps, 'db'>) {
  let [user] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_EMAIL));
  let createdUser = false;
  if (!user) {
    [user] = await deps.db
      .insert(users)
      .values({
        email: DEMO_EMAIL,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        displayName: 'Demo',
        handle: 'demo',
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    createdUser = Boolean(user);
    user ??= (
      await deps.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL))
    )[0];
  }
  if (!user) throw new Error('demo user could not be created');
  const existing = await deps.db
    .select({ title: tasks.title })
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, user.id),
        inArray(
          tasks.title,
          DEMO_TASKS.map((t) => t.title),
        ),
      ),
    );
  const have = new Set(existing.map((t) => t.title));
  const missing = DEMO_TASKS.filter((t) => !have.has(t.title)).map((t) => ({
    ...t,
    userId: user.id,
  }));
  if (missing.length > 0) await deps.db.insert(tasks).values(missing);
  return { userId: user.id, createdUser, createdTasks: missing.length };
}
