'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCreature, useReactions, withMood } from '@/app/(app)/creature/use-creature';

/**
 * The creature in the header: small, always there, and glad when something gets done (it hops
 * and says "+16 XP"; a level or a hatching gets a bigger word). It links to `/creature`, where it
 * is drawn large (so it steps aside there).
 */
export function ShellCreature() {
  const pathname = usePathname();
  const { pet, level } = useCreature();
  const reaction = useReactions(level.data, pet.data?.name ?? null);
  if (pathname.startsWith('/creature')) return null;
  const view = pet.data;
  const lv = level.data?.level ?? 1;
  const label = view
    ? `${view.name}, Lv ${lv}: visit your creature`
    : `Lv ${lv}: choose your creature's egg`;
  return (
    <Link
      href="/creature"
      className="shell-creature"
      aria-label={label}
      data-testid="shell-creature"
    >
      {view ? (
        <span
          className={`shell-creature-drawing${reaction ? ' shell-creature-cheer' : ''}`}
          aria-hidden="true"
          // Safe: core's renderer, names escaped
          dangerouslySetInnerHTML={{ __html: withMood(view.svg, reaction ? 'happy' : view.mood) }}
        />
      ) : (
        <span className="shell-creature-egg" aria-hidden="true" />
      )}
      <span className="shell-creature-level" aria-hidden="true">
        Lv {lv}
      </span>
      <span className="shell-creature-reaction" role="status" data-testid="shell-reaction">
        {reaction ? reaction.text : ''}
      </span>
    </Link>
  );
}
