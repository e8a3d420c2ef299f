'use client';

import { changePasswordInput, PASSWORD_MAX, PASSWORD_MIN } from '@proxy/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

export function PasswordSection() {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profile.get.queryOptions());
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ kind: 'success' | 'warning'; text: string }>();
  const [reauthenticating, setReauthenticating] = useState(false);
  const serverError = change.error ? apiErrorInfo(change.error) : undefined;
  const errors = { ...serverError?.fieldErrors, ...clientErrors };
  const pending = change.isPending || reauthenticating;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(undefined);
    const parsed = changePasswordInput.safeParse({ currentPassword, newPassword });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    try {
      await change.mutateAsync(parsed.data);
    } catch {
      return; // shown from change.error
    }
    // The change ended every session, this one too; sign this tab in again with the new password.
    setReauthenticating(true);
    const email = profile.data?.email;
    const again = email
      ? await signIn('credentials', { email, password: newPassword, redirect: false }).catch(
          () => undefined,
        )
      : undefined;
    setReauthenticating(false);
    setCurrentPassword('');
    setNewPassword('');
    setResult(
      again?.ok && !again.error
        ? {
            kind: 'success',
            text: 'Password changed. Other devices were signed out; you stay signed in here.',
          }
        : { kind: 'warning', text: 'Password changed. Please sign in again with the new one.' },
    );
  }

  return (
    <section className="card settings-section" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p className="lede">Changing it signs you out on every other device.</p>
      <form className="form" onSubmit={onSubmit} noValidate aria-busy={pending}>
        {serverError ? <FormMessage kind="error">{serverError.message}</FormMessage> : null}
        {result ? <FormMessage kind={result.kind}>{result.text}</FormMessage> : null}
        <div className="form-grid">
          <Field label="Current password" error={firstError(errors, 'currentPassword')}>
            {(props) => (
              <input
                {...props}
                type="password"
                name="currentPassword"
                autoComplete="current-password"
                value={currentPassword}
                onChange={(e) => setCurrentPassword(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="New password"
            hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters; common passwords are refused.`}
            error={firstError(errors, 'newPassword') ?? firstError(errors, 'password')}
          >
            {(props) => (
              <input
                {...props}
                type="password"
                name="newPassword"
                autoComplete="new-password"
                minLength={PASSWORD_MIN}
                maxLength={PASSWORD_MAX}
                value={newPassword}
                onChange={(e) => setNewPassword(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
