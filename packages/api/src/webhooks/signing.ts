import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret: `whsec_` and 24 random bytes in base64, as the specification shows. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** The message id every attempt and replay of a delivery carries (`webhook-id`). */
export const webhookMessageId = (deliveryId: string) => `msg_${deliveryId.replaceAll('-', '')}`;

/**
 * The `webhook-signature` header: `v1,<base64 HMAC-SHA256 of id.timestamp.body>` for each secret,
 * space-separated, so during a rotation a receiver holding either secret can verify.
 */
export function signatureHeader(
  secrets: readonly string[],
  messageId: string,
  timestamp: Date,
  body: string,
): string {
  return secrets.map((s) => new Webhook(s).sign(messageId, timestamp, body)).join(' ');
}

/** The headers of one attempt. `webhook-timestamp` is the attempt's time in whole seconds. */
export function webhookHeaders(
  secrets: readonly string[],
  messageId: string,
  timestamp: Date,
  body: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Proxy-Webhooks/1.0 (+https://www.standardwebhooks.com)',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatureHeader(secrets, messageId, timestamp, body),
  };
}
