'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '@/trpc/client';
import { OPEN_SHORTCUTS_EVENT } from './shortcut-keys';

interface Place {
  href: string;
  label: string;
  /** One of the few places on the phone's bottom tab bar; the rest go under "More" there. */
  tab?: boolean;
}

/** The person's own places, in the order of a day: first on every screen. */
const PLACES: readonly Place[] = [
  { href: '/today', label: 'Today', tab: true },
  { href: '/inbox', label: 'Inbox', tab: true },
  { href: '/scout', label: 'Triage', tab: true },
  { href: '/mapper', label: 'Board', tab: true },
  { href: '/focus', label: 'Focus' },
  { href: '/creature', label: 'Creature' },
  { href: '/monitors', label: 'Monitors' },
  { href: '/notifications', label: 'Notifications' },
];

/** Under "More": the person's setup, then the places for builders and operators. */
const MORE_GROUPS: readonly { label: string; links: readonly Place[] }[] = [
  {
    label: 'Setup',
    links: [
      { href: '/templates', label: 'Templates' },
      { href: '/settings', label: 'Settings' },
    ],
  },
  {
    label: 'For builders',
    links: [
      { href: '/agents', label: 'Agents' },
      { href: '/jobs', label: 'Jobs' },
      { href: '/usage', label: 'AI usage' },
      { href: '/docs/api', label: 'API reference' },
    ],
  },
];

const isCurrent = (pathname: string, href: string) =>
  pathname === href || pathname.startsWith(`${href}/`);

function UnreadCount({ count, testId }: { count: number; testId?: string }) {
  if (count <= 0) return null;
  return (
    <span className="nav-count" data-testid={testId}>
      {count > 99 ? '99+' : count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}

/**
 * The main navigation. On a wide screen: the person's places in one row and a "More" disclosure
 * for setup and the builders' places. On a phone (40rem and narrower) the same nav becomes a
 * bottom tab bar with the four daily places and "More", which then holds the rest too.
 */
export function AppNav() {
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  const moreRef = useRef<HTMLLIElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const trpc = useTRPC();
  // New notifications show up within half a minute; marking one read refreshes it at once.
  const unread = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, { refetchInterval: 15_000 }),
  );
  const unreadCount = unread.data?.count ?? 0;

  // Going somewhere closes the menu.
  useEffect(() => {
    setMoreOpen(false);
  }, [pathname]);

  // A click or focus outside closes it, and so does Escape (returning focus to its button).
  useEffect(() => {
    if (!moreOpen) return;
    const onPointer = (event: Event) => {
      if (!moreRef.current?.contains(event.target as Node)) setMoreOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMoreOpen(false);
      moreButton.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('focusin', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('focusin', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [moreOpen]);

  const moreCurrent = [...MORE_GROUPS.flatMap((g) => g.links)].some((l) =>
    isCurrent(pathname, l.href),
  );
  const phoneOnly = PLACES.filter((place) => !place.tab);

  return (
    <nav className="app-nav" aria-label="Main">
      <ul className="app-nav-places">
        {PLACES.map((place) => (
          <li key={place.href} className={place.tab ? 'app-nav-tab' : 'app-nav-wide'}>
            <Link
              href={place.href}
              aria-current={isCurrent(pathname, place.href) ? 'page' : undefined}
            >
              {place.label}
              {place.href === '/notifications' ? (
                <UnreadCount count={unreadCount} testId="unread-count" />
              ) : null}
            </Link>
          </li>
        ))}
        <li className="app-nav-tab app-nav-more" ref={moreRef}>
          <button
            ref={moreButton}
            type="button"
            className="app-nav-more-button"
            aria-expanded={moreOpen}
            aria-controls={panelId}
            data-current={moreCurrent || undefined}
            onClick={() => setMoreOpen((open) => !open)}
          >
            More
            <span className="app-nav-more-count">
              <UnreadCount count={unreadCount} />
            </span>
          </button>
          {moreOpen ? (
            <div className="app-nav-panel" id={panelId}>
              <div className="app-nav-group app-nav-phone-group">
                <p className="app-nav-group-label" id={`${panelId}-yours`}>
                  Your places
                </p>
                <ul aria-labelledby={`${panelId}-yours`}>
                  {phoneOnly.map((place) => (
                    <li key={place.href}>
                      <Link
                        href={place.href}
                        aria-current={isCurrent(pathname, place.href) ? 'page' : undefined}
                      >
                        {place.label}
                        {place.href === '/notifications' ? (
                          <UnreadCount count={unreadCount} />
                        ) : null}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
              {MORE_GROUPS.map((group, index) => (
                <div className="app-nav-group" key={group.label}>
                  <p className="app-nav-group-label" id={`${panelId}-${index}`}>
                    {group.label}
                  </p>
                  <ul aria-labelledby={`${panelId}-${index}`}>
                    {group.links.map((link) => (
                      <li key={link.href}>
                        <Link
                          href={link.href}
                          aria-current={isCurrent(pathname, link.href) ? 'page' : undefined}
                        >
                          {link.label}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
              <div className="app-nav-group app-nav-actions">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => {
                    setMoreOpen(false);
                    window.dispatchEvent(new Event(OPEN_SHORTCUTS_EVENT));
                  }}
                >
                  Keyboard shortcuts <kbd>?</kbd>
                </button>
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
              </div>
            </div>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}
