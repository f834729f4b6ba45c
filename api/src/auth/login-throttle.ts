// Failed logins are counted per username and per client address; past the limit, login answers
// RATE_LIMITED without checking the password. Counters live in Redis when configured, so every
// instance behind a load balancer shares them.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../domain/errors.ts';

export type LoginThrottleLimits = {
  perUsername: number;
  perAddress: number;
  windowSeconds: number;
};

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = { perUsername: 5, perAddress: 30, windowSeconds: 15 * 60 };

export type LoginThrottle = {
  /** Throws RATE_LIMITED when either counter is already over its limit. */
  check(username: string, address: string): Promise<void>;
  recordFailure(username: string, address: string): Promise<void>;
  recordSuccess(username: string): Promise<void>;
};

export function createLoginThrottle(limits: LoginThrottleLimits, redis?: Redis): LoginThrottle {
  const make = (keyPrefix: string, points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: limits.windowSeconds })
      : new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds });
  const byUsername = make('login-fail-user', limits.perUsername);
  const byAddress = make('login-fail-addr', limits.perAddress);
  const usernameKey = (username: string) => username.trim().toLowerCase();

  async function overLimit(limiter: RateLimiterAbstract, key: string, points: number): Promise<number | null> {
    const state = await limiter.get(key);
    if (state && state.consumedPoints >= points) return Math.ceil(state.msBeforeNext / 1000);
    return null;
  }

  return {
    async check(username, address) {
      const wait =
        (await overLimit(byUsername, usernameKey(username), limits.perUsername)) ??
        (await overLimit(byAddress, address, limits.perAddress));
      if (wait !== null) throw new RateLimitedError(wait);
    },
    async recordFailure(username, address) {
      // consume() rejects with a RateLimiterRes once over the limit; the next check() reports it.
      const swallowLimit = (error: unknown) => {
        if (!(error instanceof RateLimiterRes)) throw error;
      };
      await Promise.all([
        byUsername.consume(usernameKey(username)).catch(swallowLimit),
        byAddress.consume(address).catch(swallowLimit),
      ]);
    },
    async recordSuccess(username) {
      await byUsername.delete(usernameKey(username));
    },
  };
}
