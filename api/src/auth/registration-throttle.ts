// Self-registration is open to anyone, and each pending account reserves a username and an email and costs
// a password hash, so it is metered twice: per client address (one address cannot fill the approval queue)
// and for the whole deployment (many addresses together cannot either). Counters live in Redis when
// configured, shared by every instance; while Redis is unreachable each instance counts in memory.
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../domain/errors.ts';

export type RegistrationLimits = {
  /** Registrations one address may make per windowSeconds. */
  perAddress: number;
  /** Registrations from all addresses together per windowSeconds. */
  global: number;
  windowSeconds: number;
};

export type RegistrationThrottle = {
  /** Counts one registration from this address; RATE_LIMITED (counting nothing) when a limit is reached. */
  spend(address: string): Promise<void>;
};

export function createRegistrationThrottle(limits: RegistrationLimits, redis?: Redis, redisPrefix = ''): RegistrationThrottle {
  const make = (name: string, points: number): RateLimiterAbstract => {
    const shape = { keyPrefix: `${redisPrefix}${name}`, points, duration: limits.windowSeconds };
    const memory = new RateLimiterMemory(shape);
    return redis ? new RateLimiterRedis({ ...shape, storeClient: redis, insuranceLimiter: memory, rejectIfRedisNotReady: true }) : memory;
  };
  const perAddress = make('register-addr', limits.perAddress);
  const global = make('register-all', limits.global);

  /** Spends one point; a refusal gives it back, so being refused does not push the wait further out. */
  async function take(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      await limiter.reward(key);
      return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    }
  }

  return {
    async spend(address) {
      // The address first: one that is over its own limit does not use up everyone's.
      const addressWait = await take(perAddress, address);
      if (addressWait !== null) throw new RateLimitedError(addressWait);
      const globalWait = await take(global, 'all');
      if (globalWait === null) return;
      await perAddress.reward(address);
      throw new RateLimitedError(globalWait);
    },
  };
}
