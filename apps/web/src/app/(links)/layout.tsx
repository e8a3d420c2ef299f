import type { ReactNode } from 'react';
import { AuthCard } from '@/components/auth-card';

// Per-request: the pages behind links mailed to a person, open whether or not they are signed in.
export const dynamic = 'force-dynamic';

export default function MailedLinkLayout({ children }: { children: ReactNode }) {
  return <AuthCard>{children}</AuthCard>;
}
