import { DomainError } from '@proxy/core';
import type { Database } from '@proxy/db';
import { rateLimits } from '@proxy/db/schema';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * rate-limiter-flexible's login-protection pattern: consecutive failures by (account, address)
 * block that pair only, so a stranger guessing cannot lock the owner out from the owner's own
 * address; a much higher daily limit per account, and one per address across accounts, catch
 * guessing spread over many addresses or many accounts.
 */
export interface SignInLimits {
  /** Consecutive failures one address may make on one account before that pair is blocked. */
  consecutivePerAccountAddress: number;
  /** How long a blocked (account, address) pair waits. */
  pairBlockSeconds: number;
  /** Failures on one account from all addresses in a day. */
  perAccountPerDay: number;
  /** Failures from one address across all accounts in a day. */
  perAddressPerDay: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  consecutivePerAccountAddress: 5,
  pairBlockSeconds: 15 * 60,
  perAccountPerDay: 100,
  perAddressPerDay: 100,
};

const DAY_SECONDS = 24 * 60 * 60;

/** One sign-in attempt, counted as a failure from the moment it was allowed. */
export interface SignInAttempt {
  /** The password was right: the pair's failures are forgotten, the daily counts given back. */
  succeeded(): Promise<void>;
}

/**
 * Brute-force protection for sign-in, stored in PostgreSQL so every web replica shares the
 * counters. An attempt is counted before the password is checked, in one atomic increment per
 * counter: parallel guesses cannot get more tries than the limit, since each one's increment
 * is what decides whether it may go on.
 */
export interface SignInLimiter {
  /** Counts the attempt; throws TOO_MANY_REQUESTS when any counter is spent. */
  begin(email: string, address: string): Promise<SignInAttempt>;
}

export function createSignInLimiter(
  db: Database,
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): SignInLimiter {
  const common = {
    storeClient: db,
    schema: rateLimits,
    // The worker's housekeeping job purges expired rows; no timers inside web processes.
    clearExpiredByTimeout: false,
  };
  const byPair = new RateLimiterDrizzle({
    ...common,
    keyPrefix: 'signin:pair',
    points: limits.consecutivePerAccountAddress,
    duration: DAY_SECONDS,
    blockDuration: limits.pairBlockSeconds,
  });
  const byAccount = new RateLimiterDrizzle({
    ...common,
    keyPrefix: 'signin:account-day',
    points: limits.perAccountPerDay,
    duration: DAY_SECONDS,
  });
  const byAddress = new RateLimiterDrizzle({
    ...common,
    keyPrefix: 'signin:address-day',
    points: limits.perAddressPerDay,
    duration: DAY_SECONDS,
  });

  const refuse = (res: RateLimiterRes) => {
    const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    const minutes = Math.ceil(seconds / 60);
    const wait =
      minutes >= 120
        ? `${Math.ceil(minutes / 60)} hours`
        : `${minutes} minute${minutes === 1 ? '' : 's'}`;
    return new DomainError(
      'TOO_MANY_REQUESTS',
      `Too many sign-in attempts. Try again in ${wait}.`,
      {
        retryAfterSeconds: seconds,
      },
    );
  };
  const consume = async (limiter: RateLimiterDrizzle, key: string) => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw refuse(error);
      throw error;
    }
  };

  return {
    async begin(email, address) {
      const pair = `${email}|${address}`;
      await consume(byPair, pair);
      await consume(byAddress, address);
      await consume(byAccount, email);
      return {
        async succeeded() {
          await Promise.all([
            byPair.delete(pair),
            byAccount.reward(email),
            byAddress.reward(address),
          ]);
        },
      };
    },
  };
}
