'use client';

import { requestPasswordResetInput } from '@proxy/core';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const serverError = request.error ? apiErrorInfo(request.error) : undefined;
  const fieldErrors = { ...serverError?.fieldErrors, ...clientErrors };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = requestPasswordResetInput.safeParse({ email });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    request.mutate(parsed.data);
  }

  if (request.data) {
    return (
      <div className="form">
        <div>
          <h1>Check your inbox</h1>
          <p className="lede">
            If an account uses <strong>{request.data.email}</strong>, a link to set a new password
            is on its way.
          </p>
        </div>
        <p className="muted">
          The link works once, for an hour. Nothing after a few minutes? Look in your spam folder,
          or <Link href="/forgot-password">ask again</Link>.
        </p>
        <p className="muted">
          <Link href="/sign-in">Back to sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={request.isPending}>
      <div>
        <h1>Forgot your password?</h1>
        <p className="lede">It happens. We will mail you a link to set a new one.</p>
      </div>
      {serverError ? <FormMessage kind="error">{serverError.message}</FormMessage> : null}
      <Field label="Email" error={firstError(fieldErrors, 'email')}>
        {(props) => (
          <input
            {...props}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={request.isPending}>
          {request.isPending ? 'Sending…' : 'Mail me a link'}
        </button>
      </div>
      <p className="muted">
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </form>
  );
}
