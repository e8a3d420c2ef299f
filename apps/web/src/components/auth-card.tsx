import Link from 'next/link';
import type { ReactNode } from 'react';

/** The centred card the sign-in, sign-up and mailed-link pages share. */
export function AuthCard({ children }: { children: ReactNode }) {
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
