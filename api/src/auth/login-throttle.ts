// Failed logins are counted three ways, as OWASP advises, so that throttling stops guessing without letting
// anyone lock a user out:
// - per (username, address): the fast limit. Guessing one account from one address stops after a few tries,
//   while the right password from any other address still works.
// - per address: one address spraying many usernames stops too.
// - per username across all addresses: never a lock (else anyone with a dozen addresses could lock any
//   account out), but a slowdown. Past `usernameSlowdownAfter` failures every login of that username waits
//   before its password is checked, a little longer per further failure, at most `maxSlowdownMs`. Guessing
//   spread over many addresses becomes slow, while the owner, from any address their own, still signs in
//   after at most that wait.
// Past the pair or address limit, login answers RATE_LIMITED without checking the password. Counters live in
// Redis when configured, so every instance behind a load balancer shares them; while Redis is unreachable (or
// not yet connected) each instance counts in memory rather than refusing or stalling logins.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../domain/errors.ts';

export type LoginThrottleLimits = {
  /** Failures allowed for one username from one address per window. */
  perUsernameAndAddress: number;
  /** Failures allowed from one address, whatever the usernames, per window. */
  perAddress: number;
  /** Failures of one username from all addresses per usernameWindowSeconds before its logins slow down. */
  usernameSlowdownAfter: number;
  /** The wait added per failure past usernameSlowdownAfter. */
  slowdownStepMs: number;
  /** The longest a login waits, however many failures. */
  maxSlowdownMs: number;
  windowSeconds: number;
  usernameWindowSeconds: number;
};

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  perUsernameAndAddress: 5,
  perAddress: 30,
  usernameSlowdownAfter: 20,
  slowdownStepMs: 250,
  maxSlowdownMs: 5_000,
  windowSeconds: 15 * 60,
  usernameWindowSeconds: 60 * 60,
};

export type LoginThrottle = {
  /**
   * Throws RATE_LIMITED when the pair's or the address's counter is at its limit; otherwise resolves after
   * the username's slowdown (at once while it has few failures).
   */
  check(username: string, address: string): Promise<void>;
  recordFailure(username: string, address: string): Promise<void>;
  recordSuccess(username: string, address: string): Promise<void>;
};

/** `redisPrefix` starts every counter's key, so deployments sharing one Redis keep their own counts. */
export function createLoginThrottle(limits: LoginThrottleLimits, redis?: Redis, redisPrefix = ''): LoginThrottle {
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const keyPrefix = `${redisPrefix}${name}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, insuranceLimiter: memory, rejectIfRedisNotReady: true }) : memory;
  };
  type Counter = { limiter: RateLimiterAbstract; points: number; key: (username: string, address: string) => string };
  const counter = (keyPrefix: string, points: number, duration: number, key: Counter['key']): Counter => ({
    limiter: make(keyPrefix, points, duration),
    points,
    key,
  });
  const pair = counter('login-fail-pair', limits.perUsernameAndAddress, limits.windowSeconds, pairKey);
  const address = counter('login-fail-addr', limits.perAddress, limits.windowSeconds, (_username, from) => from);
  // Never refuses (its points are out of reach): only its count is read, for the slowdown.
  const account = counter('login-fail-user', Number.MAX_SAFE_INTEGER, limits.usernameWindowSeconds, usernameKey);
  const counters = [pair, address, account];
  const locks = [pair, address];

  async function secondsToWait(which: Counter, username: string, from: string): Promise<number | null> {
    const state = await which.limiter.get(which.key(username, from));
    if (state && state.consumedPoints >= which.points) return Math.ceil(state.msBeforeNext / 1000);
    return null;
  }

  return {
    async check(username, from) {
      // Asked together: on a Redis that stopped answering each read waits for its command timeout, once.
      const [accountState, ...waits] = await Promise.all([
        account.limiter.get(account.key(username, from)),
        ...locks.map((which) => secondsToWait(which, username, from)),
      ]);
      const wait = waits.find((seconds) => seconds !== null);
      if (wait != null) throw new RateLimitedError(wait);
      const delay = slowdownMs(limits, accountState?.consumedPoints ?? 0);
      if (delay > 0) await sleep(delay);
    },
    async recordFailure(username, from) {
      // consume() rejects with a RateLimiterRes once over the limit; the next check() reports it.
      const swallowLimit = (error: unknown) => {
        if (!(error instanceof RateLimiterRes)) throw error;
      };
      await Promise.all(counters.map((which) => which.limiter.consume(which.key(username, from)).catch(swallowLimit)));
    },
    async recordSuccess(username, from) {
      // The owner got in: their own guesses from here and the account-wide count start over.
      await Promise.all([pair.limiter.delete(pair.key(username, from)), account.limiter.delete(account.key(username, from))]);
    },
  };
}

/** How long a login of a username with `failures` recent failures (from all addresses) waits. */
export function slowdownMs(limits: Pick<LoginThrottleLimits, 'usernameSlowdownAfter' | 'slowdownStepMs' | 'maxSlowdownMs'>, failures: number): number {
  const past = failures - limits.usernameSlowdownAfter;
  return past < 0 ? 0 : Math.min(limits.maxSlowdownMs, (past + 1) * limits.slowdownStepMs);
}

function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

function pairKey(username: string, address: string): string {
  return `${usernameKey(username)}|${address}`;
}
