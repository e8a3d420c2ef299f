import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentUserId } from '@/auth';
import { AuthCard } from '@/components/auth-card';

// Per-request: reads the session (and the database); never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await currentUserId()) redirect('/today');
  return <AuthCard>{children}</AuthCard>;
}
