'use client';

import { ENERGY_LEVELS, type Energy, type SplitPreview, STEP_TITLE_MAX } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { FormMessage } from '@/components/field';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import styles from './split.module.css';
import {
  acceptInputOf,
  type DraftErrors,
  draftErrors,
  draftsFromPreview,
  emptyDraft,
  moveDraft,
  SPICINESS_LABELS,
  type StepDraft,
  totalMinutes,
} from './step-draft';

type PreviewMeta = Pick<SplitPreview, 'source' | 'provider' | 'model' | 'notice' | 'calibration'>;

/**
 * "Break it down": pick a spiciness, get proposed steps (from the AI provider or the offline
 * splitter), edit, reorder, delete or add steps, then save them as the task's child tasks.
 */
export function SplitFlow({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const task = useQuery(trpc.tasks.get.queryOptions({ id: taskId }));
  const complexity = useQuery(trpc.splitting.complexity.queryOptions({ id: taskId }));
  const existing = useQuery(trpc.splitting.steps.queryOptions({ id: taskId }));

  const [spiciness, setSpiciness] = useState<number>();
  const [drafts, setDrafts] = useState<StepDraft[] | null>(null);
  const [meta, setMeta] = useState<PreviewMeta | null>(null);
  const [errors, setErrors] = useState<DraftErrors | null>(null);
  const [replace, setReplace] = useState(true);
  const [announcement, setAnnouncement] = useState('');
  const chosenSpiciness = spiciness ?? complexity.data?.suggestedSpiciness ?? 3;

  const preview = useMutation(
    trpc.splitting.preview.mutationOptions({
      onSuccess: (result) => {
        setDrafts(draftsFromPreview(result.steps));
        setMeta(result);
        setErrors(null);
        setAnnouncement(`${result.steps.length} steps proposed. Edit them, then save.`);
      },
    }),
  );
  const accept = useMutation(
    trpc.splitting.accept.mutationOptions({
      onSuccess: async (result) => {
        setAnnouncement(`Saved ${result.steps.length} steps.`);
        await Promise.all([
          queryClient.invalidateQueries(trpc.tasks.pathFilter()),
          queryClient.invalidateQueries(trpc.splitting.pathFilter()),
        ]);
      },
    }),
  );

  const unfinished = (existing.data ?? []).filter((s) => s.status !== 'done');
  const update = (key: string, patch: Partial<StepDraft>) => {
    setDrafts((list) => list?.map((d) => (d.key === key ? { ...d, ...patch } : d)) ?? null);
    // A message about a step goes as soon as the step is edited; saving checks again.
    setErrors((e) => {
      if (!e?.steps[key]) return e;
      const { [key]: _fixed, ...rest } = e.steps;
      return { ...e, steps: rest };
    });
  };

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!drafts) return;
    const problems = draftErrors(taskId, drafts);
    setErrors(problems);
    if (problems) return;
    accept.mutate(acceptInputOf(taskId, drafts, replace && unfinished.length > 0));
  }

  if (task.isPending) {
    return (
      <p className="loading" role="status">
        Loading the task…
      </p>
    );
  }
  if (task.error) return <FormMessage kind="error">{apiErrorInfo(task.error).message}</FormMessage>;

  const saved = accept.data;
  const previewError = preview.error ? apiErrorInfo(preview.error) : undefined;
  const acceptError = accept.error ? apiErrorInfo(accept.error) : undefined;

  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted" style={{ margin: 0 }}>
            <Link href="/inbox">← Inbox</Link>
          </p>
          <h1>Break it down</h1>
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <div className="stack">
        <section className="card" aria-labelledby="split-task">
          <h2 id="split-task">{task.data.title}</h2>
          {complexity.data ? (
            <div className={styles.complexity}>
              <p style={{ margin: 0 }}>
                Complexity <strong>{complexity.data.score} of 5</strong>
              </p>
              <ul className={styles.factors} aria-label="Why">
                {complexity.data.factors.map((f) => (
                  <li key={f.code} className="badge">
                    {f.label}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <form
            onSubmit={(event) => {
              event.preventDefault();
              preview.mutate({ id: taskId, spiciness: chosenSpiciness });
            }}
          >
            <fieldset className={styles.spiciness}>
              <legend>How small should the steps be?</legend>
              {SPICINESS_LABELS.map((label, i) => {
                const level = i + 1;
                return (
                  <label key={label} className={styles.spice}>
                    <input
                      type="radio"
                      name="spiciness"
                      value={level}
                      checked={chosenSpiciness === level}
                      onChange={() => setSpiciness(level)}
                    />
                    <span aria-hidden="true" className={styles.pips}>
                      {SPICINESS_LABELS.map((pip, p) => (
                        <span key={pip} data-on={p < level || undefined} />
                      ))}
                    </span>
                    <span>{label}</span>
                  </label>
                );
              })}
            </fieldset>
            <div className="form-actions" style={{ marginTop: 'var(--space-4)' }}>
              <button type="submit" className="button" disabled={preview.isPending}>
                {preview.isPending ? 'Thinking…' : drafts ? 'Suggest again' : 'Suggest steps'}
              </button>
            </div>
          </form>
          {previewError ? <FormMessage kind="error">{previewError.message}</FormMessage> : null}
        </section>

        {saved ? (
          <section className="card" aria-labelledby="saved-heading">
            <h2 id="saved-heading">Saved {saved.steps.length} steps</h2>
            {saved.removed > 0 ? (
              <p className="muted">{saved.removed} earlier unfinished steps were replaced.</p>
            ) : null}
            <ol className={styles.savedList}>
              {saved.steps.map((step) => (
                <li key={step.id}>
                  {step.title}
                  {step.estimateMinutes ? (
                    <span className="muted"> · {step.estimateMinutes} min</span>
                  ) : null}
                </li>
              ))}
            </ol>
            <div className="form-actions">
              {saved.steps[0] ? (
                <Link href={`/focus?task=${saved.steps[0].id}`} className="button">
                  Focus on the first step
                </Link>
              ) : null}
              <Link href="/inbox" className="button button-secondary">
                Back to the inbox
              </Link>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  accept.reset();
                  setDrafts(null);
                  setMeta(null);
                }}
              >
                Split again
              </button>
            </div>
          </section>
        ) : drafts ? (
          <form className="card" onSubmit={onSave} noValidate aria-busy={accept.isPending}>
            <h2>Proposed steps</h2>
            {meta ? <PreviewSummary meta={meta} /> : null}
            {acceptError ? <FormMessage kind="error">{acceptError.message}</FormMessage> : null}
            {errors?.list.map((message) => (
              <FormMessage key={message} kind="error">
                {message}
              </FormMessage>
            ))}
            <ol className={styles.steps} aria-label="Steps">
              {drafts.map((draft, index) => (
                <StepEditor
                  key={draft.key}
                  draft={draft}
                  index={index}
                  count={drafts.length}
                  errors={errors?.steps[draft.key]}
                  onChange={(patch) => update(draft.key, patch)}
                  onMove={(delta) => {
                    setDrafts((list) => (list ? moveDraft(list, index, delta) : list));
                    setAnnouncement(`Moved step ${index + 1} ${delta < 0 ? 'up' : 'down'}.`);
                  }}
                  onRemove={() => {
                    setDrafts((list) => list?.filter((d) => d.key !== draft.key) ?? null);
                    setAnnouncement(`Removed "${draft.title || `step ${index + 1}`}".`);
                  }}
                />
              ))}
            </ol>
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setDrafts((list) => [...(list ?? []), emptyDraft()])}
              >
                Add a step
              </button>
              <span className="muted">
                {drafts.length} steps · about {totalMinutes(drafts)} minutes
              </span>
            </div>
            {unfinished.length > 0 ? (
              <div className="checkbox-row" style={{ marginTop: 'var(--space-4)' }}>
                <label>
                  <input
                    type="checkbox"
                    checked={replace}
                    onChange={(e) => setReplace(e.target.checked)}
                  />
                  Replace the {unfinished.length} unfinished steps already on this task
                </label>
              </div>
            ) : null}
            <div className="form-actions" style={{ marginTop: 'var(--space-4)' }}>
              <button type="submit" className="button" disabled={accept.isPending}>
                {accept.isPending ? 'Saving…' : `Save ${drafts.length} steps`}
              </button>
            </div>
          </form>
        ) : existing.data && existing.data.length > 0 ? (
          <section className="card" aria-labelledby="existing-heading">
            <h2 id="existing-heading">Steps already on this task</h2>
            <ol className={styles.savedList}>
              {existing.data.map((step) => (
                <li key={step.id} data-done={step.status === 'done' || undefined}>
                  {step.title}
                  {step.status === 'done' ? <span className="muted"> · done</span> : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
    </>
  );
}

function PreviewSummary({ meta }: { meta: PreviewMeta }) {
  const { factor, sampleSize } = meta.calibration;
  return (
    <>
      {meta.notice ? <FormMessage kind="warning">{meta.notice}</FormMessage> : null}
      <p className="muted">
        {meta.source === 'ai'
          ? `Suggested by ${meta.provider}${meta.model ? ` (${meta.model})` : ''}.`
          : 'Made on this server, without AI.'}{' '}
        {sampleSize > 0 && factor !== 1
          ? `Times adjusted ×${factor.toFixed(2)} from ${sampleSize} steps you finished before.`
          : null}
      </p>
    </>
  );
}

function StepEditor({
  draft,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  draft: StepDraft;
  index: number;
  count: number;
  errors: { title?: string; minutes?: string } | undefined;
  onChange: (patch: Partial<StepDraft>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const titleError = errors?.title ? `step-${draft.key}-title-error` : undefined;
  const minutesError = errors?.minutes ? `step-${draft.key}-minutes-error` : undefined;
  return (
    <li className={styles.step} data-testid="split-step">
      <span className={styles.number} aria-hidden="true">
        {n}
      </span>
      <div className={styles.stepFields}>
        <textarea
          rows={2}
          aria-label={`Step ${n} title`}
          value={draft.title}
          maxLength={STEP_TITLE_MAX}
          aria-invalid={errors?.title ? true : undefined}
          aria-describedby={titleError}
          onChange={(e) => onChange({ title: e.target.value.replace(/\n/g, ' ') })}
          onKeyDown={(e) => {
            // A title is one line: Enter saves the form instead of breaking the line.
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        {errors?.title ? (
          <p className="field-error" id={titleError}>
            {errors.title}
          </p>
        ) : null}
        <div className={styles.stepMeta}>
          <label>
            <span className="visually-hidden">Step {n} minutes</span>
            <input
              type="number"
              min={1}
              max={60}
              inputMode="numeric"
              value={draft.minutes}
              aria-invalid={errors?.minutes ? true : undefined}
              aria-describedby={minutesError}
              onChange={(e) => onChange({ minutes: e.target.value })}
            />
            <span aria-hidden="true"> min</span>
          </label>
          <label>
            <span className="visually-hidden">Step {n} energy</span>
            <select
              value={draft.energy}
              onChange={(e) => onChange({ energy: e.target.value as Energy | '' })}
            >
              <option value="">Any energy</option>
              {ENERGY_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {level} energy
                </option>
              ))}
            </select>
          </label>
        </div>
        {errors?.minutes ? (
          <p className="field-error" id={minutesError}>
            {errors.minutes}
          </p>
        ) : null}
      </div>
      <div className={styles.stepActions}>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Move step ${n} up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Move step ${n} down`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Remove step ${n}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
    </li>
  );
}
