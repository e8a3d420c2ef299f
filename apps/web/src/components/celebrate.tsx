'use client';

import { type ReactNode, useCallback, useState } from 'react';
import styles from './celebrate.module.css';

/**
 * A small celebration when a task is finished: `celebrate()` shows a check burst around the
 * `<CelebrationAnchor>` (the row's checkbox) for well under a second. Reduced motion shows nothing.
 */
export function useCelebration() {
  const [key, setKey] = useState(0);
  const celebrate = useCallback(() => setKey((k) => k + 1), []);
  const burst =
    key > 0 ? (
      <span
        key={key}
        className={styles.burst}
        aria-hidden="true"
        data-testid="celebration"
        onAnimationEnd={() => setKey(0)}
      />
    ) : null;
  return { celebrate, burst };
}

/** Where the burst is drawn: wrap the control that finished the task. */
export function CelebrationAnchor({ children }: { children: ReactNode }) {
  return <span className={styles.anchor}>{children}</span>;
}

/** A burst drawn once as it mounts (a finishing toast's check). */
export function CheckBurst() {
  const [on, setOn] = useState(true);
  return (
    <span className={styles.anchor} aria-hidden="true">
      <span className={styles.mark}>✓</span>
      {on ? (
        <span
          className={styles.burst}
          data-testid="celebration"
          onAnimationEnd={() => setOn(false)}
        />
      ) : null}
    </span>
  );
}
