// What signs and checks sessions for the whole app: the token issuer (from the JWT secret), the login
// and registration throttles and the per-caller query-cost budget (their counters in Redis when configured, under the
// deployment's REDIS_PREFIX, so every instance of a deployment shares them and no other deployment does;
// while Redis is unreachable each instance counts in memory).
import type { Config } from '../config.ts';
import type { RedisConnections } from '../redis/connections.ts';
import { createFileLinkSigner, type FileLinkSigner } from './file-links.ts';
import { resolveJwtSecret } from './jwt-secret.ts';
import { createLoginThrottle, DEFAULT_LOGIN_LIMITS, type LoginThrottle, type LoginThrottleLimits } from './login-throttle.ts';
import { createQueryRateLimiter, type QueryRateLimiter } from './query-rate-limit.ts';
import { createRegistrationThrottle, type RegistrationThrottle } from './registration-throttle.ts';
import { createTokenIssuer, type TokenIssuer } from './tokens.ts';

export type Auth = {
  tokens: TokenIssuer;
  fileLinks: FileLinkSigner;
  throttle: LoginThrottle;
  registrationThrottle: RegistrationThrottle;
  /** Undefined when RATE_LIMIT_POINTS is 0 (no limit). */
  queryRateLimiter: QueryRateLimiter | undefined;
};

/** `redis`: the app's connections (the limiter one is used), when REDIS_URL is set. */
export async function createAuth(config: Config, limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS, redisConnections?: RedisConnections): Promise<Auth> {
  const secret = await resolveJwtSecret(config);
  const tokens = createTokenIssuer(secret, config.accessTokenTtlSeconds);
  const redis = redisConnections?.limiter;
  return {
    tokens,
    fileLinks: createFileLinkSigner(secret, config.fileLinkTtlSeconds),
    throttle: createLoginThrottle(limits, redis, config.redisPrefix),
    registrationThrottle: createRegistrationThrottle(config.registrationLimits, redis, config.redisPrefix),
    queryRateLimiter: config.rateLimit.points > 0 ? createQueryRateLimiter(config.rateLimit, config.redisPrefix, redis) : undefined,
  };
}
