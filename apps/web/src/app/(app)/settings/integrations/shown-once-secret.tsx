'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormMessage } from '@/components/field';
import styles from './integrations.module.css';

/** Copies text, saying in words whether it worked (announced politely). */
export function CopyButton({
  text,
  label = 'Copy',
  what,
}: {
  text: string;
  label?: string;
  /** What is copied, for the accessible name and the result ("the secret"). */
  what: string;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        aria-label={`${label} ${what}`}
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setCopied('yes'),
            () => setCopied('failed'),
          );
        }}
      >
        {label}
      </button>
      <span className={styles.copyResult} role="status">
        {copied === 'yes'
          ? 'Copied.'
          : copied === 'failed'
            ? `Copying failed; select ${what} and copy it by hand.`
            : ''}
      </span>
    </>
  );
}

/**
 * A signing secret the server will never show again: copy it, then say you have saved it. It
 * takes the focus when it appears, so keyboard and screen reader users land on it.
 */
export function ShownOnceSecret({
  title,
  secret,
  children,
  onDone,
}: {
  title: string;
  secret: string;
  children?: ReactNode;
  onDone: () => void;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section className={styles.secretPanel} aria-label={title} ref={ref} tabIndex={-1}>
      <FormMessage kind="warning">
        <strong>{title}.</strong> Copy the signing secret now and keep it with the app that receives
        the webhooks. You will not see it again; Proxy stores it locked away.
      </FormMessage>
      <div className="secret-box">
        <output aria-label="Signing secret" data-testid="webhook-secret">
          {secret}
        </output>
        <CopyButton text={secret} what="the secret" />
      </div>
      {children}
      <p className={styles.help}>
        Check each message with it: the <code>standardwebhooks</code> library does this in one call
        (<code>new Webhook(secret).verify(body, headers)</code>).
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </section>
  );
}
