'use client';

import type { Task } from '@proxy/core';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/modal';
import { describeDue } from '@/lib/dates';
import { apiErrorInfo } from '@/lib/form-errors';
import { STATUS_LABELS } from './list-input';
import { TaskEditor } from './task-editor';
import { useDeleteTask, useUpdateTask } from './use-task-mutations';

export function TaskRow({
  task,
  now,
  onAnnounce,
}: {
  task: Task;
  now: Date | undefined;
  onAnnounce: (message: string) => void;
}) {
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // The box follows the click at once; the list catches up when the server answers.
  const [wantDone, setWantDone] = useState<boolean>();
  const done = task.status === 'done';
  const checked = wantDone ?? done;
  const due = task.dueAt && now ? describeDue(task.dueAt, now) : undefined;
  const toggleError = update.error ? apiErrorInfo(update.error).message : undefined;

  return (
    <li className="task-row" data-status={task.status} data-testid="task-row">
      <input
        type="checkbox"
        checked={checked}
        aria-label={`Complete "${task.title}"`}
        onChange={(event) => {
          const completing = event.target.checked;
          setWantDone(completing);
          update.mutate(
            { id: task.id, status: completing ? 'done' : 'inbox' },
            {
              onSettled: () => setWantDone(undefined),
              onSuccess: () =>
                onAnnounce(
                  completing ? `Completed "${task.title}". Nice.` : `Reopened "${task.title}".`,
                ),
            },
          );
        }}
      />
      <div className="task-body">
        <div className="task-title">{task.title}</div>
        <div className="task-meta">
          {task.status !== 'inbox' && task.status !== 'done' ? (
            <span className="badge badge-accent">{STATUS_LABELS[task.status]}</span>
          ) : null}
          {done ? <span className="badge badge-success">Done</span> : null}
          <span className={`badge badge-${task.priority}`}>{task.priority} priority</span>
          {due ? (
            <span className={`badge${due.overdue && !done ? ' badge-overdue' : ''}`}>
              Due {due.label}
              {due.overdue && !done ? ' (overdue)' : ''}
            </span>
          ) : null}
          {task.estimateMinutes ? <span>~{task.estimateMinutes} min</span> : null}
          {task.energy ? <span>{task.energy} energy</span> : null}
          {task.tags.map((tag) => (
            <span key={tag} className="badge">
              #{tag}
            </span>
          ))}
        </div>
        {toggleError ? (
          <p className="field-error" role="alert">
            {toggleError}
          </p>
        ) : null}
      </div>
      <div className="task-actions">
        <Link
          href={`/focus?task=${task.id}`}
          className="button button-quiet button-small"
          aria-label={`Focus on "${task.title}"`}
        >
          Focus
        </Link>
        <Link
          href={`/tasks/${task.id}/split`}
          className="button button-quiet button-small"
          aria-label={`Break down "${task.title}"`}
        >
          Break it down
        </Link>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Edit "${task.title}"`}
          onClick={() => setEditing(true)}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Delete "${task.title}"`}
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          Delete
        </button>
      </div>
      <TaskEditor
        task={task}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={() => onAnnounce(`Saved "${task.title}".`)}
      />
      <ConfirmDialog
        open={confirming}
        title="Delete this task?"
        confirmLabel="Delete task"
        pending={remove.isPending}
        error={remove.error ? apiErrorInfo(remove.error).message : undefined}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate(
            { id: task.id },
            {
              onSuccess: () => {
                setConfirming(false);
                onAnnounce(`Deleted "${task.title}".`);
              },
            },
          )
        }
      >
        <p>
          “{task.title}” will be gone for good. If you might want it later, archive it instead (Edit
          → Status → Archived).
        </p>
      </ConfirmDialog>
    </li>
  );
}
