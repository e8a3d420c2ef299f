'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormMessage } from '@/components/field';
import { LocalDateTime } from '@/components/local-time';
import { ConfirmDialog } from '@/components/modal';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import styles from './integrations.module.css';
import { CopyButton } from './shown-once-secret';

/** The private calendar address: copy it, make a new one, or turn it off. */
export function CalendarSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feed = useQuery(trpc.calendar.get.queryOptions());
  const [confirm, setConfirm] = useState<'regenerate' | 'revoke'>();
  const [done, setDone] = useState<string>();
  const refresh = () => queryClient.invalidateQueries(trpc.calendar.get.queryFilter());
  const regenerate = useMutation(trpc.calendar.regenerate.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.calendar.revoke.mutationOptions({ onSuccess: refresh }));
  const url = feed.data?.url ?? null;
  // A feed exists whose address cannot be shown (it was locked under an older server key).
  const hidden = feed.data && url === null && feed.data.createdAt !== null;

  return (
    <section className="card settings-section" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar</h2>
      <p className="lede">
        See your tasks with a due date and your planned focus blocks in the calendar you already
        use. It is a private address your calendar app checks now and then.
      </p>
      {feed.data ? (
        url ? (
          <div className="form">
            <div className="secret-box">
              <output aria-label="Calendar address" data-testid="calendar-url">
                {url}
              </output>
              <CopyButton text={url} what="the calendar address" />
            </div>
            <p className={styles.help}>
              Made <LocalDateTime date={feed.data.createdAt} />. Anyone with this address can see
              these events, so keep it to yourself.
            </p>
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  regenerate.reset();
                  setConfirm('regenerate');
                }}
              >
                Regenerate (the old address stops working)
              </button>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => {
                  revoke.reset();
                  setConfirm('revoke');
                }}
              >
                Turn the calendar off
              </button>
            </div>
            <SubscribeHelp />
          </div>
        ) : (
          <div className="form">
            {hidden ? (
              <p className={styles.help}>
                Your calendar address cannot be shown any more. Make a new one to see it; the old
                one then stops working.
              </p>
            ) : null}
            <div className="form-actions">
              <button
                type="button"
                className="button"
                disabled={regenerate.isPending}
                onClick={() =>
                  regenerate.mutate(undefined, {
                    onSuccess: () => setDone('Your calendar address is ready.'),
                  })
                }
              >
                {regenerate.isPending ? 'Making it…' : 'Make my calendar address'}
              </button>
            </div>
            {regenerate.error ? (
              <FormMessage kind="error">{apiErrorInfo(regenerate.error).message}</FormMessage>
            ) : null}
          </div>
        )
      ) : feed.error ? (
        <FormMessage kind="error">{apiErrorInfo(feed.error).message}</FormMessage>
      ) : (
        <p className="loading" role="status">
          Loading your calendar address…
        </p>
      )}
      <p className={styles.result} role="status">
        {done ?? ''}
      </p>

      <ConfirmDialog
        open={confirm === 'regenerate'}
        title="Make a new calendar address?"
        confirmLabel="Make a new address"
        pending={regenerate.isPending}
        error={regenerate.error ? apiErrorInfo(regenerate.error).message : undefined}
        onCancel={() => setConfirm(undefined)}
        onConfirm={() =>
          regenerate.mutate(undefined, {
            onSuccess: () => {
              setConfirm(undefined);
              setDone('New address made. The old one no longer works; subscribe with this one.');
            },
          })
        }
      >
        <p>
          The old address stops working at once. Calendars subscribed to it stop updating until you
          add the new one. Useful if you shared it by mistake.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'revoke'}
        title="Turn the calendar off?"
        confirmLabel="Turn it off"
        pending={revoke.isPending}
        error={revoke.error ? apiErrorInfo(revoke.error).message : undefined}
        onCancel={() => setConfirm(undefined)}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setConfirm(undefined);
              setDone('The calendar is off. Its address no longer works.');
            },
          })
        }
      >
        <p>
          The address stops working and calendars subscribed to it stop updating. You can make a new
          one whenever you like.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function SubscribeHelp() {
  return (
    <div>
      <h3 className={styles.subheading}>How to add it</h3>
      <ul className={styles.steps}>
        <li>
          <strong>Google Calendar</strong> (on a computer): next to “Other calendars” press +, then{' '}
          <em>From URL</em>, and paste the address.
        </li>
        <li>
          <strong>Outlook</strong>: <em>Add calendar</em>, then <em>Subscribe from web</em>, and
          paste the address.
        </li>
        <li>
          <strong>Apple Calendar</strong>: <em>File</em>, then <em>New Calendar Subscription</em>.
        </li>
      </ul>
      <p className={styles.help}>
        Calendar apps fetch it on their own schedule (Google can take several hours), so a change
        may take a while to show up there.
      </p>
    </div>
  );
}
