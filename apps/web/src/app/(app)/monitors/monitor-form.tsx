'use client';

import {
  MONITOR_INTERVALS,
  type MonitorPlan,
  planSourceSchema,
  SOURCE_KINDS,
  type SourceKind,
} from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { apiErrorInfo, type FieldErrors, firstError } from '@/lib/form-errors';
import { intervalLabel } from '@/lib/monitor-format';
import { useTRPC } from '@/trpc/client';
import { DryRunOutcome } from './dry-run-outcome';
import {
  type ChangeRuleType,
  CONDITION_TYPE_LABELS,
  CONDITION_TYPES,
  type ConditionType,
  emptySource,
  OP_LABELS,
  type PlanDraft,
  planDraftOf,
  planFromDraft,
  type SourceDraft,
  serverFieldErrors,
  sourceDraftOf,
  sourceOf,
  THRESHOLD_OPS,
} from './plan-draft';
import type { CompileResult, Monitor } from './types';

const KIND_LABELS: Record<SourceKind, string> = {
  json: 'JSON (an API answer)',
  html: 'Web page',
  feed: 'RSS or Atom feed',
};

const ORIGIN_LABELS: Record<string, string> = {
  parser: 'Understood on this server, without AI',
  ai: 'Worked out by the AI',
  user: 'Edited by you',
};

/**
 * Create or edit a monitor: say what to watch in words, compile it into a plan, check and adjust
 * the plan, try it once, then save.
 */
