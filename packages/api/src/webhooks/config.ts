import { z } from 'zod';
import type { WebhookConfig } from '../context';

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const webhookEnvSchema = z.object({
  WEBHOOK_ALLOW_HOSTS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      )
      .optional(),
  ),
  WEBHOOK_TIMEOUT_MS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(100).max(60_000).optional(),
  ),
});

/**
 * WEBHOOK_ALLOW_HOSTS: internal hosts webhooks may reach despite the private-address guard (an
 * operator's own receivers); WEBHOOK_TIMEOUT_MS: one attempt's limit (15 s by default).
 */
export function webhookConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Partial<WebhookConfig> {
  const parsed = webhookEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid webhook settings:\n${z.prettifyError(parsed.error)}`);
  }
  return {
    ...(parsed.data.WEBHOOK_ALLOW_HOSTS ? { allowHosts: parsed.data.WEBHOOK_ALLOW_HOSTS } : {}),
    ...(parsed.data.WEBHOOK_TIMEOUT_MS ? { timeoutMs: parsed.data.WEBHOOK_TIMEOUT_MS } : {}),
  };
}
