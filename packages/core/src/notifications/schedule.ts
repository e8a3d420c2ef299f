import { z } from 'zod';
import { zonedDate, zonedParts, zonedToInstant } from '../time/zoned';
import type { ChannelMode, ExternalChannel, NotificationKind, NotificationPriority } from './kinds';
import { NOTIFICATION_KIND_INFO } from './kinds';

/**
 * When a notification goes out on a channel: the person's preference for its kind, their quiet
 * hours and digest rhythm, all in their own timezone. Pure: the clock is a parameter.
 */

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 22:00');

export const quietHoursSchema = z.object({
  enabled: z.boolean(),
  /** Local time the quiet starts, "22:00". */
  start: clockTime,
  /** Local time it ends, "07:00"; before the start means it ends the next morning. */
  end: clockTime,
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const DIGEST_CADENCES = ['hourly', 'daily'] as const;
export type DigestCadence = (typeof DIGEST_CADENCES)[number];

export const digestSettingsSchema = z.object({
  cadence: z.enum(DIGEST_CADENCES),
  /** For a daily digest: the local hour it goes out (0-23). */
  hour: z.int().min(0, 'An hour from 0 to 23').max(23, 'An hour from 0 to 23'),
});
export type DigestSettings = z.infer<typeof digestSettingsSchema>;

export const DEFAULT_QUIET_HOURS: QuietHours = { enabled: false, start: '22:00', end: '07:00' };
export const DEFAULT_DIGEST: DigestSettings = { cadence: 'daily', hour: 8 };

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * If `now` falls inside the quiet hours, the instant they end (in the zone's own terms, so a
 * daylight-saving night ends at the right 07:00); otherwise null. Equal start and end mean no
 * quiet hours.
 */
export function quietHoursEnd(quiet: QuietHours, timeZone: string, now: Date): Date | null {
  if (!quiet.enabled) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const p = zonedParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  const wraps = start > end;
  const inside = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return null;
  // Ends today, unless we are in the evening part of a window that wraps past midnight.
  const endsTomorrow = wraps && minute >= start;
  const day = zonedDate(now, timeZone, endsTomorrow ? 1 : 0);
  return zonedToInstant({ ...day, hour: Math.floor(end / 60), minute: end % 60 }, timeZone);
}

/** The next digest time strictly after `now`: the next top of the hour, or the daily hour. */
export function nextDigestAt(digest: DigestSettings, timeZone: string, now: Date): Date {
  const p = zonedParts(now, timeZone);
  if (digest.cadence === 'hourly') {
    // Local hours, so a half-hour zone's digest also lands on its own :00.
    for (let add = 1; add <= 3; add++) {
      const at = zonedToInstant(
        { year: p.year, month: p.month, day: p.day, hour: p.hour + add, minute: 0 },
        timeZone,
      );
      if (at > now) return at;
    }
    return new Date(now.getTime() + 3_600_000);
  }
  for (let add = 0; add <= 2; add++) {
    const day = zonedDate(now, timeZone, add);
    const at = zonedToInstant({ ...day, hour: digest.hour, minute: 0 }, timeZone);
    if (at > now) return at;
  }
  return new Date(now.getTime() + 86_400_000);
}

export type PreferenceOverrides = Partial<
  Record<NotificationKind, Partial<Record<ExternalChannel, ChannelMode>>>
>;

/** A person's mode for a kind on a channel: their own choice, else the kind's default. */
export function channelMode(
  overrides: PreferenceOverrides,
  kind: NotificationKind,
  channel: ExternalChannel,
): ChannelMode {
  return overrides[kind]?.[channel] ?? NOTIFICATION_KIND_INFO[kind].defaults[channel];
}

export type DeliveryPlan =
  | { status: 'skip' }
  | { status: 'pending'; at: Date }
  | { status: 'held'; at: Date }
  | { status: 'digest'; at: Date };

/**
 * Decides one channel's delivery. Urgent kinds ignore quiet hours and digests (a break reminder
 * after 22:00 is still wanted: the person started that session); the rest wait for the quiet to
 * end, and a digest never lands inside quiet hours either.
 */
export function planDelivery(input: {
  mode: ChannelMode;
  priority: NotificationPriority;
  quiet: QuietHours;
  digest: DigestSettings;
  timeZone: string;
  now: Date;
}): DeliveryPlan {
  const { mode, priority, quiet, digest, timeZone, now } = input;
  if (mode === 'off') return { status: 'skip' };
  if (priority === 'urgent') return { status: 'pending', at: now };
  if (mode === 'digest') {
    const at = nextDigestAt(digest, timeZone, now);
    return { status: 'digest', at: quietHoursEnd(quiet, timeZone, at) ?? at };
  }
  const quietEnd = quietHoursEnd(quiet, timeZone, now);
  return quietEnd ? { status: 'held', at: quietEnd } : { status: 'pending', at: now };
}
