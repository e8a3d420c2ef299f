'use client';

import {
  ENERGY_LEVELS,
  type Energy,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type Task,
  type TaskPriority,
  type TaskStatus,
  updateTaskInput,
} from '@proxy/core';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { Modal } from '@/components/modal';
import { endOfLocalDayIso, toDateInputValue } from '@/lib/dates';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { STATUS_LABELS } from './list-input';
import { useUpdateTask } from './use-task-mutations';

interface Draft {
  title: string;
  notes: string;
  status: TaskStatus;
  priority: TaskPriority;
  due: string;
  estimate: string;
  energy: Energy | '';
  tags: string;
}

const draftOf = (task: Task): Draft => ({
  title: task.title,
  notes: task.notes,
  status: task.status,
  priority: task.priority,
  due: toDateInputValue(task.dueAt),
  estimate: task.estimateMinutes ? String(task.estimateMinutes) : '',
  energy: task.energy ?? '',
  tags: task.tags.join(', '),
});

/** Form text to the API's patch; shapes it cannot express are left for zod to explain. */
function patchOf(id: string, draft: Draft) {
  const estimate = draft.estimate.trim();
  return {
    id,
    title: draft.title,
    notes: draft.notes,
    status: draft.status,
    priority: draft.priority,
    dueAt: draft.due ? (endOfLocalDayIso(draft.due) ?? draft.due) : null,
    estimateMinutes: estimate ? Number(estimate) : null,
    energy: draft.energy || null,
    tags: draft.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
}

export function TaskEditor({
  task,
  open,
  onClose,
  onSaved,
}: {
  task: Task;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  return (
    <Modal open={open} title="Edit task" onClose={onClose}>
      {/* Mounted only while open, so each opening starts from the task as it is now. */}
      {open ? <EditorForm task={task} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function EditorForm({
  task,
  onClose,
  onSaved,
}: {
  task: Task;
  onClose: () => void;
  onSaved: () => void;
}) {
  const update = useUpdateTask();
  const [draft, setDraft] = useState<Draft>(() => draftOf(task));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const serverError = update.error ? apiErrorInfo(update.error) : undefined;
  const errors = { ...serverError?.fieldErrors, ...clientErrors };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch = patchOf(task.id, draft);
    const parsed = updateTaskInput.safeParse(patch);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    update.mutate(patch, {
      onSuccess: () => {
        onSaved();
        onClose();
      },
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={update.isPending}>
      {serverError ? <FormMessage kind="error">{serverError.message}</FormMessage> : null}
      <Field label="Title" error={firstError(errors, 'title')}>
        {(props) => (
          <input
            {...props}
            type="text"
            name="title"
            required
            value={draft.title}
            onChange={(e) => set('title', e.target.value)}
          />
        )}
      </Field>
      <Field label="Notes" error={firstError(errors, 'notes')}>
        {(props) => (
          <textarea
            {...props}
            name="notes"
            value={draft.notes}
            onChange={(e) => set('notes', e.target.value)}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field label="Status" error={firstError(errors, 'status')}>
          {(props) => (
            <select
              {...props}
              name="status"
              value={draft.status}
              onChange={(e) => set('status', e.target.value as TaskStatus)}
            >
              {TASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Priority" error={firstError(errors, 'priority')}>
          {(props) => (
            <select
              {...props}
              name="priority"
              value={draft.priority}
              onChange={(e) => set('priority', e.target.value as TaskPriority)}
            >
              {TASK_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p[0]?.toUpperCase()}
                  {p.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Due date" error={firstError(errors, 'dueAt')}>
          {(props) => (
            <input
              {...props}
              type="date"
              name="due"
              value={draft.due}
              onChange={(e) => set('due', e.target.value)}
            />
          )}
        </Field>
        <Field label="Estimate (minutes)" error={firstError(errors, 'estimateMinutes')}>
          {(props) => (
            <input
              {...props}
              type="number"
              name="estimate"
              inputMode="numeric"
              min={1}
              max={10080}
              step={1}
              value={draft.estimate}
              onChange={(e) => set('estimate', e.target.value)}
            />
          )}
        </Field>
        <Field label="Energy needed" error={firstError(errors, 'energy')}>
          {(props) => (
            <select
              {...props}
              name="energy"
              value={draft.energy}
              onChange={(e) => set('energy', e.target.value as Energy | '')}
            >
              <option value="">Not set</option>
              {ENERGY_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {level[0]?.toUpperCase()}
                  {level.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        label="Tags"
        hint="Separate with commas, e.g. home, errands"
        error={firstError(errors, 'tags')}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            name="tags"
            value={draft.tags}
            onChange={(e) => set('tags', e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
