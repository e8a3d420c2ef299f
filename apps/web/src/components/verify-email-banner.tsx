'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

/** A gentle reminder, on every page, while the account's address is not confirmed. */
export function VerifyEmailBanner() {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profile.get.queryOptions());
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());
  if (!profile.data || profile.data.emailVerifiedAt || resend.data?.alreadyVerified) return null;
  return (
    <div className="verify-banner" role="status">
      <p>
        Please confirm <strong>{profile.data.email}</strong>: open the link we mailed you.
        {resend.data ? ' A fresh link is on its way.' : null}
        {resend.error ? ` ${apiErrorInfo(resend.error).message}` : null}
      </p>
      {resend.data ? null : (
        <button
          type="button"
          className="button button-small button-quiet"
          disabled={resend.isPending}
          onClick={() => resend.mutate()}
        >
          {resend.isPending ? 'Sending…' : 'Send the link again'}
        </button>
      )}
    </div>
  );
}
