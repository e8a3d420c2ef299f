'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useState } from 'react';

const LINKS = [
  { href: '/inbox', label: 'Inbox' },
  { href: '/scout', label: 'Scout' },
  { href: '/mapper', label: 'Mapper' },
  { href: '/agents', label: 'Agents' },
  { href: '/templates', label: 'Templates' },
  { href: '/usage', label: 'AI usage' },
  { href: '/settings', label: 'Settings' },
  { href: '/docs/api', label: 'API reference' },
] as const;

export function AppNav() {
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <>
      <nav className="app-nav" aria-label="Main">
        <ul>
          {LINKS.map((link) => (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={pathname.startsWith(link.href) ? 'page' : undefined}
              >
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={signingOut}
        onClick={() => {
          setSigningOut(true);
          void signOut({ redirectTo: '/sign-in' });
        }}
      >
        {signingOut ? 'Signing out…' : 'Sign out'}
      </button>
    </>
  );
}
