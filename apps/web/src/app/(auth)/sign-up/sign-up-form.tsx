'use client';

import { PASSWORD_MAX, PASSWORD_MIN, registerInput, timezoneSchema } from '@proxy/core';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

/** The browser's IANA timezone, when it names one the server knows. */
function browserTimezone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && timezoneSchema.safeParse(zone).success ? zone : undefined;
  } catch {
    return undefined;
  }
}

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [signInError, setSignInError] = useState<string>();
  const [signingIn, setSigningIn] = useState(false);
  const [checkEmail, setCheckEmail] = useState<string>();
  const register = useMutation(trpc.auth.register.mutationOptions());

  const serverError = register.error ? apiErrorInfo(register.error) : undefined;
  const fieldErrors = { ...serverError?.fieldErrors, ...clientErrors };
  const pending = register.isPending || signingIn;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSignInError(undefined);
    const parsed = registerInput.safeParse({
      email,
      password,
      displayName: displayName.trim() || undefined,
      timezone: browserTimezone(),
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    let outcome: Awaited<ReturnType<typeof register.mutateAsync>>;
    try {
      outcome = await register.mutateAsync(parsed.data);
    } catch {
      return; // shown from register.error
    }
    // With email on, the answer is the same for a new and a taken address: the mail says which.
    if (outcome.outcome === 'check-email') {
      setCheckEmail(outcome.email);
      return;
    }
    setSigningIn(true);
    const result = await signIn('credentials', {
      email: parsed.data.email,
      password,
      redirect: false,
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      router.replace('/today?welcome=1');
      router.refresh();
      return;
    }
    setSigningIn(false);
    setSignInError('Your account is ready, but signing in failed. Please sign in.');
  }

  if (checkEmail) {
    return (
      <div className="form">
        <div>
          <h1>Check your inbox</h1>
          <p className="lede">
            We sent a mail to <strong>{checkEmail}</strong>.
          </p>
        </div>
        <FormMessage kind="success">
          It has a link to confirm your address. If you already had an account with this email, the
          mail says so and has a link to sign in or set a new password instead.
        </FormMessage>
        <p className="muted">
          Nothing there after a few minutes? Look in your spam folder. You can sign in now and
          confirm later.
        </p>
        <div className="form-actions">
          <Link href="/sign-in" className="button">
            Go to sign in
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={pending}>
      <div>
        <h1>Create your account</h1>
        <p className="lede">A calm place for everything on your mind.</p>
      </div>
      {serverError ? <FormMessage kind="error">{serverError.message}</FormMessage> : null}
      {signInError ? (
        <FormMessage kind="error">
          {signInError} <Link href="/sign-in">Go to sign in</Link>
        </FormMessage>
      ) : null}
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
      <Field
        label="Password"
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. Common passwords are refused; a short sentence works well.`}
        error={firstError(fieldErrors, 'password')}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Display name (optional)"
        hint="What Proxy calls you."
        error={firstError(fieldErrors, 'displayName')}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            name="displayName"
            autoComplete="nickname"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {register.isPending
            ? 'Creating your account…'
            : signingIn
              ? 'Signing in…'
              : 'Create account'}
        </button>
      </div>
      <p className="muted">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </form>
  );
}
