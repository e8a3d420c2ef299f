import { DomainError } from '@proxy/core';
import type { Database } from '@proxy/db';
import { rateLimits } from '@proxy/db/schema';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits on the public account endpoints that cost the server (an argon2 hash, a mail): per
 * address so one client cannot mint accounts or flood an inbox, and overall so many addresses
 * together cannot either. Counted before any expensive step, in one atomic increment each.
 */
export interface AccountLimits {
  /** Registrations one address may make in an hour. */
  registrationsPerAddressPerHour: number;
  /** Registrations from everyone together in an hour. */
  registrationsPerHour: number;
  /** Password-reset requests one address may make in an hour. */
  resetRequestsPerAddressPerHour: number;
  /**
   * Mails about the account (reset links, "you already have an account", confirm-address links
   * sent again) one address may be sent in an hour; past it the requests are answered as
   * always, only not mailed, so no inbox can be flooded through these forms.
   */
  accountMailsPerAddressPerHour: number;
}

export const DEFAULT_ACCOUNT_LIMITS: AccountLimits = {
  registrationsPerAddressPerHour: 5,
  registrationsPerHour: 200,
  resetRequestsPerAddressPerHour: 5,
  accountMailsPerAddressPerHour: 3,
};

const HOUR_SECONDS = 60 * 60;

export interface AccountLimiter {
  /** Counts a registration; throws TOO_MANY_REQUESTS when the address or everyone is over. */
  registration(address: string): Promise<void>;
  /** Counts a reset request from an address; throws TOO_MANY_REQUESTS when it is over. */
  resetRequest(address: string): Promise<void>;
  /**
   * Whether one more account mail may go to this email address this hour. Never throws: the
   * answer to the requester must not differ by whether the account exists or was mailed already.
   */
  accountMailAllowed(email: string): Promise<boolean>;
}

/** Reads the limits an operator may set (a family or office behind one address may need more). */
export function accountLimitsFromEnv(env: Record<string, string | undefined>): AccountLimits {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${name} must be a whole number of at least 1 (got "${raw}")`);
    }
    return value;
  };
  return {
    ...DEFAULT_ACCOUNT_LIMITS,
    registrationsPerAddressPerHour: read(
      'REGISTRATIONS_PER_ADDRESS_PER_HOUR',
      DEFAULT_ACCOUNT_LIMITS.registrationsPerAddressPerHour,
    ),
    registrationsPerHour: read(
      'REGISTRATIONS_PER_HOUR',
      DEFAULT_ACCOUNT_LIMITS.registrationsPerHour,
    ),
  };
}

function waitText(res: RateLimiterRes) {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const minutes = Math.ceil(seconds / 60);
  return { seconds, text: `${minutes} minute${minutes === 1 ? '' : 's'}` };
}

export function createAccountLimiter(
  db: Database,
  limits: AccountLimits = DEFAULT_ACCOUNT_LIMITS,
): AccountLimiter {
  const make = (keyPrefix: string, points: number) =>
    new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      // The worker's housekeeping job purges expired rows; no timers inside web processes.
      clearExpiredByTimeout: false,
      keyPrefix,
      points,
      duration: HOUR_SECONDS,
    });
  const registrationsByAddress = make(
    'register:address-hour',
    limits.registrationsPerAddressPerHour,
  );
  const registrationsOverall = make('register:all-hour', limits.registrationsPerHour);
  const resetsByAddress = make('reset:address-hour', limits.resetRequestsPerAddressPerHour);
  const mailsByEmail = make('account-mail:email-hour', limits.accountMailsPerAddressPerHour);

  const consume = async (limiter: RateLimiterDrizzle, key: string, what: string) => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const wait = waitText(error);
      throw new DomainError('TOO_MANY_REQUESTS', `${what} Try again in ${wait.text}.`, {
        retryAfterSeconds: wait.seconds,
      });
    }
  };

  return {
    async registration(address) {
      await consume(
        registrationsByAddress,
        address,
        'Too many accounts were created from your address.',
      );
      await consume(registrationsOverall, 'all', 'Too many accounts are being created right now.');
    },
    async resetRequest(address) {
      await consume(resetsByAddress, address, 'Too many password resets were asked for.');
    },
    async accountMailAllowed(email) {
      try {
        await mailsByEmail.consume(email);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
  };
}
