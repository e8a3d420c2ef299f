'use client';

import { type Profile, updateProfileInput } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { apiErrorInfo, type FieldErrors, firstError, zodFieldErrors } from '@/lib/form-errors';
import { useHydrated } from '@/lib/use-hydrated';
import { useTRPC } from '@/trpc/client';

export function ProfileSection() {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profile.get.queryOptions());
  return (
    <section className="card settings-section" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p className="lede">How you appear in Proxy.</p>
      {profile.data ? (
        <ProfileForm profile={profile.data} />
      ) : profile.error ? (
        <FormMessage kind="error">{apiErrorInfo(profile.error).message}</FormMessage>
      ) : (
        <p className="loading" role="status">
          Loading your profile…
        </p>
      )}
    </section>
  );
}

function useTimezones(current: string): string[] {
  const hydrated = useHydrated();
  return useMemo(() => {
    // The server's and the browser's lists can differ; the full list waits for the browser.
    const all = hydrated ? ['UTC', ...Intl.supportedValuesOf('timeZone')] : [];
    return all.includes(current) ? all : [current, ...all];
  }, [hydrated, current]);
}

function ProfileForm({ profile }: { profile: Profile }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [handle, setHandle] = useState(profile.handle);
  const [timezone, setTimezone] = useState(profile.timezone);
  const [avatarColor, setAvatarColor] = useState(profile.avatarColor);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const timezones = useTimezones(timezone);
  const update = useMutation(
    trpc.profile.update.mutationOptions({
      onSuccess: (updated) => queryClient.setQueryData(trpc.profile.get.queryKey(), updated),
    }),
  );
  const serverError = update.error ? apiErrorInfo(update.error) : undefined;
  const errors = { ...serverError?.fieldErrors, ...clientErrors };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = updateProfileInput.safeParse({ displayName, handle, timezone, avatarColor });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    update.mutate(parsed.data);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={update.isPending}>
      {serverError ? <FormMessage kind="error">{serverError.message}</FormMessage> : null}
      {update.isSuccess ? <FormMessage kind="success">Profile saved.</FormMessage> : null}
      <p className="muted" style={{ margin: 0 }}>
        Signed in as <strong>{profile.email}</strong>
      </p>
      <div className="form-grid">
        <Field label="Display name" error={firstError(errors, 'displayName')}>
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
        <Field
          label="Handle"
          hint="3–30 characters: lower-case letters, digits and _"
          error={firstError(errors, 'handle')}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              name="handle"
              autoCapitalize="none"
              spellCheck={false}
              value={handle}
              onChange={(e) => setHandle(e.target.value)}
            />
          )}
        </Field>
        <Field label="Timezone" error={firstError(errors, 'timezone')}>
          {(props) => (
            <select
              {...props}
              name="timezone"
              value={timezone}
              onChange={(e) => setTimezone(e.target.value)}
            >
              {timezones.map((tz) => (
                <option key={tz} value={tz}>
                  {tz.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Avatar colour" error={firstError(errors, 'avatarColor')}>
          {(props) => (
            <div style={{ display: 'flex', gap: 'var(--space-3)', alignItems: 'center' }}>
              <input
                {...props}
                type="color"
                name="avatarColor"
                value={avatarColor}
                onChange={(e) => setAvatarColor(e.target.value)}
              />
              <span
                className="avatar-preview"
                style={{ background: avatarColor }}
                aria-hidden="true"
              >
                {(displayName.trim()[0] ?? '?').toUpperCase()}
              </span>
            </div>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
