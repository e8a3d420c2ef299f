'use client';

import { webhookEventTypesSchema } from '@proxy/core';
import { type FormEvent, useId, useState } from 'react';
import { z } from 'zod';
import { Field, FormMessage } from '@/components/field';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { EVERYTHING, type EventGroup, groupPattern, isChosen, toggleChoice } from './event-choice';
import styles from './integrations.module.css';

/** The same rules as the API's endpoint input (which lives server-side), checked before sending. */
const endpointFormSchema = z.object({
  url: z.string().trim().min(1, 'Give the URL to send to').max(2000, 'At most 2,000 characters'),
  description: z.string().trim().max(200, 'At most 200 characters'),
  eventTypes: webhookEventTypesSchema,
});

export type EndpointFormValues = z.output<typeof endpointFormSchema>;

/** Adding an endpoint and changing one share this form. */
export function EndpointForm({
  groups,
  initial,
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSave,
  onCancel,
}: {
  groups: readonly EventGroup[];
  initial?: { url: string; description: string; eventTypes: string[] };
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onSave: (values: EndpointFormValues) => void;
  onCancel?: () => void;
}) {
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [eventTypes, setEventTypes] = useState<string[]>(initial?.eventTypes ?? []);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const serverError = error ? apiErrorInfo(error) : undefined;
  const errors = { ...serverError?.fieldErrors, ...clientErrors };
  // The URL refusal is shown at the field itself; a second copy on top would only add noise.
  const fieldHasIt = serverError
    ? Object.values(serverError.fieldErrors).some((list) => list?.includes(serverError.message))
    : false;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = endpointFormSchema.safeParse({ url, description, eventTypes });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    onSave(parsed.data);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={pending}>
      {serverError && !fieldHasIt ? (
        <FormMessage kind="error">{serverError.message}</FormMessage>
      ) : null}
      <Field
        label="URL to send to"
        hint="An https address of the app or script that receives the messages."
        error={firstError(errors, 'url')}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode="url"
            name="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.com/hooks/proxy"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="What it is for (optional)"
        hint="A note for yourself, e.g. “Zapier: new tasks to Sheets”."
        error={firstError(errors, 'description')}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            name="description"
            autoComplete="off"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <EventTypePicker
        groups={groups}
        value={eventTypes}
        onChange={setEventTypes}
        error={firstError(errors, 'eventTypes')}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * Grouped checkboxes: everything, a whole group, or single events. The single events of a group
 * fold away until wanted, so the list stays short to look at.
 */
function EventTypePicker({
  groups,
  value,
  onChange,
  error,
}: {
  groups: readonly EventGroup[];
  value: string[];
  onChange: (next: string[]) => void;
  error: string | undefined;
}) {
  const id = useId();
  const everything = value.includes(EVERYTHING);
  // Open the groups that already hold single choices (when editing), once.
  const [initiallyOpen] = useState(
    () => new Set(groups.filter((g) => g.types.some((t) => value.includes(t))).map((g) => g.group)),
  );
  const toggle = (choice: string, on: boolean) => onChange(toggleChoice(value, choice, on));
  return (
    <fieldset
      aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
    >
      <legend>What to send</legend>
      <p className="field-hint" id={`${id}-hint`}>
        Choose at least one. A test message can always be sent.
      </p>
      <label className={styles.choice}>
        <input
          type="checkbox"
          checked={everything}
          onChange={(e) => toggle(EVERYTHING, e.target.checked)}
        />
        <span>
          <strong>Everything</strong> <code>*</code>
          <span className={styles.choiceHint}>, including kinds added later</span>
        </span>
      </label>
      <div className={styles.groups}>
        {groups.map((g) => {
          const pattern = groupPattern(g.group);
          const wholeGroup = isChosen(value, pattern);
          return (
            <fieldset key={g.group} className={styles.group} disabled={everything}>
              <legend>{g.label}</legend>
              <label className={styles.choice}>
                <input
                  type="checkbox"
                  checked={wholeGroup}
                  onChange={(e) => toggle(pattern, e.target.checked)}
                />
                <span>
                  All {g.noun} events <code>{pattern}</code>
                </span>
              </label>
              {g.types.length > 1 ? (
                <details className={styles.singles} open={initiallyOpen.has(g.group)}>
                  <summary>Or pick single ones ({g.types.length})</summary>
                  {g.types.map((type) => (
                    <label key={type} className={styles.choice}>
                      <input
                        type="checkbox"
                        checked={isChosen(value, type)}
                        disabled={wholeGroup}
                        onChange={(e) => toggle(type, e.target.checked)}
                      />
                      <code>{type}</code>
                    </label>
                  ))}
                </details>
              ) : (
                <p className={styles.choiceHint}>
                  That is <code>{g.types[0]}</code>.
                </p>
              )}
            </fieldset>
          );
        })}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
