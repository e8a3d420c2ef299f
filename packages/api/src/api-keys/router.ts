import { apiKeySchema, createApiKeyInput } from '@proxy/core';
import { z } from 'zod';
import { createRouter, sessionProcedure } from '../trpc';
import { createApiKey, listApiKeys, revokeApiKey } from './service';

/** Key management is for the person at the keyboard: an API key cannot mint or revoke keys. */
export const apiKeysRouter = createRouter({
  list: sessionProcedure
    .output(z.array(apiKeySchema))
    .query(({ ctx }) => listApiKeys(ctx, ctx.userId)),
  create: sessionProcedure
    .input(createApiKeyInput)
    .output(apiKeySchema.extend({ secret: z.string() }))
    .mutation(({ ctx, input }) => createApiKey(ctx, ctx.userId, input)),
  revoke: sessionProcedure
    .input(z.object({ id: z.uuid({ error: 'Must be an API key id' }) }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx, ctx.userId, input.id);
      return { ok: true as const };
    }),
});
