'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { FormMessage } from '@/components/field';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

/**
 * Confirms on a press, not on load: mail scanners open links before people do, and a GET that
 * spends the token would leave the person with a dead link.
 */
export function VerifyEmail({ token }: { token: string }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions());

  if (verify.data) {
    return (
      <div className="form">
        <div>
          <h1>Email confirmed</h1>
          <p className="lede">
            <strong>{verify.data.email}</strong> is yours, and Proxy can mail you there.
          </p>
        </div>
        <div className="form-actions">
          <Link href="/inbox" className="button">
            Go to your inbox
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="form">
      <div>
        <h1>Confirm your email</h1>
        <p className="lede">One press and you are done.</p>
      </div>
      {verify.error ? (
        <FormMessage kind="error">
          {apiErrorInfo(verify.error).message} Signed in, you can send a fresh link from the
          reminder at the top of any page.
        </FormMessage>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={verify.isPending}
          onClick={() => verify.mutate({ token })}
        >
          {verify.isPending ? 'Confirming…' : 'Confirm my email'}
        </button>
      </div>
    </div>
  );
}
