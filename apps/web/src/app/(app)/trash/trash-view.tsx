'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { FormMessage } from '@/components/field';
import { ConfirmDialog } from '@/components/modal';
import { useToast } from '@/components/toasts';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

const DAY_MS = 24 * 60 * 60_000;

/** "purged in 12 days": how long something stays restorable, from the server's own date. */
function purgeLabel(purgeAt: Date, now: number) {
  const days = Math.max(0, Math.ceil((purgeAt.getTime() - now) / DAY_MS));
  return days <= 1 ? 'purged within a day' : `purged in ${days} days`;
}

type Target =
  | { kind: 'task' | 'template'; id: string; name: string }
  | { kind: 'all'; id?: undefined; name?: undefined };

/** `/trash`: what was deleted, restorable for 30 days; purge one thing or everything for good. */
export function TrashView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const trash = useQuery(trpc.trash.list.queryOptions({}));
  const [confirm, setConfirm] = useState<Target | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.trash.pathFilter()),
      queryClient.invalidateQueries(trpc.tasks.pathFilter()),
      queryClient.invalidateQueries(trpc.templates.pathFilter()),
    ]);
  const restoreTask = useMutation(trpc.trash.restoreTask.mutationOptions({ onSettled: refresh }));
  const restoreTemplate = useMutation(
    trpc.trash.restoreTemplate.mutationOptions({ onSettled: refresh }),
  );
  const purgeTask = useMutation(trpc.trash.purgeTask.mutationOptions({ onSettled: refresh }));
  const purgeTemplate = useMutation(
    trpc.trash.purgeTemplate.mutationOptions({ onSettled: refresh }),
  );
  const empty = useMutation(trpc.trash.empty.mutationOptions({ onSettled: refresh }));
  const purging = purgeTask.isPending || purgeTemplate.isPending || empty.isPending;
  const purgeError = purgeTask.error ?? purgeTemplate.error ?? empty.error;
  const error = restoreTask.error ?? restoreTemplate.error;
  const now = Date.now();
  const data = trash.data;
  const nothing = data && data.tasks.length === 0 && data.templates.length === 0;

  const purge = () => {
    if (!confirm) return;
    const done = () => {
      setConfirm(null);
      toast.show({
        message:
          confirm.kind === 'all' ? 'The trash is empty.' : `“${confirm.name}” is gone for good.`,
      });
    };
    if (confirm.kind === 'task') purgeTask.mutate({ id: confirm.id }, { onSuccess: done });
    else if (confirm.kind === 'template')
      purgeTemplate.mutate({ id: confirm.id }, { onSuccess: done });
    else empty.mutate({}, { onSuccess: done });
  };

  return (
    <>
      <div className="page-header">
        <h1>Trash</h1>
        <p className="muted" style={{ margin: 0 }}>
          Deleted tasks and templates wait here for {data?.retentionDays ?? 30} days, then they are
          gone for good.
        </p>
      </div>
      {error ? <FormMessage kind="error">{apiErrorInfo(error).message}</FormMessage> : null}
      {trash.error ? (
        <FormMessage kind="error">{apiErrorInfo(trash.error).message}</FormMessage>
      ) : !data ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : nothing ? (
        <div className="card">
          <p style={{ margin: 0 }}>
            The trash is empty. <Link href="/inbox">Back to the inbox</Link>
          </p>
        </div>
      ) : (
        <div className="stack">
          {data.tasks.length > 0 ? (
            <section aria-labelledby="trash-tasks">
              <h2 id="trash-tasks">Tasks</h2>
              <ul className="task-list">
                {data.tasks.map((t) => (
                  <li key={t.id} className="task-row" data-testid="trash-task">
                    <div className="task-body">
                      <div className="task-title">{t.title}</div>
                      <div className="task-meta">
                        {t.stepCount > 0 ? (
                          <span>
                            with {t.stepCount} step{t.stepCount === 1 ? '' : 's'}
                          </span>
                        ) : null}
                        <span className="muted">{purgeLabel(t.purgeAt, now)}</span>
                      </div>
                    </div>
                    <div className="task-actions">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`Restore "${t.title}"`}
                        disabled={restoreTask.isPending}
                        onClick={() =>
                          restoreTask.mutate(
                            { id: t.id },
                            {
                              onSuccess: () =>
                                toast.show({ message: `Restored “${t.title}” to your lists.` }),
                            },
                          )
                        }
                      >
                        Restore
                      </button>
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        aria-label={`Delete for good: "${t.title}"`}
                        onClick={() => setConfirm({ kind: 'task', id: t.id, name: t.title })}
                      >
                        Delete for good
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {data.templates.length > 0 ? (
            <section aria-labelledby="trash-templates">
              <h2 id="trash-templates">Templates</h2>
              <ul className="task-list">
                {data.templates.map((t) => (
                  <li key={t.id} className="task-row" data-testid="trash-template">
                    <div className="task-body">
                      <div className="task-title">{t.name}</div>
                      <div className="task-meta">
                        <span>
                          {t.steps.length} step{t.steps.length === 1 ? '' : 's'}
                        </span>
                        <span className="muted">{purgeLabel(t.purgeAt, now)}</span>
                      </div>
                    </div>
                    <div className="task-actions">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`Restore template "${t.name}"`}
                        disabled={restoreTemplate.isPending}
                        onClick={() =>
                          restoreTemplate.mutate(
                            { id: t.id },
                            {
                              onSuccess: () =>
                                toast.show({ message: `Restored the template “${t.name}”.` }),
                            },
                          )
                        }
                      >
                        Restore
                      </button>
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        aria-label={`Delete for good: template "${t.name}"`}
                        onClick={() => setConfirm({ kind: 'template', id: t.id, name: t.name })}
                      >
                        Delete for good
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <div>
            <button
              type="button"
              className="button button-danger"
              onClick={() => setConfirm({ kind: 'all' })}
            >
              Empty the trash
            </button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.kind === 'all' ? 'Empty the trash?' : 'Delete for good?'}
        confirmLabel={confirm?.kind === 'all' ? 'Empty the trash' : 'Delete for good'}
        pending={purging}
        error={purgeError ? apiErrorInfo(purgeError).message : undefined}
        onCancel={() => setConfirm(null)}
        onConfirm={purge}
      >
        <p>
          {confirm?.kind === 'all'
            ? 'Everything in the trash will be gone for good. This cannot be undone.'
            : `“${confirm?.name ?? ''}” will be gone for good, with its steps. This cannot be undone.`}
        </p>
      </ConfirmDialog>
    </>
  );
}
