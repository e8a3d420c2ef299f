import { CREATURE_CSS } from '@proxy/core';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentUserId } from '@/auth';
import { AppNav } from '@/components/app-nav';
import { KeyboardShortcuts } from '@/components/keyboard-shortcuts';
import { ShellCreature } from '@/components/shell-creature';
import { ToastProvider } from '@/components/toasts';
import { VerifyEmailBanner } from '@/components/verify-email-banner';
import { emailEnabled } from '@/server/email-enabled';

// Per-request: reads the session (and the database); never prerendered at build time.
export const dynamic = 'force-dynamic';

/** Everything behind sign-in. Procedures check the session again; this only routes people. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  if (!(await currentUserId())) redirect('/sign-in');
  return (
    <ToastProvider>
      {/* Brings every drawn creature to life (scoped under .creature; still with reduced motion). */}
      {/* A constant stylesheet from core. */}
      <style dangerouslySetInnerHTML={{ __html: CREATURE_CSS }} />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link href="/today" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Proxy
          </Link>
          <ShellCreature />
          <AppNav />
        </div>
      </header>
      <main className="app-main" id="main" tabIndex={-1}>
        {(await emailEnabled()) ? <VerifyEmailBanner /> : null}
        {children}
      </main>
      <KeyboardShortcuts />
    </ToastProvider>
  );
}
