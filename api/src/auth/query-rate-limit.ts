// The per-caller budget of query cost: each caller (a user, or an address for anonymous callers) may spend
// `points` of query cost (Armor's cost model, graphql/armor.ts) per window. The counters live in Redis when
// configured, so every instance behind a load balancer shares one budget per caller; while Redis is
// unreachable (or not yet connected) each instance counts in memory rather than refusing everyone.
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type RateLimitOptions = { points: number; windowSeconds: number };

/** What the x-ratelimit-* headers say (as GitHub's API): the budget, what is left, when it refills. */
export type RateLimitState = { limit: number; remaining: number; resetAtSeconds: number };

export type QueryRateLimiter = {
  /** Spends `cost` for this caller; refused when the budget cannot pay for it (nothing is spent then). */
  spend(caller: string, cost: number): Promise<{ allowed: true; state: RateLimitState } | { allowed: false; state: RateLimitState; retryAfterSeconds: number }>;
  /** Gives `points` back to the caller (what an operation was charged and did not use). */
  refund(caller: string, points: number): Promise<RateLimitState>;
  /** The caller's budget as it is, spending nothing. */
  peek(caller: string): Promise<RateLimitState>;
};

export function createQueryRateLimiter(options: RateLimitOptions, keyPrefix: string, redis?: Redis): QueryRateLimiter {
  const shape = { keyPrefix: `${keyPrefix}query-cost`, points: options.points, duration: options.windowSeconds };
  const memory = new RateLimiterMemory(shape);
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ ...shape, storeClient: redis, insuranceLimiter: memory, rejectIfRedisNotReady: true })
    : memory;
  const stateOf = (res: RateLimiterRes | null): RateLimitState => ({
    limit: options.points,
    remaining: Math.max(0, options.points - (res?.consumedPoints ?? 0)),
    resetAtSeconds: Math.ceil((Date.now() + (res?.msBeforeNext ?? options.windowSeconds * 1000)) / 1000),
  });

  return {
    async spend(caller, cost) {
      // One round trip when the budget pays (the usual case); a refusal gives its points back, so it costs
      // nothing and the caller can still afford a smaller operation.
      try {
        return { allowed: true, state: stateOf(await limiter.consume(caller, cost)) };
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const state = stateOf(await limiter.reward(caller, cost));
        return { allowed: false, state, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      }
    },
    async refund(caller, points) {
      return stateOf(await limiter.reward(caller, points));
    },
    async peek(caller) {
      return stateOf(await limiter.get(caller));
    },
  };
}
