'use client';

import { sortSteps, type Task } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { FormMessage } from '@/components/field';
import { useToast } from '@/components/toasts';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import styles from './task-steps.module.css';

/**
 * A task's steps, nested under it in their order: tick them off, add one, move one up or down,
 * and save the whole as a template. Finishing the last step offers finishing the task.
 */
export function TaskSteps({ task, autoFocus }: { task: Task; autoFocus: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const stepsOptions = trpc.splitting.steps.queryOptions({ id: task.id });
  const steps = useQuery(stepsOptions);
  const [title, setTitle] = useState('');
  // A ticked box shows at once, before the server answers (cleared when it has).
  const [wantDone, setWantDone] = useState<Record<string, boolean>>({});
  const input = useRef<HTMLInputElement>(null);

  // Every change refreshes this list and the task lists (whose rows carry "3/9").
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: stepsOptions.queryKey }),
      queryClient.invalidateQueries(trpc.tasks.pathFilter()),
    ]);
  const add = useMutation(trpc.tasks.addStep.mutationOptions({ onSettled: refresh }));
  const update = useMutation(
    trpc.tasks.update.mutationOptions({
      // The box follows the click at once; the list catches up when the server answers.
      onMutate: async ({ id, status }) => {
        await queryClient.cancelQueries({ queryKey: stepsOptions.queryKey });
        const before = queryClient.getQueryData(stepsOptions.queryKey);
        if (status) {
          queryClient.setQueryData(stepsOptions.queryKey, (list) =>
            list?.map((s) => (s.id === id ? { ...s, status } : s)),
          );
        }
        return { before };
      },
      onError: (_error, _input, context) => {
        if (context?.before) queryClient.setQueryData(stepsOptions.queryKey, context.before);
      },
      onSettled: refresh,
    }),
  );
  const move = useMutation(
    trpc.tasks.moveStep.mutationOptions({
      // One move at a time, in order: two quick presses must not race on the server.
      scope: { id: `steps-${task.id}` },
      onMutate: async ({ id, position }) => {
        await queryClient.cancelQueries({ queryKey: stepsOptions.queryKey });
        const before = queryClient.getQueryData(stepsOptions.queryKey);
        queryClient.setQueryData(stepsOptions.queryKey, (list) => {
          if (!list) return list;
          const order = list.filter((s) => s.id !== id);
          const moved = list.find((s) => s.id === id);
          if (moved) order.splice(position, 0, moved);
          return order.map((s, i) => ({ ...s, position: i }));
        });
        return { before };
      },
      onError: (_error, _input, context) => {
        if (context?.before) queryClient.setQueryData(stepsOptions.queryKey, context.before);
      },
      onSettled: refresh,
    }),
  );
  const saveTemplate = useMutation(trpc.templates.saveFromTask.mutationOptions());

  const list = sortSteps(steps.data ?? []);
  const error = add.error ?? update.error ?? move.error ?? saveTemplate.error ?? steps.error;

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    const text = title.trim();
    if (!text) return;
    add.mutate(
      { id: task.id, title: text },
      {
        onSuccess: () => {
          setTitle('');
          input.current?.focus();
        },
      },
    );
  };

  const toggle = (step: Task, done: boolean) => {
    const previous = step.status;
    setWantDone((want) => ({ ...want, [step.id]: done }));
    update.mutate(
      { id: step.id, status: done ? 'done' : 'todo' },
      {
        onSettled: () => setWantDone(({ [step.id]: _settled, ...rest }) => rest),
        onSuccess: () => {
          const openLeft = list.filter(
            (s) => s.id !== step.id && s.status !== 'done' && s.status !== 'archived',
          ).length;
          if (done && openLeft === 0 && task.status !== 'done') {
            toast.show({
              celebrate: true,
              message: `That was the last step of “${task.title}”. Finish it too?`,
              action: {
                label: 'Finish it',
                run: () => update.mutateAsync({ id: task.id, status: 'done' }),
                done: `Completed “${task.title}”. Nice.`,
              },
            });
          } else if (done) {
            toast.show({
              celebrate: true,
              message: `Done: “${step.title}”.`,
              undo: {
                run: () =>
                  update.mutateAsync({
                    id: step.id,
                    status: previous === 'done' ? 'todo' : previous,
                  }),
                done: `Reopened “${step.title}”.`,
              },
            });
          } else toast.show({ message: `Reopened “${step.title}”.` });
        },
      },
    );
  };

  return (
    <div className={styles.steps} data-testid="task-steps">
      {steps.isPending ? (
        <p className="muted" role="status">
          Loading the steps…
        </p>
      ) : list.length > 0 ? (
        <ol className={styles.list} aria-label={`Steps of “${task.title}”`}>
          {list.map((step, index) => (
            <li
              key={step.id}
              className={styles.step}
              data-testid="step-row"
              data-status={step.status}
            >
              <input
                type="checkbox"
                checked={wantDone[step.id] ?? step.status === 'done'}
                disabled={step.status === 'archived'}
                aria-label={`Complete step "${step.title}"`}
                onChange={(event) => toggle(step, event.target.checked)}
              />
              <span className={styles.title}>{step.title}</span>
              {step.estimateMinutes ? (
                <span className="muted">~{step.estimateMinutes} min</span>
              ) : null}
              <span className={styles.moves}>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`Move "${step.title}" up`}
                  disabled={index === 0}
                  onClick={() => move.mutate({ id: step.id, position: index - 1 })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`Move "${step.title}" down`}
                  disabled={index === list.length - 1}
                  onClick={() => move.mutate({ id: step.id, position: index + 1 })}
                >
                  ↓
                </button>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No steps yet. A first small one is enough.</p>
      )}
      <form className={styles.add} onSubmit={onAdd}>
        <input
          ref={input}
          type="text"
          value={title}
          maxLength={500}
          // Opened from "Add steps": the person came here to type one.
          // biome-ignore lint/a11y/noAutofocus: only when the person asked for this form
          autoFocus={autoFocus}
          placeholder="Add a step"
          aria-label={`New step for "${task.title}"`}
          onChange={(event) => setTitle(event.target.value)}
        />
        <button
          type="submit"
          className="button button-secondary button-small"
          disabled={add.isPending || !title.trim()}
        >
          {add.isPending ? 'Adding…' : 'Add'}
        </button>
        {list.length > 0 ? (
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={saveTemplate.isPending}
            onClick={() =>
              saveTemplate.mutate(
                { taskId: task.id },
                {
                  onSuccess: (template) => {
                    void queryClient.invalidateQueries(trpc.templates.pathFilter());
                    toast.show({ message: `Saved “${template.name}” as a template.` });
                  },
                },
              )
            }
          >
            Save as template
          </button>
        ) : null}
      </form>
      {error ? <FormMessage kind="error">{apiErrorInfo(error).message}</FormMessage> : null}
    </div>
  );
}
