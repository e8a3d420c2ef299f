import { ACCOUNT_MAIL_KINDS } from '@proxy/core';
import { z } from 'zod';
import { deadLetterOf, defineJob } from '../contract';

const ACCOUNT_MAIL = 'account.mail';

/**
 * One mail about the account (confirm the address, "you already have an account", a reset link).
 * The worker makes the link's token when it sends, so the token never rests in the queue: only
 * its hash is stored, in account_tokens.
 */
export const accountMail = defineJob({
  name: ACCOUNT_MAIL,
  payload: z.object({ userId: z.uuid(), kind: z.enum(ACCOUNT_MAIL_KINDS) }),
  queue: {
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60,
    deadLetter: deadLetterOf(ACCOUNT_MAIL),
  },
});
