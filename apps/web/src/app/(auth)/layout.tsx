import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentUserId } from '@/auth';

// Per-request: reads the session (and the database); never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await currentUserId()) redirect('/inbox');
  return (
    <main className="auth-shell" id="main">
      <div className="auth-card">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Proxy
        </Link>
        <div className="card">{children}</div>
      </div>
    </main>
  );
}
