import { z } from 'zod';

/**
 * Every kind of thing Proxy tells a person, declared once (features to come included, so their
 * notifications need no new enum value): the database enum, the API and the settings page are
 * built from this list.
 */
export const NOTIFICATION_KINDS = [
  'monitor_triggered',
  'monitor_errors',
  'monitor_flapping',
  'monitor_recovered',
  'task_due_soon',
  'task_overdue',
  'assignment_needs_review',
  'assignment_completed',
  'assignment_failed',
  'break_reminder',
  'break_over',
  'level_up',
  'creature_evolved',
  'achievement_unlocked',
  'webhook_disabled',
  'import_finished',
  /** A person asked for a test on one channel. */
  'test',
  /** Several low-priority notifications sent as one message (not listed in the inbox). */
  'digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);

/** `urgent` is time-bound (a break reminder): it goes out through quiet hours and never waits for a digest. */
export const NOTIFICATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];
export const notificationPrioritySchema = z.enum(NOTIFICATION_PRIORITIES);

export const DELIVERY_CHANNELS = ['in_app', 'email', 'push', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const deliveryChannelSchema = z.enum(DELIVERY_CHANNELS);

/** Channels that leave the app: each has a preference per kind. The inbox records everything. */
export const EXTERNAL_CHANNELS = ['email', 'push', 'webhook'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];
export const externalChannelSchema = z.enum(EXTERNAL_CHANNELS);

/**
 * A delivery's life: pending (due now), held (quiet hours: due when they end), digest (waits for
 * the next digest message), then sent, failed (will be retried) or dead (given up).
 */
export const DELIVERY_STATUSES = ['pending', 'held', 'digest', 'sent', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);

/** Per kind and channel: not at all, as it happens, or gathered into a digest. */
export const CHANNEL_MODES = ['off', 'instant', 'digest'] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];
export const channelModeSchema = z.enum(CHANNEL_MODES);

export interface KindInfo {
  label: string;
  description: string;
  priority: NotificationPriority;
  /** What a person gets before they change anything. Webhooks are opt-in everywhere. */
  defaults: Record<ExternalChannel, ChannelMode>;
  /** Shown in the settings table (the internal kinds are not). */
  configurable: boolean;
}

const modes = (email: ChannelMode, push: ChannelMode): Record<ExternalChannel, ChannelMode> => ({
  email,
  push,
  webhook: 'off',
});

/**
 * The defaults are chosen to be quiet: instant only for what needs the person now (a monitor
 * caught something, a review waits, an agent failed, a break); the rest gathers into a digest or
 * stays in the inbox.
 */
export const NOTIFICATION_KIND_INFO: Record<NotificationKind, KindInfo> = {
  monitor_triggered: {
    label: 'A monitor caught something',
    description: 'The condition you asked a monitor to watch for happened.',
    priority: 'high',
    defaults: modes('instant', 'instant'),
    configurable: true,
  },
  monitor_errors: {
    label: 'A monitor keeps failing',
    description: 'Several checks in a row could not read the source.',
    priority: 'normal',
    defaults: modes('instant', 'off'),
    configurable: true,
  },
  monitor_flapping: {
    label: 'A monitor is flapping',
    description: 'The condition keeps switching; alerts pause until it settles.',
    priority: 'low',
    defaults: modes('digest', 'off'),
    configurable: true,
  },
  monitor_recovered: {
    label: 'A monitor works again',
    description: 'A monitor that was failing can read its source again.',
    priority: 'low',
    defaults: modes('digest', 'off'),
    configurable: true,
  },
  task_due_soon: {
    label: 'A task is due soon',
    description: 'A task with a due time is coming up within the next hour.',
    priority: 'normal',
    defaults: modes('off', 'instant'),
    configurable: true,
  },
  task_overdue: {
    label: 'A task is past its due time',
    description: 'A gentle note, once per task and due time. No pressure.',
    priority: 'low',
    defaults: modes('digest', 'off'),
    configurable: true,
  },
  assignment_needs_review: {
    label: "An agent's work needs your review",
    description: 'Work you did together with an agent is ready for you to approve or send back.',
    priority: 'normal',
    defaults: modes('instant', 'instant'),
    configurable: true,
  },
  assignment_completed: {
    label: 'An agent finished a task',
    description: 'Work you delegated is done.',
    priority: 'low',
    defaults: modes('digest', 'off'),
    configurable: true,
  },
  assignment_failed: {
    label: 'An agent could not finish',
    description: 'Work you delegated failed; it may be routed to another agent.',
    priority: 'normal',
    defaults: modes('instant', 'instant'),
    configurable: true,
  },
  break_reminder: {
    label: 'Time for a break',
    description: 'A focus block ended (or you have been going for a long time).',
    priority: 'urgent',
    defaults: modes('off', 'instant'),
    configurable: true,
  },
  break_over: {
    label: 'Break is over',
    description: 'Your break ended; back to it when you are ready.',
    priority: 'urgent',
    defaults: modes('off', 'instant'),
    configurable: true,
  },
  level_up: {
    label: 'Your creature levelled up',
    description: 'Enough XP for the next level.',
    priority: 'low',
    defaults: modes('off', 'off'),
    configurable: true,
  },
  creature_evolved: {
    label: 'Your creature evolved',
    description: 'Your creature reached a new stage.',
    priority: 'low',
    defaults: modes('off', 'instant'),
    configurable: true,
  },
  achievement_unlocked: {
    label: 'Achievement unlocked',
    description: 'You earned a new achievement tier.',
    priority: 'low',
    defaults: modes('off', 'instant'),
    configurable: true,
  },
  webhook_disabled: {
    label: 'A webhook was turned off',
    description: 'An endpoint kept failing, or answered 410 Gone.',
    priority: 'normal',
    defaults: modes('instant', 'off'),
    configurable: true,
  },
  import_finished: {
    label: 'An import finished',
    description: 'A large import from another app is done (or stopped).',
    priority: 'low',
    defaults: modes('off', 'instant'),
    configurable: true,
  },
  test: {
    label: 'Test',
    description: 'A test you asked for.',
    priority: 'urgent',
    defaults: modes('instant', 'instant'),
    configurable: false,
  },
  digest: {
    label: 'Digest',
    description: 'Several notifications in one message.',
    priority: 'normal',
    defaults: modes('instant', 'instant'),
    configurable: false,
  },
};

export const CONFIGURABLE_KINDS = NOTIFICATION_KINDS.filter(
  (k) => NOTIFICATION_KIND_INFO[k].configurable,
);