export function MonitorForm({ monitor, onDone }: { monitor?: Monitor; onDone?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = monitor !== undefined;
  const initialPlan = monitor?.plan as MonitorPlan | undefined;

  const [name, setName] = useState(monitor?.name ?? '');
  const [prompt, setPrompt] = useState(monitor?.prompt ?? '');
  const [source, setSource] = useState<SourceDraft>(
    initialPlan ? sourceDraftOf(initialPlan.sources[0]) : emptySource(),
  );
  const [interval, setIntervalMinutes] = useState<number>(monitor?.intervalMinutes ?? 60);
  const [notifyEmail, setNotifyEmail] = useState(monitor?.notifyEmail ?? true);
  // Email needs SMTP settings on the server; say so instead of letting mail quietly go nowhere.
  const channels = useQuery(trpc.notifications.channels.queryOptions());
  const emailOff = channels.data?.email === false;
  const [draft, setDraft] = useState<PlanDraft | null>(
    initialPlan ? planDraftOf(initialPlan) : null,
  );
  const [compiled, setCompiled] = useState<Pick<
    CompileResult,
    'origin' | 'description' | 'notes'
  > | null>(
    monitor
      ? {
          origin: monitor.planOrigin as CompileResult['origin'],
          description: `Tells you when ${monitor.conditionText}.`,
          notes: [],
        }
      : null,
  );
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [announcement, setAnnouncement] = useState('');

  const compile = useMutation(
    trpc.monitors.compile.mutationOptions({
      onSuccess: (result) => {
        setDraft(planDraftOf(result.plan));
        setCompiled(result);
        // A URL the AI found in the prompt fills the source fields if they were empty.
        if (!sourceOf(source) && result.plan.sources[0]) {
          setSource(sourceDraftOf(result.plan.sources[0]));
        }
        setClientErrors({});
        setAnnouncement(`Plan ready: ${result.description}. Check it, then save.`);
      },
    }),
  );
  // Saving right after a dry run that could not check anything asks once: it is easy to miss
  // the failure and wonder later why the monitor never speaks.
  const [warnedAboutFailure, setWarnedAboutFailure] = useState(false);
  const dryRun = useMutation(
    trpc.monitors.dryRun.mutationOptions({ onSettled: () => setWarnedAboutFailure(false) }),
  );
  const lastDryRunFailed = dryRun.data?.outcome === 'error' || dryRun.isError;
  const onSaved = async (saved: Monitor) => {
    await queryClient.invalidateQueries(trpc.monitors.pathFilter());
    if (editing) onDone?.();
    else router.push(`/monitors/${saved.id}`);
  };
  const create = useMutation(trpc.monitors.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.monitors.update.mutationOptions({ onSuccess: onSaved }));
  const save = editing ? update : create;

  const serverError = compile.error ?? save.error ?? dryRun.error;
  const serverInfo = serverError ? apiErrorInfo(serverError) : undefined;
  const errors: FieldErrors = {
    ...(serverInfo ? serverFieldErrors(serverInfo.fieldErrors) : {}),
    ...clientErrors,
  };
  const err = (field: string) => firstError(errors, field);
  const shownFieldError = Object.keys(errors).length > 0;

  const setSourceField = (patch: Partial<SourceDraft>) => setSource((s) => ({ ...s, ...patch }));
  const setDraftField = (patch: Partial<PlanDraft>) =>
    setDraft((d) => (d ? { ...d, ...patch } : d));

  function onCompile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (prompt.trim() === '') {
      setClientErrors({ prompt: ['Say in a few words what to watch for'] });
      return;
    }
    const first = sourceOf(source);
    if (first) {
      // The same checks the API makes, shown next to the source's own fields.
      const checked = planSourceSchema.safeParse(first);
      if (!checked.success) {
        const problems: FieldErrors = {};
        for (const issue of checked.error.issues) {
          const key = `source.${String(issue.path[0] ?? 'url')}`;
          problems[key] = [...(problems[key] ?? []), issue.message];
        }
        setClientErrors(problems);
        return;
      }
    }
    setClientErrors({});
    save.reset();
    dryRun.reset();
    compile.mutate({ prompt: prompt.trim(), ...(first ? { sources: [first] } : {}) });
  }

  function currentPlan(): MonitorPlan | null {
    if (!draft) return null;
    const result = planFromDraft(source, draft);
    if (!result.ok) {
      setClientErrors(result.errors);
      setAnnouncement('Some fields need attention.');
      return null;
    }
    setClientErrors({});
    return result.plan;
  }

  function onDryRun() {
    const plan = currentPlan();
    if (!plan) return;
    compile.reset();
    save.reset();
    dryRun.mutate({ plan });
  }

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const plan = currentPlan();
    if (!plan) return;
    if (lastDryRunFailed && !warnedAboutFailure) {
      setWarnedAboutFailure(true);
      setAnnouncement('The dry run could not check this. Save anyway, or fix it and try again.');
      return;
    }
    setWarnedAboutFailure(false);
    compile.reset();
    dryRun.reset();
    const input = {
      name: name.trim() || undefined,
      prompt: prompt.trim(),
      intervalMinutes: interval,
      plan,
      notifyEmail: notifyEmail && !emailOff,
    };
    if (monitor) update.mutate({ id: monitor.id, ...input });
    else create.mutate(input);
  }

  return (
    <div className="stack">
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <form className="card form" onSubmit={onCompile} noValidate aria-busy={compile.isPending}>
        <h2>{editing ? 'What to watch' : '1. What should I watch for?'}</h2>
        <Field
          label="What to watch for"
          hint="In your own words, for example: Tell me when BTC drops below $50k"
          error={err('prompt')}
        >
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={prompt}
              placeholder="Tell me when BTC drops below $50k"
              onChange={(e) => setPrompt(e.target.value)}
            />
          )}
        </Field>
        <div className="form-grid">
          <Field
            label="Name (optional)"
            hint="Shown in lists and notifications"
            error={err('name')}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                value={name}
                maxLength={200}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field label="Check every" error={err('intervalMinutes')}>
            {(props) => (
              <select
                {...props}
                value={interval}
                onChange={(e) => setIntervalMinutes(Number(e.target.value))}
              >
                {MONITOR_INTERVALS.map((m) => (
                  <option key={m} value={m}>
                    {intervalLabel(m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset className="form">
          <legend>Where to look</legend>
          <div className="form-grid">
            <Field label="Source URL" hint="An http or https address" error={err('source.url')}>
              {(props) => (
                <input
                  {...props}
                  type="url"
                  inputMode="url"
                  value={source.url}
                  placeholder="https://api.example.com/price"
                  onChange={(e) => setSourceField({ url: e.target.value })}
                />
              )}
            </Field>
            <Field label="Kind of source" error={err('source.kind')}>
              {(props) => (
                <select
                  {...props}
                  value={source.kind}
                  onChange={(e) => setSourceField({ kind: e.target.value as SourceKind })}
                >
                  {SOURCE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {source.kind === 'json' ? (
              <Field
                label="JSONPath"
                hint="Which value to read, like $.bitcoin.usd"
                error={err('source.jsonPath')}
              >
                {(props) => (
                  <input
                    {...props}
                    type="text"
                    value={source.jsonPath}
                    placeholder="$.price"
                    onChange={(e) => setSourceField({ jsonPath: e.target.value })}
                  />
                )}
              </Field>
            ) : source.kind === 'html' ? (
              <Field
                label="CSS selector"
                hint="Which part of the page to read, like .price"
                error={err('source.selector')}
              >
                {(props) => (
                  <input
                    {...props}
                    type="text"
                    value={source.selector}
                    placeholder=".price"
                    onChange={(e) => setSourceField({ selector: e.target.value })}
                  />
                )}
              </Field>
            ) : null}
          </div>
        </fieldset>
        <div className="checkbox-row">
          <label>
            <input
              type="checkbox"
              checked={notifyEmail && !emailOff}
              disabled={emailOff}
              aria-describedby={emailOff ? 'email-off-hint' : undefined}
              onChange={(e) => setNotifyEmail(e.target.checked)}
            />
            Also tell me by email
          </label>
          {emailOff ? (
            <p id="email-off-hint" className="field-hint">
              Email is not set up on this server yet (SMTP_URL). You will still find every
              notification in the app.
            </p>
          ) : null}
        </div>
        {compile.error && !shownFieldError ? (
          <FormMessage kind="error">{apiErrorInfo(compile.error).message}</FormMessage>
        ) : null}
        <div className="form-actions">
          <button
            type="submit"
            className={draft ? 'button button-secondary' : 'button'}
            disabled={compile.isPending}
          >
            {compile.isPending ? 'Working it out…' : draft ? 'Compile again' : 'Compile'}
          </button>
        </div>
      </form>

      {draft ? (
        <form className="card form" onSubmit={onSave} noValidate aria-busy={save.isPending}>
          <h2>{editing ? 'The plan' : '2. Check the plan'}</h2>
          {compiled ? (
            <div>
              <p data-testid="plan-description">{compiled.description}</p>
              <p className="muted">
                <span className="badge badge-accent">
                  {ORIGIN_LABELS[compiled.origin] ?? compiled.origin}
                </span>
              </p>
              {compiled.notes.length > 0 ? (
                <ul aria-label="Notes about the plan">
                  {compiled.notes.map((note) => (
                    <li key={note} className="muted">
                      {note}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <ConditionEditor draft={draft} onChange={setDraftField} err={err} />
          <TimingEditor draft={draft} onChange={setDraftField} err={err} />
          {err('plan') ? <FormMessage kind="error">{err('plan')}</FormMessage> : null}
          {err('sources') ? <FormMessage kind="error">{err('sources')}</FormMessage> : null}
          {dryRun.data ? <DryRunOutcome result={dryRun.data} /> : null}
          {dryRun.error && !shownFieldError ? (
            <FormMessage kind="error">{apiErrorInfo(dryRun.error).message}</FormMessage>
          ) : null}
          {save.error && !shownFieldError ? (
            <FormMessage kind="error">{apiErrorInfo(save.error).message}</FormMessage>
          ) : null}
          {shownFieldError && (save.error || dryRun.error) ? (
            <FormMessage kind="error">Some fields need attention.</FormMessage>
          ) : null}
          {warnedAboutFailure && lastDryRunFailed ? (
            <div className="alert alert-warning" role="alert" data-testid="save-warning">
              <p style={{ margin: 0 }}>
                <strong>The dry run could not check this yet.</strong> Saved as it is, the monitor
                will say “Needs a look” until its check works. Fix what the dry run found and try
                again, or save anyway.
              </p>
            </div>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {save.isPending
                ? 'Saving…'
                : warnedAboutFailure && lastDryRunFailed
                  ? 'Save anyway'
                  : editing
                    ? 'Save changes'
                    : 'Save monitor'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={onDryRun}
              disabled={dryRun.isPending}
            >
              {dryRun.isPending ? 'Trying…' : 'Dry run'}
            </button>
            {editing ? (
              <button type="button" className="button button-quiet" onClick={onDone}>
                Cancel
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}

function ConditionEditor({
  draft,
  onChange,
  err,
}: {
  draft: PlanDraft;
  onChange: (patch: Partial<PlanDraft>) => void;
  err: (field: string) => string | undefined;
}) {
  return (
    <fieldset className="form">
      <legend>When to tell you</legend>
      <Field label="Kind of condition" error={err('condition')}>
        {(props) => (
          <select
            {...props}
            value={draft.conditionType}
            onChange={(e) => onChange({ conditionType: e.target.value as ConditionType })}
          >
            {CONDITION_TYPES.map((t) => (
              <option key={t} value={t}>
                {CONDITION_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.conditionType === 'threshold' ? (
        <div className="form-grid">
          <Field label="When the value is">
            {(props) => (
              <select
                {...props}
                value={draft.op}
                onChange={(e) => onChange({ op: e.target.value as PlanDraft['op'] })}
              >
                {THRESHOLD_OPS.map((op) => (
                  <option key={op} value={op}>
                    {OP_LABELS[op]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Threshold" error={err('condition.value')}>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="decimal"
                step="any"
                value={draft.value}
                onChange={(e) => onChange({ value: e.target.value })}
              />
            )}
          </Field>
          <Field label="Unit">
            {(props) => (
              <select
                {...props}
                value={draft.unit}
                onChange={(e) => onChange({ unit: e.target.value as PlanDraft['unit'] })}
              >
                <option value="number">Plain number</option>
                <option value="currency">Money</option>
                <option value="percent">Percent</option>
              </select>
            )}
          </Field>
          {draft.unit === 'currency' ? (
            <Field label="Currency sign">
              {(props) => (
                <input
                  {...props}
                  type="text"
                  maxLength={3}
                  value={draft.currency}
                  placeholder="$"
                  onChange={(e) => onChange({ currency: e.target.value })}
                />
              )}
            </Field>
          ) : null}
        </div>
      ) : draft.conditionType === 'contains' || draft.conditionType === 'not_contains' ? (
        <Field label="Text to look for" error={err('condition.text')}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={draft.text}
              onChange={(e) => onChange({ text: e.target.value })}
            />
          )}
        </Field>
      ) : draft.conditionType === 'change' ? (
        <div className="form-grid">
          <Field label="What counts as a change">
            {(props) => (
              <select
                {...props}
                value={draft.changeRule}
                onChange={(e) => onChange({ changeRule: e.target.value as ChangeRuleType })}
              >
                <option value="any">Any change at all</option>
                <option value="new_items">A new item in a feed</option>
                <option value="delta">The value moves by at least…</option>
              </select>
            )}
          </Field>
          {draft.changeRule === 'delta' ? (
            <>
              <Field
                label="Amount"
                hint="Leave empty to use a percentage"
                error={err('condition.delta')}
              >
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    inputMode="decimal"
                    step="any"
                    min={0}
                    value={draft.deltaAbsolute}
                    onChange={(e) => onChange({ deltaAbsolute: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Percent">
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    inputMode="decimal"
                    step="any"
                    min={0}
                    value={draft.deltaPercent}
                    onChange={(e) => onChange({ deltaPercent: e.target.value })}
                  />
                )}
              </Field>
            </>
          ) : null}
        </div>
      ) : (
        <Field
          label="Question for the AI"
          hint="Answered yes or no each time the source is read"
          error={err('condition.question')}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={draft.question}
              onChange={(e) => onChange({ question: e.target.value })}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}

function TimingEditor({
  draft,
  onChange,
  err,
}: {
  draft: PlanDraft;
  onChange: (patch: Partial<PlanDraft>) => void;
  err: (field: string) => string | undefined;
}) {
  const numberInput = (key: 'debounce' | 'cooldownMinutes' | 'hysteresis' | 'errorThreshold') =>
    function NumberInput(props: Parameters<Parameters<typeof Field>[0]['children']>[0]) {
      return (
        <input
          {...props}
          type="number"
          inputMode="decimal"
          min={0}
          step={key === 'hysteresis' ? 'any' : 1}
          value={draft[key]}
          onChange={(e) => onChange({ [key]: e.target.value })}
        />
      );
    };
  return (
    <details className="filters">
      <summary>Patience settings</summary>
      <div className="form-grid">
        <Field
          label="Matches in a row before telling you"
          hint="1 tells you at the first match"
          error={err('timing.debounce')}
        >
          {numberInput('debounce')}
        </Field>
        <Field
          label="Quiet time after a notification (minutes)"
          hint="No second notification sooner than this"
          error={err('timing.cooldownMinutes')}
        >
          {numberInput('cooldownMinutes')}
        </Field>
        <Field
          label="Hysteresis"
          hint="How far back past the line the value must go before it can trigger again"
          error={err('timing.hysteresis')}
        >
          {numberInput('hysteresis')}
        </Field>
        <Field
          label="Failed checks before telling you"
          hint="Sources break sometimes; this avoids false alarms"
          error={err('timing.errorThreshold')}
        >
          {numberInput('errorThreshold')}
        </Field>
      </div>
    </details>
  );
}
