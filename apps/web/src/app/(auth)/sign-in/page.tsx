import type { Metadata } from 'next';
import { RATE_LIMITED_CODE, SIGN_IN_WINDOW_MINUTES } from '@/auth';
import { emailEnabled } from '@/server/email-enabled';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  return (
    <SignInForm
      rateLimitedCode={RATE_LIMITED_CODE}
      retryMinutes={SIGN_IN_WINDOW_MINUTES}
      canResetPassword={await emailEnabled()}
    />
  );
}
