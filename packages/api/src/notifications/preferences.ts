import {
  CONFIGURABLE_KINDS,
  channelMode,
  channelModeSchema,
  DomainError,
  digestSettingsSchema,
  EXTERNAL_CHANNELS,
  type ExternalChannel,
  externalChannelSchema,
  NOTIFICATION_KIND_INFO,
  notificationKindSchema,
  notificationPrioritySchema,
  quietHoursSchema,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { notificationPreferences, notificationSettings, pushSubscriptions } from '@proxy/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../context';
import { deliverySettings } from './notify';

/** Inputs and outputs of the notification settings (the same schema for REST and tRPC). */

export const preferencesSchema = z.object({
  timeZone: z.string(),
  kinds: z.array(
    z.object({
      kind: notificationKindSchema,
      label: z.string(),
      description: z.string(),
      priority: notificationPrioritySchema,
      modes: z.record(externalChannelSchema, channelModeSchema),
      defaults: z.record(externalChannelSchema, channelModeSchema),
    }),
  ),
  quietHours: quietHoursSchema,
  digest: digestSettingsSchema,
  channels: z.object({
    email: z.object({ available: z.boolean() }),
    push: z.object({
      available: z.boolean(),
      /** The server's VAPID public key, for `pushManager.subscribe`. */
      publicKey: z.string().nullable(),
      devices: z.number().int(),
    }),
    webhook: z.object({ available: z.boolean(), endpoints: z.number().int() }),
  }),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const updatePreferencesInput = z
  .object({
    /** Per kind and channel; `instant`, `digest` or `off`. */
    modes: z
      .array(
        z.object({
          kind: z.enum(CONFIGURABLE_KINDS, { error: 'Not a kind of notification you can set' }),
          channel: externalChannelSchema,
          mode: channelModeSchema,
        }),
      )
      .max(200)
      .optional(),
    quietHours: quietHoursSchema.optional(),
    digest: digestSettingsSchema.optional(),
  })
  .strict();
export type UpdatePreferencesInput = z.infer<typeof updatePreferencesInput>;

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

type Deps = Pick<AppDeps, 'mailer' | 'push'> & { db: DbOrTx };

export async function getPreferences(deps: Deps, userId: string): Promise<Preferences> {
  const settings = await deliverySettings(deps.db, userId);
  if (!settings) throw new DomainError('NOT_FOUND', 'No such person');
  return {
    timeZone: settings.timeZone,
    kinds: CONFIGURABLE_KINDS.map((kind) => {
      const info = NOTIFICATION_KIND_INFO[kind];
      return {
        kind,
        label: info.label,
        description: info.description,
        priority: info.priority,
        modes: Object.fromEntries(
          EXTERNAL_CHANNELS.map((c) => [c, channelMode(settings.overrides, kind, c)]),
        ) as Record<ExternalChannel, z.infer<typeof channelModeSchema>>,
        defaults: info.defaults,
      };
    }),
    quietHours: settings.quiet,
    digest: settings.digest,
    channels: {
      email: { available: Boolean(deps.mailer) },
      push: {
        available: Boolean(deps.push),
        publicKey: deps.push?.publicKey ?? null,
        devices: settings.pushDevices,
      },
      webhook: { available: settings.webhookEndpoints > 0, endpoints: settings.webhookEndpoints },
    },
  };
}

export async function updatePreferences(
  deps: Deps & Pick<AppDeps, 'now'> & { db: AppDeps['db'] },
  userId: string,
  raw: UpdatePreferencesInput,
): Promise<Preferences> {
  const input = updatePreferencesInput.parse(raw);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    for (const m of input.modes ?? []) {
      await tx
        .insert(notificationPreferences)
        .values({ userId, kind: m.kind, channel: m.channel, mode: m.mode, updatedAt: now })
        .onConflictDoUpdate({
          target: [
            notificationPreferences.userId,
            notificationPreferences.kind,
            notificationPreferences.channel,
          ],
          set: { mode: m.mode, updatedAt: now },
        });
    }
    if (input.quietHours || input.digest) {
      const patch = {
        ...(input.quietHours
          ? {
              quietEnabled: input.quietHours.enabled,
              quietStart: minutes(input.quietHours.start),
              quietEnd: minutes(input.quietHours.end),
            }
          : {}),
        ...(input.digest
          ? { digestCadence: input.digest.cadence, digestHour: input.digest.hour }
          : {}),
        updatedAt: now,
      };
      await tx
        .insert(notificationSettings)
        .values({ userId, ...patch })
        .onConflictDoUpdate({ target: notificationSettings.userId, set: patch });
    }
  });
  return getPreferences(deps, userId);
}

// --- Web Push devices ------------------------------------------------------------------------

/** What `PushSubscription.toJSON()` gives in a browser, plus a name for the device. */
export const subscribePushInput = z.object({
  endpoint: z
    .url({ protocol: /^https?$/, error: 'The push endpoint must be an http(s) URL' })
    .max(2000),
  keys: z.object({
    p256dh: z
      .string()
      .regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'p256dh must be a base64url P-256 public key'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, 'auth must be a base64url secret'),
  }),
  label: z.string().trim().min(1).max(100).default('This browser'),
});

export const pushDeviceSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  /** The push service's host ("fcm.googleapis.com"): enough to tell devices apart. */
  service: z.string(),
  createdAt: z.date(),
  lastSuccessAt: z.date().nullable(),
  lastError: z.string().nullable(),
});

export async function listPushDevices(deps: { db: DbOrTx }, userId: string) {
  const rows = await deps.db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(asc(pushSubscriptions.createdAt));
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    service: new URL(r.endpoint).host,
    createdAt: r.createdAt,
    lastSuccessAt: r.lastSuccessAt,
    lastError: r.lastError,
  }));
}

/**
 * Registers this browser for push. An endpoint belongs to one browser profile: subscribing it
 * again (after signing in as someone else on that browser) moves it to the new person.
 */
export async function subscribePush(
  deps: Pick<AppDeps, 'push' | 'now'> & { db: DbOrTx },
  userId: string,
  raw: z.input<typeof subscribePushInput>,
) {
  if (!deps.push) {
    throw new DomainError('SERVICE_UNAVAILABLE', 'Web Push is not configured on this server');
  }
  const input = subscribePushInput.parse(raw);
  const now = deps.now();
  const [row] = await deps.db
    .insert(pushSubscriptions)
    .values({
      userId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      label: input.label,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: {
        userId,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        label: input.label,
        lastError: null,
      },
    })
    .returning();
  return {
    id: row!.id,
    label: row!.label,
    service: new URL(row!.endpoint).host,
    createdAt: row!.createdAt,
    lastSuccessAt: row!.lastSuccessAt,
    lastError: row!.lastError,
  };
}

export const unsubscribePushInput = z
  .object({ id: z.uuid().optional(), endpoint: z.string().max(2000).optional() })
  .refine((v) => v.id || v.endpoint, { error: 'Give the device id or its endpoint' });

export async function unsubscribePush(
  deps: { db: DbOrTx },
  userId: string,
  input: z.infer<typeof unsubscribePushInput>,
) {
  const rows = await deps.db
    .delete(pushSubscriptions)
    .where(
      and(
        eq(pushSubscriptions.userId, userId),
        input.id
          ? eq(pushSubscriptions.id, input.id)
          : eq(pushSubscriptions.endpoint, input.endpoint!),
      ),
    )
    .returning({ id: pushSubscriptions.id });
  return { removed: rows.length };
}
