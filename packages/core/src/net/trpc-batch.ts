/**
 * At most this many tRPC calls in one batched request: a larger batch is a 400. The web app's and
 * the client package's batch links split at the same size, so they never send one.
 */
export const TRPC_MAX_BATCH_SIZE = 20;
