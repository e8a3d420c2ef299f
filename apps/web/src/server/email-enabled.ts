import 'server-only';
import { appDeps } from './db';

/** Whether this server mails links (SMTP_URL is set): reset and confirmation pages depend on it. */
export async function emailEnabled(): Promise<boolean> {
  return Boolean((await appDeps()).mailer);
}
