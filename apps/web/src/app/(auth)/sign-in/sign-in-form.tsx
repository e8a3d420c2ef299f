'use client';

import { signInInput } from '@proxy/core';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';

const INCORRECT = 'Email or password is incorrect.';

export function SignInForm({
  rateLimitedCode,
  retryMinutes,
  canResetPassword,
}: {
  rateLimitedCode: string;
  retryMinutes: number;
  /** The server mails reset links (email is configured). */
  canResetPassword: boolean;
}) {
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const parsed = signInInput.safeParse({ email, password });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const result = await signIn('credentials', { ...parsed.data, redirect: false });
      if (result?.ok && !result.error) {
        router.replace('/today');
        router.refresh();
        return;
      }
      setError(
        result?.code === rateLimitedCode
          ? `Too many attempts, try again in ${retryMinutes} minutes.`
          : INCORRECT,
      );
    } catch {
      setError('We could not reach the server. Check your connection and try again.');
    }
    setPending(false);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={pending}>
      <div>
        <h1>Welcome back</h1>
        <p className="lede">Sign in to pick up where you left off.</p>
      </div>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
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
      <Field label="Password" error={firstError(fieldErrors, 'password')}>
        {(props) => (
          <input
            {...props}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      <p className="muted">
        New here? <Link href="/sign-up">Create an account</Link>
        {canResetPassword ? (
          <>
            {' · '}
            <Link href="/forgot-password">Forgot your password?</Link>
          </>
        ) : null}
      </p>
    </form>
  );
}
