'use client';

import { ENERGY_LEVELS, type Energy, type Template, type TemplateStepInput } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { FormMessage } from '@/components/field';
import { useToast } from '@/components/toasts';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC, useTRPCClient } from '@/trpc/client';

type StepDraft = { title: string; estimateMinutes: string; energy: Energy | '' };

const toDraft = (t: Template): StepDraft[] =>
  t.steps.map((s) => ({
    title: s.title,
    estimateMinutes: s.estimateMinutes === null ? '' : String(s.estimateMinutes),
    energy: s.energy ?? '',
  }));

const toInput = (steps: StepDraft[]): TemplateStepInput[] =>
  steps
    .filter((s) => s.title.trim() !== '')
    .map((s) => ({
      title: s.title,
      estimateMinutes: s.estimateMinutes ? Number(s.estimateMinutes) : null,
      energy: s.energy || null,
    }));

/** Templates: the built-ins and your own; edit steps, start a task from one. */
export function Templates() {
  const trpc = useTRPC();
  const list = useQuery(trpc.templates.list.queryOptions({}));
  const [openId, setOpenId] = useState<string | null>(null);
  const open = list.data?.find((t) => t.id === openId) ?? null;

  return (
    <>
      <div className="page-header">
        <h1>Templates</h1>
        <p className="muted" style={{ margin: 0 }}>
          Routines as ready-made micro-steps. Start one, or save any task tree as a template.
          Deleted ones wait in the <Link href="/trash">trash</Link> for 30 days.
        </p>
      </div>
      <NewTemplate onCreated={setOpenId} />
      {list.error ? (
        <FormMessage kind="error">{apiErrorInfo(list.error).message}</FormMessage>
      ) : (
        <ul className="task-list">
          {(list.data ?? []).map((t) => (
            <li key={t.id} className="task-row" data-testid="template-row">
              <div className="task-body">
                <span className="task-title">{t.name}</span>
                <div className="task-meta">
                  {t.builtin ? <span className="badge">built-in</span> : null}
                  <span className="muted">{t.steps.length} steps</span>
                </div>
              </div>
              <div className="task-actions">
                <Instantiate template={t} />
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-expanded={openId === t.id}
                  onClick={() => setOpenId(openId === t.id ? null : t.id)}
                >
                  {t.builtin ? 'View steps' : 'Edit'}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <TemplateEditor key={open.id} template={open} onClose={() => setOpenId(null)} />
      ) : null}
    </>
  );
}

function Instantiate({ template }: { template: Template }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [made, setMade] = useState(false);
  const run = useMutation(
    trpc.templates.instantiate.mutationOptions({
      onSuccess: () => setMade(true),
      onSettled: () => queryClient.invalidateQueries(trpc.tasks.pathFilter()),
    }),
  );
  return made ? (
    <Link href="/inbox" className="button button-quiet button-small">
      Added — open inbox
    </Link>
  ) : (
    <button
      type="button"
      className="button button-small"
      disabled={run.isPending}
      onClick={() => run.mutate({ id: template.id })}
    >
      Start
    </button>
  );
}

function NewTemplate({ onCreated }: { onCreated: (id: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.templates.create.mutationOptions({
      onSuccess: (t) => {
        setName('');
        onCreated(t.id);
      },
      onSettled: () => queryClient.invalidateQueries(trpc.templates.pathFilter()),
    }),
  );
  return (
    <form
      className="quick-add"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) create.mutate({ name, steps: [] });
      }}
    >
      <label className="visually-hidden" htmlFor="new-template">
        New template name
      </label>
      <input
        id="new-template"
        value={name}
        placeholder="New template, e.g. Pack for a trip"
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="button" disabled={create.isPending}>
        Create
      </button>
      {create.error ? (
        <FormMessage kind="error">{apiErrorInfo(create.error).message}</FormMessage>
      ) : null}
    </form>
  );
}

function TemplateEditor({ template, onClose }: { template: Template; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(template.name);
  const [steps, setSteps] = useState<StepDraft[]>(toDraft(template));
  const [saved, setSaved] = useState(false);
  const invalidate = () => queryClient.invalidateQueries(trpc.templates.pathFilter());
  const save = useMutation(
    trpc.templates.update.mutationOptions({
      onSuccess: () => setSaved(true),
      onSettled: invalidate,
    }),
  );
  const toast = useToast();
  const client = useTRPCClient();
  const remove = useMutation(
    trpc.templates.delete.mutationOptions({
      onSuccess: () => {
        onClose();
        // To the trash: Undo (or the Trash page) brings it back, steps and all.
        toast.show({
          message: `Deleted “${template.name}”. It is in the trash for 30 days.`,
          undo: {
            run: async () => {
              await client.trash.restoreTemplate.mutate({ id: template.id });
              await Promise.all([
                invalidate(),
                queryClient.invalidateQueries(trpc.trash.pathFilter()),
              ]);
            },
            done: `Restored “${template.name}”.`,
          },
        });
      },
      onSettled: invalidate,
    }),
  );
  const readOnly = template.builtin;
  const setStep = (i: number, patch: Partial<StepDraft>) => {
    setSaved(false);
    setSteps((s) => s.map((step, j) => (j === i ? { ...step, ...patch } : step)));
  };
  const moveStep = (i: number, by: -1 | 1) =>
    setSteps((s) => {
      const j = i + by;
      if (j < 0 || j >= s.length) return s;
      const next = [...s];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
  const error = save.error ?? remove.error;

  return (
    <section className="settings-section" aria-labelledby="editor-heading">
      <h2 id="editor-heading">{readOnly ? template.name : `Edit “${template.name}”`}</h2>
      {readOnly ? (
        <p className="muted">
          Built-in templates are read-only. Start it, then save the task as your own.
        </p>
      ) : (
        <label className="field">
          <span className="field-label">Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      )}
      <ol className="template-steps">
        {steps.map((step, i) => (
          // Steps have no identity until saved; their position is their key.
          <li key={i} className="template-step">
            <input
              aria-label={`Step ${i + 1} title`}
              value={step.title}
              readOnly={readOnly}
              onChange={(e) => setStep(i, { title: e.target.value })}
            />
            <input
              aria-label={`Step ${i + 1} minutes`}
              type="number"
              min={1}
              max={1440}
              value={step.estimateMinutes}
              readOnly={readOnly}
              placeholder="min"
              onChange={(e) => setStep(i, { estimateMinutes: e.target.value })}
            />
            <select
              aria-label={`Step ${i + 1} energy`}
              value={step.energy}
              disabled={readOnly}
              onChange={(e) => setStep(i, { energy: e.target.value as Energy | '' })}
            >
              <option value="">energy</option>
              {ENERGY_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            {readOnly ? null : (
              <span className="task-actions">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`Move step ${i + 1} up`}
                  onClick={() => moveStep(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`Move step ${i + 1} down`}
                  onClick={() => moveStep(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`Remove step ${i + 1}`}
                  onClick={() => setSteps((s) => s.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {error ? <FormMessage kind="error">{apiErrorInfo(error).message}</FormMessage> : null}
      {saved ? <FormMessage kind="success">Saved.</FormMessage> : null}
      <div className="form-actions">
        {readOnly ? null : (
          <>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                setSteps((s) => [...s, { title: '', estimateMinutes: '', energy: '' }])
              }
            >
              Add a step
            </button>
            <button
              type="button"
              className="button"
              disabled={save.isPending}
              onClick={() => save.mutate({ id: template.id, name, steps: toInput(steps) })}
            >
              Save
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ id: template.id })}
            >
              Delete
            </button>
          </>
        )}
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
