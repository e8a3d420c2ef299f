'use client';

import { deleteAccountInput } from '@proxy/core';
import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { ConfirmDialog } from '@/components/modal';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { useHydrated } from '@/lib/use-hydrated';
import { useTRPC } from '@/trpc/client';

export function AccountSection() {
  return (
    <>
      <SignOutEverywhere />
      <DeleteAccount />
    </>
  );
}

function SignOutEverywhere() {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  // Server-rendered, the button does nothing until React runs: say so rather than eat a click.
  const hydrated = useHydrated();
  const everywhere = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      onSuccess: async () => {
        setLeaving(true);
        // This session ended too; clear its cookie and go to sign-in.
        await signOut({ redirectTo: '/sign-in' });
      },
    }),
  );
  return (
    <section className="card settings-section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p className="lede">
        Lost a device, or signed in somewhere you should not have? End every session, this one
        included.
      </p>
      <button
        type="button"
        className="button button-secondary"
        disabled={!hydrated}
        onClick={() => {
          everywhere.reset();
          setConfirming(true);
        }}
      >
        Sign out everywhere
      </button>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        confirmLabel="Sign out all sessions"
        pending={everywhere.isPending || leaving}
        error={everywhere.error ? apiErrorInfo(everywhere.error).message : undefined}
        onCancel={() => setConfirming(false)}
        onConfirm={() => everywhere.mutate()}
      >
        <p>Every browser signed in to your account, including this one, will be signed out.</p>
      </ConfirmDialog>
    </section>
  );
}

function DeleteAccount() {
  const hydrated = useHydrated();
  const trpc = useTRPC();
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.profile.delete.mutationOptions({
      onSuccess: async () => {
        await signOut({ redirectTo: '/sign-up' });
      },
    }),
  );
  const serverError = remove.error ? apiErrorInfo(remove.error) : undefined;
  const errors = { ...serverError?.fieldErrors, ...clientErrors };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = deleteAccountInput.safeParse({ password });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    remove.reset();
    setConfirming(true);
  }

  return (
    <section className="card settings-section danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p className="lede">
        Deletes your account and everything in it: tasks, keys, settings. There is no undo.
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field label="Your password" error={firstError(errors, 'password')}>
          {(props) => (
            <input
              {...props}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-danger" disabled={!hydrated}>
            Delete my account
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Delete your account for good?"
        confirmLabel="Delete everything"
        pending={remove.isPending || remove.isSuccess}
        error={serverError?.message}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate({ password })}
      >
        <p>All your tasks and keys will be removed. This cannot be undone.</p>
      </ConfirmDialog>
      {serverError && !confirming ? (
        <FormMessage kind="error">{serverError.message}</FormMessage>
      ) : null}
    </section>
  );
}
