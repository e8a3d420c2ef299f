import { deleteAccountInput, profileSchema, updateProfileInput } from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure, sessionProcedure } from '../trpc';
import { deleteAccount, getProfile, updateProfile } from './service';

export const profileRouter = createRouter({
  get: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/me', tags: ['profile'], summary: 'Your profile' } })
    .input(z.object({}).optional())
    .output(profileSchema)
    .query(({ ctx }) => getProfile(ctx, ctx.userId)),

  update: protectedProcedure
    .meta({
      openapi: { method: 'PATCH', path: '/me', tags: ['profile'], summary: 'Update your profile' },
    })
    .input(updateProfileInput)
    .output(profileSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx, ctx.userId, input)),

  delete: sessionProcedure.input(deleteAccountInput).mutation(async ({ ctx, input }) => {
    await deleteAccount(ctx, ctx.userId, input);
    return { ok: true as const };
  }),
});
