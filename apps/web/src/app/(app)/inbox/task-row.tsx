'use client';

import type { TaskListItem } from '@proxy/core';
import Link from 'next/link';
import { useState } from 'react';
import { CelebrationAnchor, useCelebration } from '@/components/celebrate';
import { useToast } from '@/components/toasts';
import { describeDue } from '@/lib/dates';
import { apiErrorInfo } from '@/lib/form-errors';
import { STATUS_LABELS } from './list-input';
import { TaskEditor } from './task-editor';
import { TaskSteps } from './task-steps';
import { useDeleteTask, useRestoreTask, useUpdateTask } from './use-task-mutations';

export function TaskRow({
  task,
  now,
  onAnnounce,
}: {
  task: TaskListItem;
  now: Date | undefined;
  onAnnounce: (message: string) => void;
}) {
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const restore = useRestoreTask();
  const toast = useToast();
  const { celebrate, burst } = useCelebration();
  const [editing, setEditing] = useState(false);
  // Steps stay folded until asked for; "Add steps" opens them with the new-step field focused.
  const [stepsOpen, setStepsOpen] = useState<false | 'show' | 'add'>(false);
  const stepsId = `steps-${task.id}`;
  // The box follows the click at once; the list catches up when the server answers.
  const [wantDone, setWantDone] = useState<boolean>();
  const done = task.status === 'done';
  const checked = wantDone ?? done;
  const due = task.dueAt && now ? describeDue(task.dueAt, now) : undefined;
  const toggleError = update.error ? apiErrorInfo(update.error).message : undefined;
  const removeError = remove.error ? apiErrorInfo(remove.error).message : undefined;

  return (
    <li className="task-row" data-status={task.status} data-testid="task-row">
      <CelebrationAnchor>
        <input
          type="checkbox"
          checked={checked}
          aria-label={`Complete "${task.title}"`}
          onChange={(event) => {
            const completing = event.target.checked;
            const previous = task.status;
            setWantDone(completing);
            if (completing) celebrate();
            update.mutate(
              { id: task.id, status: completing ? 'done' : 'inbox' },
              {
                onSettled: () => setWantDone(undefined),
                onSuccess: () =>
                  completing
                    ? toast.show({
                        celebrate: true,
                        message: `Completed “${task.title}”. Nice.`,
                        undo: {
                          run: () =>
                            update.mutateAsync({
                              id: task.id,
                              status: previous === 'done' ? 'inbox' : previous,
                            }),
                          done: `Reopened “${task.title}”.`,
                        },
                      })
                    : onAnnounce(`Reopened “${task.title}”.`),
              },
            );
          }}
        />
        {burst}
      </CelebrationAnchor>
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
          <button
            type="button"
            className="step-toggle"
            aria-expanded={Boolean(stepsOpen)}
            aria-controls={stepsOpen ? stepsId : undefined}
            aria-label={
              task.steps.total > 0
                ? `Steps of "${task.title}": ${task.steps.done} of ${task.steps.total} done`
                : `Add steps to "${task.title}"`
            }
            data-testid="step-toggle"
            onClick={() => setStepsOpen(stepsOpen ? false : task.steps.total > 0 ? 'show' : 'add')}
          >
            {task.steps.total > 0 ? `${task.steps.done}/${task.steps.total} steps` : '+ steps'}
          </button>
        </div>
        {stepsOpen ? (
          <div id={stepsId}>
            <TaskSteps task={task} autoFocus={stepsOpen === 'add'} />
          </div>
        ) : null}
        {toggleError || removeError ? (
          <p className="field-error" role="alert">
            {toggleError ?? removeError}
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
          aria-label={`Break it down: "${task.title}"`}
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
          disabled={remove.isPending}
          onClick={() =>
            // To the trash at once: the toast's Undo (or the Trash page) brings it back.
            remove.mutate(
              { id: task.id },
              {
                onSuccess: () =>
                  toast.show({
                    message: `Deleted “${task.title}”. It is in the trash for 30 days.`,
                    undo: {
                      run: () => restore(task.id),
                      done: `Restored “${task.title}”.`,
                    },
                  }),
              },
            )
          }
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
    </li>
  );
}
