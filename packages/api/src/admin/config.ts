import { z } from 'zod';

/** Who runs this installation: the people allowed to see figures across every account. */
export interface AdminConfig {
  /** Lower-cased addresses from ADMIN_EMAILS. */
  emails: readonly string[];
  /**
   * An embedded (single-machine) install has no operator to configure: its first account, the
   * person who installed it, is the administrator.
   */
  firstAccountIsAdmin: boolean;
}

export const NO_ADMINS: AdminConfig = { emails: [], firstAccountIsAdmin: false };

const emailList = z.array(
  z.email({ error: 'ADMIN_EMAILS must be a comma-separated list of emails' }),
);

/** ADMIN_EMAILS="ops@example.com, ada@example.com"; embedded installs add their first account. */
export function adminConfigFromEnv(
  env: Record<string, string | undefined>,
  { embedded }: { embedded: boolean },
): AdminConfig {
  const raw = (env.ADMIN_EMAILS ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '');
  const parsed = emailList.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Bad ADMIN_EMAILS');
  return { emails: [...new Set(parsed.data)], firstAccountIsAdmin: embedded };
}
