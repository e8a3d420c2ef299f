import {
  changePasswordInput,
  registerInput,
  registerResultSchema,
  requestPasswordResetInput,
  resetPasswordInput,
  verifyEmailInput,
} from '@proxy/core';
import { z } from 'zod';
import { createRouter, publicProcedure, sessionProcedure } from '../trpc';
import {
  changePassword,
  register,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signOutEverywhere,
  verifyEmail,
} from './service';

const emailOnly = z.object({ email: z.string() });

export const authRouter = createRouter({
  /** What the sign-up and sign-in pages may offer on this server. */
  options: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/auth/options',
        protect: false,
        tags: ['auth'],
        summary: 'What account features this server offers',
        description:
          'emailEnabled: links are mailed (address confirmation, password reset) and registration answers the same for new and taken addresses.',
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ emailEnabled: z.boolean() }))
    .query(({ ctx }) => ({ emailEnabled: Boolean(ctx.mailer) })),

  register: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/register',
        protect: false,
        tags: ['auth'],
        summary: 'Create an account',
        description:
          'Without email on the server: answers the account ("created"), or 409 when the address is taken. With email: always answers "check-email"; a new address is mailed a link to confirm it, a taken one a note with sign-in and reset links. Sign in through the web app to get a session. Limited per address and overall (429 with Retry-After).',
      },
      created: { location: '/me' },
    })
    .input(registerInput)
    .output(registerResultSchema)
    .mutation(({ ctx, input }) => register(ctx, input, ctx.clientIp)),

  requestPasswordReset: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/password-reset',
        protect: false,
        tags: ['auth'],
        summary: 'Mail a password-reset link',
        description:
          'Answers the same whether or not the address has an account; an account is mailed a link that works once, for an hour. 412 when the server has no email.',
      },
    })
    .input(requestPasswordResetInput)
    .output(emailOnly)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx, input, ctx.clientIp)),

  resetPassword: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/password-reset/complete',
        protect: false,
        tags: ['auth'],
        summary: 'Set a new password with a mailed link',
        description:
          'The token from the link works once; every session of the account ends. 400 when it is expired or used.',
      },
    })
    .input(resetPasswordInput)
    .output(emailOnly)
    .mutation(({ ctx, input }) => resetPassword(ctx, input)),

  verifyEmail: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/verify-email',
        protect: false,
        tags: ['auth'],
        summary: 'Confirm an email address with a mailed link',
      },
    })
    .input(verifyEmailInput)
    .output(emailOnly)
    .mutation(({ ctx, input }) => verifyEmail(ctx, input)),

  resendVerification: sessionProcedure
    .output(z.object({ email: z.string(), alreadyVerified: z.boolean() }))
    .mutation(({ ctx }) => resendVerification(ctx, ctx.userId)),

  signOutEverywhere: sessionProcedure.mutation(async ({ ctx }) => {
    await signOutEverywhere(ctx, ctx.userId);
    return { ok: true as const };
  }),

  changePassword: sessionProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx, ctx.userId, input);
    return { ok: true as const };
  }),
});
