import { dispatchEvent, undispatchedEvents } from '../events/dispatch';
import { allSubscribers } from '../events/subscribers';
import { eventDispatch, eventSweep } from './definitions';
import { handleJob } from './handler';

/** Hands one event to its subscribers (see dispatchEvent). */
export const eventDispatchHandler = handleJob(eventDispatch, {
  work: { batchSize: 50, pollingIntervalSeconds: 0.5, localConcurrency: 2 },
  handle: (deps, { eventId }) => dispatchEvent(deps, eventId, allSubscribers),
});

/** The safety net: events whose dispatch job was lost or dead-lettered go out again. */
export const eventSweepHandler = handleJob(eventSweep, {
  async handle(deps) {
    const ids = await undispatchedEvents(deps);
    for (const eventId of ids) await deps.jobs.send(eventDispatch, { eventId });
    return { requeued: ids.length };
  },
});
