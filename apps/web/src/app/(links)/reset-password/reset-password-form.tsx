'use client';

import { PASSWORD_MAX, PASSWORD_MIN, resetPasswordInput } from '@proxy/core';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      // Every session has ended on the server; drop this browser's cookie too.
      onSuccess: () => signOut({ redirect: false }).catch(() => undefined),
    }),
  );
  const serverError = reset.error ? apiErrorInfo(reset.error) : undefined;
  const fieldErrors = { ...serverError?.fieldErrors, ...clientErrors };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = resetPasswordInput.safeParse({ token, newPassword: password });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    if (password !== confirm) {
      setClientErrors({ confirm: ['The two passwords differ'] });
      return;
    }
    setClientErrors({});
    reset.mutate(parsed.data);
  }

  if (reset.data) {
    return (
      <div className="form">
        <div>
          <h1>Your new password is set</h1>
          <p className="lede">
            You are signed out everywhere. Sign in as <strong>{reset.data.email}</strong> with the
            new password.
          </p>
        </div>
        <div className="form-actions">
          <Link href="/sign-in" className="button">
            Sign in
          </Link>
        </div>
      </div>
    );
  }

  const tokenError = firstError(fieldErrors, 'token');
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={reset.isPending}>
      <div>
        <h1>Set a new password</h1>
        <p className="lede">Setting it signs you out on every device.</p>
      </div>
      {serverError || tokenError ? (
        <FormMessage kind="error">
          {tokenError ?? serverError?.message}{' '}
          <Link href="/forgot-password">Ask for a new link</Link>
        </FormMessage>
      ) : null}
      <Field
        label="New password"
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. Common passwords are refused; a short sentence works well.`}
        error={firstError(fieldErrors, 'newPassword')}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            name="newPassword"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field label="New password, again" error={firstError(fieldErrors, 'confirm')}>
        {(props) => (
          <input
            {...props}
            type="password"
            name="confirm"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={reset.isPending}>
          {reset.isPending ? 'Setting it…' : 'Set new password'}
        </button>
      </div>
    </form>
  );
}
