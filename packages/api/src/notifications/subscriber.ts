import { celebrationsFor, type EventData, progressionChange, type StoredEvent } from '@proxy/core';
import type { EventSubscriber } from '../events/subscriber';
import { type NotifyInput, notify } from './notify';

type Message = Omit<NotifyInput, 'userId' | 'dedupeKey' | 'eventId'>;

function monitorMessage(
  kind: 'monitor_triggered' | 'monitor_errors' | 'monitor_flapping' | 'monitor_recovered',
  d: EventData<'monitor.triggered'>,
): Message {
  const base = {
    kind,
    link: `/monitors/${d.monitorId}`,
    subject: { type: 'monitor', id: d.monitorId },
    // The monitor's own email switch: without it, its notifications stay off email.
    ...(d.emailWanted ? {} : { channels: ['push', 'webhook'] as const }),
  };
  switch (kind) {
    case 'monitor_triggered': {
      const lines = [
        `The condition "${d.condition}" is met${d.value ? `: the value is ${d.value}` : ''}.`,
        `Why: ${d.reason}.`,
      ];
      if (d.newItems.length > 0) {
        lines.push('New items:');
        for (const item of d.newItems) {
          lines.push(`- ${item.title ?? item.link}${item.link ? ` (${item.link})` : ''}`);
        }
      }
      const first = d.newItems[0];
      const title = first
        ? `${d.monitorName}: new item "${(first.title ?? first.link ?? '').slice(0, 120)}"`
        : `${d.monitorName}: ${d.condition}${d.value ? ` (now ${d.value})` : ''}`;
      return { ...base, title, body: lines.join('\n') };
    }
    case 'monitor_errors':
      return {
        ...base,
        title: `${d.monitorName} keeps failing`,
        body: `The monitor could not be evaluated: ${d.reason}. You will hear once more when it works again.`,
      };
    case 'monitor_flapping':
      return {
        ...base,
        title: `${d.monitorName} is flapping`,
        body: `${d.reason}.${d.value ? ` The value is ${d.value}.` : ''}`,
      };
    case 'monitor_recovered':
      return {
        ...base,
        title: `${d.monitorName} works again`,
        body: `The monitor was evaluated successfully again${d.value ? `: the value is ${d.value}` : ''}. ${d.reason}.`,
      };
  }
}

function assignmentMessage(
  kind: 'assignment_needs_review' | 'assignment_completed' | 'assignment_failed',
  d: EventData<'assignment.completed'>,
): Message {
  const agent = d.agentId ?? 'An agent';
  const detail = d.detail ? `\n\n${d.detail}` : '';
  const base = {
    kind,
    link: kind === 'assignment_needs_review' ? '/agents#review' : '/agents',
    subject: { type: 'assignment', id: d.assignmentId },
  };
  switch (kind) {
    case 'assignment_needs_review':
      return {
        ...base,
        title: `Ready for your review: ${d.taskTitle}`,
        body: `${agent} finished its part of "${d.taskTitle}". Approve it or send it back with a note.${detail}`,
      };
    case 'assignment_completed':
      return {
        ...base,
        title: `Done: ${d.taskTitle}`,
        body: `${agent} finished "${d.taskTitle}" for you.${detail}`,
      };
    case 'assignment_failed':
      return {
        ...base,
        title: `Not finished: ${d.taskTitle}`,
        body: `${agent} could not finish "${d.taskTitle}". It goes back to the queue for another agent if one fits.${detail}`,
      };
  }
}

/**
 * Level-ups and evolutions, in core's celebration words. Before an egg is chosen a level is still
 * the person's own ("You reached level 3").
 */
function progressionMessage(
  kind: 'level_up' | 'creature_evolved',
  d: Omit<EventData<'creature.leveled_up'>, 'unlockedAbilities'>,
): Message | null {
  const base = { kind, link: '/creature', subject: null };
  if (kind === 'level_up' && d.creatureName === null) {
    return {
      ...base,
      title: `Level ${d.toLevel}`,
      body: `You reached level ${d.toLevel}. Choose an egg on the creature page: it grows with you.`,
    };
  }
  const change = progressionChange(d.fromTotalXp, d.toTotalXp);
  const celebration = celebrationsFor(change, d.creatureName ?? 'Your creature').find(
    (c) => c.kind === kind,
  );
  return celebration ? { ...base, title: celebration.title, body: celebration.body } : null;
}

/** What each event tells the person, if anything. */
export function messageFor(event: StoredEvent): Message | null {
  switch (event.type) {
    case 'monitor.triggered':
      return monitorMessage('monitor_triggered', event.data);
    case 'monitor.failing':
      return monitorMessage('monitor_errors', event.data);
    case 'monitor.flapping':
      return monitorMessage('monitor_flapping', event.data);
    case 'monitor.recovered':
      return monitorMessage('monitor_recovered', event.data);
    case 'assignment.needs_review':
      return assignmentMessage('assignment_needs_review', event.data);
    case 'assignment.completed':
      return assignmentMessage('assignment_completed', event.data);
    case 'assignment.failed':
      return assignmentMessage('assignment_failed', event.data);
    case 'creature.leveled_up':
      return progressionMessage('level_up', event.data);
    case 'creature.evolved':
      return progressionMessage('creature_evolved', event.data);
    case 'webhook.disabled':
      return {
        kind: 'webhook_disabled',
        link: '/settings/integrations',
        subject: { type: 'webhook_endpoint', id: event.data.endpointId },
        // Never told through the webhooks that just stopped working.
        channels: ['email', 'push'],
        title: event.data.removed ? 'A webhook was removed' : 'A webhook was turned off',
        body: event.data.removed
          ? `Proxy removed the hook to ${event.data.url}: ${event.data.reason}.`
          : `Proxy stopped sending to ${event.data.url}: ${event.data.reason}. Turn it back on in Settings, Integrations, once it is fixed; what it missed can be replayed from its log.`,
      };
    default:
      return null;
  }
}

/** Notifications listen to events and tell the person, through notify(). */
export const notificationsSubscriber: EventSubscriber = {
  name: 'notifications',
  on: [
    'monitor.triggered',
    'monitor.failing',
    'monitor.flapping',
    'monitor.recovered',
    'assignment.needs_review',
    'assignment.completed',
    'assignment.failed',
    'creature.leveled_up',
    'creature.evolved',
    'webhook.disabled',
  ],
  async handle(deps, tx, event) {
    const message = messageFor(event);
    if (!message) return;
    await notify(deps, tx, {
      ...message,
      userId: event.userId,
      eventId: event.id,
      dedupeKey: `event:${event.id}:${message.kind}`,
    });
  },
};
