import { DomainError, type DomainErrorCode, scopesAllow } from '@proxy/core';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { z } from 'zod';
import { isAdmin } from './admin/service';
import { authenticateApiKey } from './api-keys/service';
import type { Caller, Context } from './context';

const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPCError['code']> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

const ISSUES_IN_MESSAGE = 3;

/** zod's issues as a sentence a person can act on: "title: Too long; dueAt: Not a date". */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  const more = error.issues.length - ISSUES_IN_MESSAGE;
  return `${parts.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}

/**
 * The one place errors become responses. Bad input carries per-field messages (zod's flattened
 * issues, or a domain error's own), and an unexpected error never shows its internals.
 */
/**
 * A procedure's meta: its REST route, and for a REST create, where the new thing lives. `created`
 * is a path template filled from the output's fields (then the request path's parameters); the
 * transport answers 201 with that `Location`, and the OpenAPI document says so.
 */
export type ProcedureMeta = OpenApiMeta & { created?: { location: string } };

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      let fieldErrors: Record<string, string[] | undefined> | undefined;
      let formErrors: string[] | undefined;
      if (cause instanceof z.ZodError) {
        const flat = z.flattenError(cause);
        fieldErrors = flat.fieldErrors;
        formErrors = flat.formErrors;
      } else if (cause instanceof DomainError) {
        fieldErrors = cause.fieldErrors;
      }
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      // tRPC's own message for bad input is zod's issues as JSON; say it in words instead.
      const message = internal
        ? 'Something went wrong on our side. Please try again.'
        : cause instanceof z.ZodError
          ? describeIssues(cause)
          : shape.message;
      return {
        ...shape,
        message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors,
          formErrors,
          retryAfterSeconds: cause instanceof DomainError ? cause.retryAfterSeconds : undefined,
        },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/** Turns domain errors thrown by services into tRPC errors with the matching code. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: DOMAIN_TO_TRPC[cause.code], message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(domainErrors);

/**
 * One resolution per request: a tRPC batch runs every procedure on the same context, and the
 * session check (Auth.js + a session-version query) or key lookup need not repeat for each.
 */
const callersByRequest = new WeakMap<Context, Promise<Caller | null>>();

function callerOf(ctx: Context): Promise<Caller | null> {
  let caller = callersByRequest.get(ctx);
  if (!caller) {
    caller = resolveCaller(ctx);
    callersByRequest.set(ctx, caller);
  }
  return caller;
}

async function resolveCaller(ctx: Context): Promise<Caller | null> {
  if (ctx.authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.authorization);
    if (!match?.[1]) {
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'Authorization must be "Bearer <api key>"',
      });
    }
    const key = await authenticateApiKey(ctx, match[1]);
    if (!key) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'The API key is not valid' });
    return { userId: key.userId, via: 'apiKey', keyId: key.id, scopes: key.scopes };
  }
  const userId = await ctx.getSessionUserId();
  return userId ? { userId, via: 'session' } : null;
}

/**
 * A signed-in person or an API key. An API key's scopes decide what it may do: queries need
 * `read` (or `write`), mutations need `write`.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const caller = await callerOf(ctx);
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send an API key' });
  if (caller.via === 'apiKey') {
    const access = type === 'query' ? 'read' : 'write';
    if (!scopesAllow(caller.scopes, access)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `This API key lacks the "${access}" scope`,
      });
    }
  }
  return next({ ctx: { ...ctx, caller, userId: caller.userId } });
});

/**
 * Figures across every account (queue counts, operations) are for the installation's
 * administrators only: ADMIN_EMAILS, or an embedded install's first account. Their API keys
 * follow the usual scope rules.
 */
export const adminProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  if (!(await isAdmin(ctx, ctx.userId))) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Only an administrator of this installation can see this (see ADMIN_EMAILS)',
    });
  }
  return next();
});

/** Account management (passwords, keys, deletion) needs the person, not a key. */
export const sessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const caller = await callerOf(ctx);
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  if (caller.via !== 'session') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'This action needs a signed-in session, not an API key',
    });
  }
  return next({ ctx: { ...ctx, caller, userId: caller.userId } });
});

/** An API key holding the `agent` scope: the door for registered agents. */
export const agentProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const caller = await callerOf(ctx);
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Send an API key' });
  if (caller.via !== 'apiKey' || !caller.scopes.includes('agent')) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'This needs an API key with the "agent" scope',
    });
  }
  return next({ ctx: { ...ctx, caller, userId: caller.userId } });
});

/**
 * Any authenticated caller, with no scope check here: for the few procedures where a person and
 * an agent both may call and the service decides what each sees (an agent only its own work).
 */
export const callerProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const caller = await callerOf(ctx);
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send an API key' });
  return next({ ctx: { ...ctx, caller, userId: caller.userId } });
});
