import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import {
  createdEndpointView,
  createEndpointInput,
  deliveriesInput,
  deliveryDetailView,
  deliveryIdInput,
  deliveryPageView,
  endpointIdInput,
  endpointView,
  eventTypesView,
  pollingInput,
  pollingItem,
  restHookInput,
  restHookView,
  updateEndpointInput,
} from './schema';
import {
  createEndpoint,
  deleteEndpoint,
  getDelivery,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  pollTrigger,
  replayDelivery,
  rotateSecret,
  sendTest,
  subscribeRestHook,
  unsubscribeRestHook,
  updateEndpoint,
  webhookEventTypes,
} from './service';

const tags = ['webhooks'];

const SIGNING = [
  'Every message is signed by the Standard Webhooks specification: headers `webhook-id` (the same on every retry and replay), `webhook-timestamp` (seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the endpoint secret without its `whsec_` prefix, base64-decoded); verify with the `standardwebhooks` library.',
  'The body is `{ type, version, id, timestamp, data }`; `version` is the shape of `data` for that type.',
  'A 2xx answer is success. Anything else is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (with jitter, or later if you send `Retry-After`); a 410 turns the endpoint off at once, and five days of failures turn it off; you are told either way.',
].join(' ');

/** Outgoing webhooks: endpoints, their secrets, the delivery log and replays. */
export const webhooksRouter = createRouter({
  list: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/webhooks', tags, summary: 'Your webhook endpoints' },
    })
    .input(z.object({}).optional())
    .output(z.array(endpointView))
    .query(({ ctx }) => listEndpoints(ctx, ctx.userId)),

  eventTypes: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/webhooks/event-types',
        tags,
        summary: 'The event types an endpoint can subscribe to, and the patterns (`task.*`, `*`)',
      },
    })
    .input(z.object({}).optional())
    .output(eventTypesView)
    .query(() => webhookEventTypes()),

  create: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhooks',
        tags,
        summary: 'Add an endpoint: its secret is in the answer, this once',
        description: `The URL must be http(s) and reach a public address (checked now, and again at every delivery). ${SIGNING}`,
      },
      created: { location: '/webhooks/{endpoint.id}' },
    })
    .input(createEndpointInput)
    .output(createdEndpointView)
    .mutation(({ ctx, input }) => createEndpoint(ctx, ctx.userId, input)),

  get: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/webhooks/{id}', tags, summary: 'One endpoint' } })
    .input(endpointIdInput)
    .output(endpointView)
    .query(({ ctx, input }) => getEndpoint(ctx, ctx.userId, input.id)),

  update: protectedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/webhooks/{id}',
        tags,
        summary: 'Change an endpoint, or turn it off and on (`enabled`)',
      },
    })
    .input(updateEndpointInput)
    .output(endpointView)
    .mutation(({ ctx, input }) => updateEndpoint(ctx, ctx.userId, input)),

  delete: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/webhooks/{id}',
        tags,
        summary: 'Remove an endpoint and its log',
      },
    })
    .input(endpointIdInput)
    .output(z.object({ id: z.uuid(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteEndpoint(ctx, ctx.userId, input.id)),

  rotateSecret: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhooks/{id}/rotate-secret',
        tags,
        summary: 'A new secret (shown once); the old one also signs for 24 hours',
      },
    })
    .input(endpointIdInput)
    .output(z.object({ secret: z.string(), previousSecretValidUntil: z.date() }))
    .mutation(({ ctx, input }) => rotateSecret(ctx, ctx.userId, input.id)),

  test: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhooks/{id}/test',
        tags,
        summary: 'Send a `webhook.test` message to the endpoint now',
      },
    })
    .input(endpointIdInput)
    .output(z.object({ deliveryId: z.uuid(), messageId: z.string() }))
    .mutation(({ ctx, input }) => sendTest(ctx, ctx.userId, input.id)),

  deliveries: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/webhooks/{id}/deliveries',
        tags,
        summary: 'The delivery log, newest first (filter by `status`, page with `cursor`)',
      },
    })
    .input(deliveriesInput)
    .output(deliveryPageView)
    .query(({ ctx, input }) => listDeliveries(ctx, ctx.userId, input)),

  delivery: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/webhooks/deliveries/{deliveryId}',
        tags,
        summary: 'One delivery: its body and every attempt (status, latency, the answer)',
      },
    })
    .input(deliveryIdInput)
    .output(deliveryDetailView)
    .query(({ ctx, input }) => getDelivery(ctx, ctx.userId, input.deliveryId)),

  replay: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhooks/deliveries/{deliveryId}/replay',
        tags,
        summary: 'Send a delivery again, with the same `webhook-id` and body',
      },
    })
    .input(deliveryIdInput)
    .output(z.object({ deliveryId: z.uuid(), messageId: z.string(), queued: z.literal(true) }))
    .mutation(({ ctx, input }) => replayDelivery(ctx, ctx.userId, input.deliveryId)),
});

const hookTags = ['integrations'];

/** Zapier and IFTTT style: REST hooks to subscribe and unsubscribe, and polling triggers. */
export const hooksRouter = createRouter({
  subscribe: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/hooks',
        tags: hookTags,
        summary: 'Subscribe a REST hook: `target_url` and one `event` (a type or `task.*`)',
        description: `Zapier's REST hooks. Messages are the same as webhooks' and signed the same way (the secret is in the answer). A 410 from the target unsubscribes it. ${SIGNING}`,
      },
      created: { location: '/webhooks/{id}' },
    })
    .input(restHookInput)
    .output(restHookView)
    .mutation(({ ctx, input }) => subscribeRestHook(ctx, ctx.userId, input)),

  unsubscribe: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/hooks/{id}',
        tags: hookTags,
        summary: 'Unsubscribe a REST hook',
      },
    })
    .input(endpointIdInput)
    .output(z.object({ id: z.uuid(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => unsubscribeRestHook(ctx, ctx.userId, input.id)),

  poll: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/triggers/{trigger}',
        tags: hookTags,
        summary:
          'Polling trigger: recent items newest first, with stable ids (task-created, task-completed, focus-completed, monitor-triggered)',
      },
    })
    .input(pollingInput)
    .output(z.array(pollingItem))
    .query(({ ctx, input }) => pollTrigger(ctx, ctx.userId, input)),
});
