'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { useTRPC } from '@/trpc/client';

const LINKS = [
  { href: '/today', label: 'Today' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/focus', label: 'Focus' },
  { href: '/creature', label: 'Creature' },
  { href: '/scout', label: 'Scout' },
  { href: '/mapper', label: 'Mapper' },
  { href: '/agents', label: 'Agents' },
  { href: '/templates', label: 'Templates' },
  { href: '/monitors', label: 'Monitors' },
  { href: '/notifications', label: 'Notifications' },
  { href: '/jobs', label: 'Jobs' },
  { href: '/usage', label: 'AI usage' },
  { href: '/settings', label: 'Settings' },
  { href: '/docs/api', label: 'API reference' },
] as const;

export function AppNav() {
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  const trpc = useTRPC();
  // New notifications show up within half a minute; marking one read refreshes it at once.
  const unread = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, { refetchInterval: 15_000 }),
  );
  const unreadCount = unread.data?.count ?? 0;
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
                {link.href === '/notifications' && unreadCount > 0 ? (
                  <span className="nav-count" data-testid="unread-count">
                    {unreadCount > 99 ? '99+' : unreadCount}
                    <span className="visually-hidden"> unread</span>
                  </span>
                ) : null}
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
