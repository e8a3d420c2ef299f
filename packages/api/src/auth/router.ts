import { changePasswordInput, registerInput } from '@proxy/core';
import { z } from 'zod';
import { createRouter, publicProcedure, sessionProcedure } from '../trpc';
import { changePassword, register, signOutEverywhere } from './service';

export const authRouter = createRouter({
  register: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/register',
        protect: false,
        tags: ['auth'],
        summary: 'Create an account',
        description: 'Creates an account; sign in through the web app to get a session.',
      },
      created: { location: '/me' },
    })
    .input(registerInput)
    .output(z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }))
    .mutation(({ ctx, input }) => register(ctx, input)),

  signOutEverywhere: sessionProcedure.mutation(async ({ ctx }) => {
    await signOutEverywhere(ctx, ctx.userId);
    return { ok: true as const };
  }),

  changePassword: sessionProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx, ctx.userId, input);
    return { ok: true as const };
  }),
});
