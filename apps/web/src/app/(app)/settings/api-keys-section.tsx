'use client';

import { API_KEY_SCOPES, type ApiKeyScope, createApiKeyInput } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { LocalDateTime } from '@/components/local-time';
import { ConfirmDialog } from '@/components/modal';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

const SCOPE_HINTS: Record<ApiKeyScope, string> = {
  read: 'read your tasks and profile',
  write: 'create, change and delete (includes read)',
  agent: 'act as a registered agent',
};

export function ApiKeysSection() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [secret, setSecret] = useState<{ name: string; value: string }>();

  return (
    <section className="card settings-section" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">API keys</h2>
      <p className="lede">
        Keys let scripts and agents use Proxy as you, with{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>. See the{' '}
        <a href="/docs/api">API reference</a>.
      </p>
      {secret ? (
        <NewSecret name={secret.name} secret={secret.value} onDone={() => setSecret(undefined)} />
      ) : (
        <CreateKeyForm onCreated={(name, value) => setSecret({ name, value })} />
      )}
      <h3 style={{ marginTop: 'var(--space-5)' }}>Your keys</h3>
      {keys.data ? (
        keys.data.length === 0 ? (
          <p className="muted">No keys yet.</p>
        ) : (
          <ul className="key-list">
            {keys.data.map((key) => (
              <KeyItem key={key.id} apiKey={key} />
            ))}
          </ul>
        )
      ) : keys.error ? (
        <FormMessage kind="error">{apiErrorInfo(keys.error).message}</FormMessage>
      ) : (
        <p className="loading" role="status">
          Loading keys…
        </p>
      )}
    </section>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read']);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter()),
    }),
  );
  const serverError = create.error ? apiErrorInfo(create.error) : undefined;
  const errors = { ...serverError?.fieldErrors, ...clientErrors };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createApiKeyInput.safeParse({ name, scopes });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        setName('');
        setScopes(['read']);
        onCreated(created.name, created.secret);
      },
    });
  }

  const scopesError = firstError(errors, 'scopes');
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={create.isPending}>
      {serverError ? <FormMessage kind="error">{serverError.message}</FormMessage> : null}
      <Field
        label="Key name"
        hint="Where it will be used, e.g. “laptop script”"
        error={firstError(errors, 'name')}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            name="name"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <fieldset aria-describedby={scopesError ? 'scopes-error' : undefined}>
        <legend>Scopes</legend>
        <div className="checkbox-row">
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope}>
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes((current) =>
                    e.target.checked ? [...current, scope] : current.filter((s) => s !== scope),
                  )
                }
              />
              <span>
                <strong>{scope}</strong> <span className="muted">— {SCOPE_HINTS[scope]}</span>
              </span>
            </label>
          ))}
        </div>
        {scopesError ? (
          <p className="field-error" id="scopes-error">
            {scopesError}
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}

function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  return (
    <section className="form" aria-label="New API key">
      <FormMessage kind="warning">
        Copy the key “{name}” now. It will not be shown again; only a fingerprint of it is stored.
      </FormMessage>
      <div className="secret-box">
        <output aria-label="New API key secret" data-testid="api-key-secret">
          {secret}
        </output>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            navigator.clipboard.writeText(secret).then(
              () => setCopied('yes'),
              () => setCopied('failed'),
            );
          }}
        >
          Copy
        </button>
      </div>
      <p className="muted" role="status" style={{ margin: 0 }}>
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Copying failed; select the key and copy it by hand.'
            : ''}
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </section>
  );
}

type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function KeyItem({ apiKey }: { apiKey: ApiKeyRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter()),
    }),
  );
  const revoked = apiKey.revokedAt !== null;
  return (
    <li className="key-item" data-revoked={revoked} data-testid="api-key-item">
      <div>
        <strong>{apiKey.name}</strong>{' '}
        {revoked ? <span className="badge badge-overdue">Revoked</span> : null}
        <dl>
          <dt>Prefix</dt>
          <dd>
            <code>{apiKey.prefix}…</code>
          </dd>
          <dt>Scopes</dt>
          <dd>{apiKey.scopes.join(', ')}</dd>
          <dt>Created</dt>
          <dd>
            <LocalDateTime date={apiKey.createdAt} />
          </dd>
          <dt>Last used</dt>
          <dd>{apiKey.lastUsedAt ? <LocalDateTime date={apiKey.lastUsedAt} /> : 'Never'}</dd>
          {revoked ? (
            <>
              <dt>Revoked</dt>
              <dd>
                <LocalDateTime date={apiKey.revokedAt} />
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      {revoked ? null : (
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={`Revoke "${apiKey.name}"`}
          onClick={() => {
            revoke.reset();
            setConfirming(true);
          }}
        >
          Revoke
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title="Revoke this key?"
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.error ? apiErrorInfo(revoke.error).message : undefined}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          revoke.mutate({ id: apiKey.id }, { onSuccess: () => setConfirming(false) })
        }
      >
        <p>
          Anything using “{apiKey.name}” (<code>{apiKey.prefix}…</code>) stops working at once. This
          cannot be undone.
        </p>
      </ConfirmDialog>
    </li>
  );
}
