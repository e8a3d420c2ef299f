import type { ReactNode } from 'react';
import styles from './table-scroll.module.css';

/**
 * The one wrapper for a table that may be wider than a phone: it scrolls sideways on its own,
 * not the page. A scrollable box is a named, focusable region (a labelled section) so that
 * keyboard users can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard
    <section className={styles.scroll} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
