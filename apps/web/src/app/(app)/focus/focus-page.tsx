'use client';

import { useCallback, useRef } from 'react';
import styles from './focus.module.css';
import { FocusHistoryAndAnalytics } from './focus-analytics';
import { PlannedBlocks } from './planned-blocks';
import { SessionTimer } from './session-timer';
import { StartForm } from './start-form';
import { useFocusSession } from './use-focus-session';

/** `/focus`: the timer when a session is open, else the start form; analytics below. */
export function FocusPage({ initialTaskId }: { initialTaskId: string | null }) {
  const focus = useFocusSession();
  const lastRefetch = useRef(0);
  const { refetch } = focus;
  // At a block's end the server's state has moved on; ask for it (at most once a second).
  const onTimeUp = useCallback(() => {
    const now = Date.now();
    if (now - lastRefetch.current < 1000) return;
    lastRefetch.current = now;
    void refetch();
  }, [refetch]);

  const session = focus.session;

  return (
    <div className={styles.page}>
      <div className="page-header">
        <h1>Focus</h1>
      </div>
      {focus.loading ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : session ? (
        <SessionTimer
          view={session}
          offsetMs={focus.offsetMs}
          offline={focus.offline}
          pending={focus.move.isPending}
          error={focus.move.error}
          onTimeUp={onTimeUp}
          onMove={(move) => {
            focus.move.mutate({ id: session.id, move });
          }}
        />
      ) : (
        <StartForm
          initialTaskId={initialTaskId}
          pending={focus.start.isPending}
          error={focus.start.error}
          onStart={(input) => focus.start.mutate(input)}
        />
      )}
      {!session && !focus.loading ? (
        <PlannedBlocks
          pending={focus.start.isPending}
          onStart={(input) => focus.start.mutate(input)}
        />
      ) : null}
      <FocusHistoryAndAnalytics showAfterPrompt={!session} />
    </div>
  );
}
