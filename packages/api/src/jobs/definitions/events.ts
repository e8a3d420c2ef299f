import { z } from 'zod';
import { deadLetterOf, defineJob } from '../contract';

const EVENT_DISPATCH = 'event.dispatch';

/**
 * Hands one event to every subscriber. Each subscriber's handling is idempotent per (event,
 * subscriber), so a retried or doubled dispatch repeats nothing; a failing subscriber is retried
 * without holding the others back.
 */
export const eventDispatch = defineJob({
  name: EVENT_DISPATCH,
  payload: z.object({ eventId: z.uuid() }),
  queue: {
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 20,
    deadLetter: deadLetterOf(EVENT_DISPATCH),
  },
  heartbeatSeconds: 5,
});

/** Every minute: events not fully dispatched a minute after they happened go out again. */
export const eventSweep = defineJob({
  name: 'event.sweep',
  cron: '* * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
});
