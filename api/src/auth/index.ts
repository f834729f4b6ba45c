// What signs and checks sessions for the whole app: the token issuer (from the JWT secret) and the login
// throttle (its counters in Redis when configured, so every instance shares them).
import { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import { createFileLinkSigner, type FileLinkSigner } from './file-links.ts';
import { resolveJwtSecret } from './jwt-secret.ts';
import { createLoginThrottle, DEFAULT_LOGIN_LIMITS, type LoginThrottle, type LoginThrottleLimits } from './login-throttle.ts';
import { createTokenIssuer, type TokenIssuer } from './tokens.ts';

export type Auth = {
  tokens: TokenIssuer;
  fileLinks: FileLinkSigner;
  throttle: LoginThrottle;
  close(): void;
};

export async function createAuth(config: Config, limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS): Promise<Auth> {
  const secret = await resolveJwtSecret(config);
  const tokens = createTokenIssuer(secret, config.accessTokenTtlSeconds);
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }) : undefined;
  return {
    tokens,
    fileLinks: createFileLinkSigner(secret, config.fileLinkTtlSeconds),
    throttle: createLoginThrottle(limits, redis),
    close: () => redis?.disconnect(),
  };
}
