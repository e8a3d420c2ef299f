import { delegationSubscriber } from '../delegation/subscriber';
import { notificationsSubscriber } from '../notifications/subscriber';
import { webhooksSubscriber } from '../webhooks/subscriber';
import { xpSubscriber } from '../xp/subscriber';
import type { EventSubscriber } from './subscriber';

/** Everything that listens to domain events; each is dispatched every event of its types. */
export const allSubscribers: readonly EventSubscriber[] = [
  notificationsSubscriber,
  delegationSubscriber,
  xpSubscriber,
  webhooksSubscriber,
];
