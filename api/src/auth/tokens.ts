// Access tokens: short-lived JWTs, HS256 pinned, issuer/audience/type checked. Refresh tokens: opaque random
// strings stored only as SHA-256 hashes (see services/auth.ts for rotation).
import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../domain/errors.ts';

export const ACCESS_TOKEN_ALGORITHM = 'HS256';
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const TOKEN_ISSUER = 'juan365-ticketing';
export const TOKEN_AUDIENCE = 'juan365-ticketing-api';

export type AccessTokenClaims = {
  userId: string;
  /** The user's tokenVersion when the token was issued. */
  tokenVersion: number;
  /** The sign-in session (refresh-token family) the token belongs to: ending it ends the token. */
  sessionId: string;
  expiresAt: Date;
};

/** Clock difference between instances that is tolerated on `iat`. */
const CLOCK_SKEW_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Access tokens remembered once verified (the oldest forgotten first): about one per client signed in right now. */
const VERIFIED_TOKENS_KEPT = 10_000;

export type TokenIssuer = {
  signAccessToken(user: { id: string; tokenVersion: number }, sessionId: string): Promise<{ token: string; expiresAt: Date }>;
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
};

export function createTokenIssuer(secret: string, accessTtlSeconds: number): TokenIssuer {
  const secretBytes = new TextEncoder().encode(secret);
  // Imported once: given raw bytes, jose imports an HMAC key into WebCrypto on every sign and verify, which was
  // a tenth of a small request's CPU (every request verifies a token).
  const hmacKey = (usage: 'sign' | 'verify') => crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
  const signingKey = hmacKey('sign');
  const verifyingKey = hmacKey('verify');
  // A client sends the same access token with every request until it expires, and checking its HMAC through
  // WebCrypto (a job on libuv's thread pool) was ≈5 % of a board request's CPU. A token that passed every check is
  // remembered with its claims, keyed by the whole string (signature included: any other string is checked in
  // full), and answered again only while it has not expired. What the token stands for (its user, version and
  // session) is still checked against the database on every request (context.ts).
  const verified = new Map<string, AccessTokenClaims>();
  return {
    async signAccessToken(user, sessionId) {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + accessTtlSeconds;
      const token = await new SignJWT({ ver: user.tokenVersion, sid: sessionId })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE })
        .setSubject(user.id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .setJti(randomBytes(12).toString('base64url'))
        .sign(await signingKey);
      return { token, expiresAt: new Date(exp * 1000) };
    },
    async verifyAccessToken(token) {
      const known = verified.get(token);
      if (known) {
        // jose's own rule: expired once the current second reaches exp.
        if (Date.now() < known.expiresAt.getTime()) return known;
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, await verifyingKey, {
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          typ: ACCESS_TOKEN_TYPE,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const sessionId = payload.sid;
        if (
          typeof payload.sub !== 'string' ||
          !UUID.test(payload.sub) ||
          typeof payload.ver !== 'number' ||
          typeof sessionId !== 'string' ||
          !UUID.test(sessionId)
        ) {
          throw new Error('malformed claims');
        }
        // We never issue tokens from the future or living longer than the configured lifetime: such a token
        // was not made by this server as configured now (a leaked key, or a lifetime since shortened).
        const { iat, exp } = payload as { iat: number; exp: number };
        if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) throw new Error('issued in the future');
        if (exp - iat > accessTtlSeconds + CLOCK_SKEW_SECONDS) throw new Error('lifetime above the maximum');
        const claims: AccessTokenClaims = Object.freeze({ userId: payload.sub, tokenVersion: payload.ver, sessionId, expiresAt: new Date(exp * 1000) });
        if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value as string);
        verified.set(token, claims);
        return claims;
      } catch {
        // Which check failed is not the caller's business; it only helps an attacker.
        throw new UnauthenticatedError('Invalid or expired access token.');
      }
    },
  };
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
