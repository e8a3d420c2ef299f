import type { Metadata } from 'next';
import Link from 'next/link';
import { emailEnabled } from '@/server/email-enabled';
import { ForgotPasswordForm } from './forgot-password-form';

export const metadata: Metadata = { title: 'Forgot your password?' };

export default async function ForgotPasswordPage() {
  if (!(await emailEnabled())) {
    return (
      <div className="form">
        <div>
          <h1>Forgot your password?</h1>
          <p className="lede">This server cannot mail reset links: email is not set up on it.</p>
        </div>
        <p className="muted">
          Whoever runs this Proxy can turn email on (the <code>SMTP_URL</code> setting), then come
          back here. <Link href="/sign-in">Back to sign in</Link>
        </p>
      </div>
    );
  }
  return <ForgotPasswordForm />;
}
