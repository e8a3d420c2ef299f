import { DomainError } from '@proxy/core';
import type { Database } from '@proxy/db';
import { rateLimits } from '@proxy/db/schema';
import { RateLimiterDrizzle, type RateLimiterRes } from 'rate-limiter-flexible';

export interface SignInLimits {
  /** Failed attempts allowed per account (email) in the window. */
  perAccount: number;
  /** Failed attempts allowed per client address in the window. */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: 5,
  perAddress: 30,
  windowSeconds: 15 * 60,
};

/**
 * Brute-force protection for sign-in, stored in PostgreSQL so every web replica shares the
 * counters. Only failures are counted; a success clears the account's counter.
 */
export interface SignInLimiter {
  /** Throws TOO_MANY_REQUESTS when either counter is spent. */
  assertAllowed(email: string, address: string): Promise<void>;
  recordFailure(email: string, address: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

export function createSignInLimiter(
  db: Database,
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): SignInLimiter {
  const common = {
    storeClient: db,
    schema: rateLimits,
    duration: limits.windowSeconds,
    // The worker's housekeeping job purges expired rows; no timers inside web processes.
    clearExpiredByTimeout: false,
  };
  const byAccount = new RateLimiterDrizzle({
    ...common,
    keyPrefix: 'signin:account',
    points: limits.perAccount,
  });
  const byAddress = new RateLimiterDrizzle({
    ...common,
    keyPrefix: 'signin:address',
    points: limits.perAddress,
  });

  const refuse = (res: RateLimiterRes) => {
    const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    const minutes = Math.ceil(seconds / 60);
    return new DomainError(
      'TOO_MANY_REQUESTS',
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retryAfterSeconds: seconds },
    );
  };

  return {
    async assertAllowed(email, address) {
      const [account, client] = await Promise.all([byAccount.get(email), byAddress.get(address)]);
      if (account && account.consumedPoints >= limits.perAccount) throw refuse(account);
      if (client && client.consumedPoints >= limits.perAddress) throw refuse(client);
    },
    async recordFailure(email, address) {
      // penalty() counts without throwing when the limit is passed.
      await Promise.all([byAccount.penalty(email), byAddress.penalty(address)]);
    },
    async recordSuccess(email) {
      await byAccount.delete(email);
    },
  };
}
