'use client';

import { FOCUS_KINDS, type FocusKind, focusSettingsSchema, TIMED_KIND_RULES } from '@proxy/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import { EnergyPicker } from './energy-picker';
import styles from './focus.module.css';
import type { StartInput } from './use-focus-session';

const KIND_LABELS: Record<FocusKind, string> = {
  pomodoro: 'Pomodoro (25 / 5)',
  deep_work: 'Deep work (50-90)',
  short_burst: 'Short burst (10-15)',
  flowtime: 'Flowtime (counts up)',
  custom: 'Custom',
};

/** Choose a kind (its lengths), a task or none, and how much energy you have. */
export function StartForm({
  initialTaskId,
  onStart,
  pending,
  error,
}: {
  initialTaskId: string | null;
  onStart: (input: StartInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const trpc = useTRPC();
  const tasks = useQuery(trpc.tasks.list.queryOptions({ limit: 100 }));
  const openTasks = (tasks.data?.items ?? []).filter(
    (t) => t.status !== 'done' && t.status !== 'archived',
  );
  const [kind, setKind] = useState<FocusKind>('pomodoro');
  const rule = kind === 'flowtime' ? null : TIMED_KIND_RULES[kind];
  const [work, setWork] = useState<string>('25');
  const [rest, setRest] = useState<string>('5');
  const [blocks, setBlocks] = useState<string>('');
  const [nudge, setNudge] = useState<string>('60');
  const [taskId, setTaskId] = useState<string>(initialTaskId ?? '');
  const [energy, setEnergy] = useState<number | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const chooseKind = (k: FocusKind) => {
    setKind(k);
    if (k !== 'flowtime') {
      const r = TIMED_KIND_RULES[k];
      setWork(String(r.workMinutes.default));
      setRest(String(r.shortBreakMinutes.default));
      setBlocks(r.blocks.default === null ? '' : String(r.blocks.default));
    }
  };

  const settingsInput = () =>
    kind === 'flowtime'
      ? { kind, hyperfocusNudgeMinutes: Number(nudge) }
      : {
          kind,
          workMinutes: Number(work),
          shortBreakMinutes: Number(rest),
          blocks: blocks.trim() === '' ? null : Number(blocks),
        };

  const serverInfo = error ? apiErrorInfo(error) : null;

  return (
    <form
      className={`card ${styles.startForm}`}
      aria-label="Start a focus session"
      onSubmit={(e) => {
        e.preventDefault();
        // The same schema the API uses: a length outside the kind's range is said here first.
        const parsed = focusSettingsSchema.safeParse(settingsInput());
        if (!parsed.success) {
          setLocalError(parsed.error.issues[0]?.message ?? 'Check the lengths');
          return;
        }
        setLocalError(null);
        onStart({
          settings: parsed.data,
          taskId: taskId || null,
          energyBefore: energy,
        });
      }}
    >
      <h2>Start focusing</h2>
      <Field label="Kind">
        {(props) => (
          <select {...props} value={kind} onChange={(e) => chooseKind(e.target.value as FocusKind)}>
            {FOCUS_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {rule ? (
        <div className={styles.lengths}>
          <Field label="Work minutes" hint={`${rule.workMinutes.min}-${rule.workMinutes.max}`}>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                value={work}
                onChange={(e) => setWork(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Break minutes"
            hint={`${rule.shortBreakMinutes.min}-${rule.shortBreakMinutes.max}`}
          >
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                value={rest}
                onChange={(e) => setRest(e.target.value)}
              />
            )}
          </Field>
          <Field label="Blocks" hint="Empty: until you stop">
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                value={blocks}
                onChange={(e) => setBlocks(e.target.value)}
              />
            )}
          </Field>
        </div>
      ) : (
        <Field
          label="Nudge me after (minutes without a break)"
          hint="Your break is 20% of the work, at least a minute"
        >
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              value={nudge}
              onChange={(e) => setNudge(e.target.value)}
            />
          )}
        </Field>
      )}
      <Field label="Task">
        {(props) => (
          <select {...props} value={taskId} onChange={(e) => setTaskId(e.target.value)}>
            <option value="">No task</option>
            {initialTaskId && !openTasks.some((t) => t.id === initialTaskId) ? (
              <option value={initialTaskId}>The task you chose</option>
            ) : null}
            {openTasks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <EnergyPicker
        legend="Energy before (optional)"
        value={energy}
        onChange={setEnergy}
        name="energy-before"
      />
      {localError ? <FormMessage kind="error">{localError}</FormMessage> : null}
      {serverInfo ? <FormMessage kind="error">{serverInfo.message}</FormMessage> : null}
      <div className="form-actions">
        <button type="submit" className={`button ${styles.primary}`} disabled={pending}>
          {pending ? 'Starting…' : 'Start'}
        </button>
      </div>
    </form>
  );
}
