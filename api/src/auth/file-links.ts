// Short-lived signed download links, so an <img> or <video> (which cannot send an Authorization header) can
// load an attachment. A link names one attachment and the sign-in session that asked for it (the user and the
// refresh-token family, as an access token does): the download checks that this session is still alive (a
// logout, logout of all devices, a password change and an admin's reset revoke it, and its links with it) and
// that its user may read the ticket now. A link never lives longer than this server issues them, whatever its claims say.
import { jwtVerify, SignJWT } from 'jose';
import { TOKEN_ISSUER } from './tokens.ts';

const ALGORITHM = 'HS256';
const LINK_TYPE = 'file-link+jwt';
const LINK_AUDIENCE = 'juan365-ticketing-files';
/** Clock difference between instances that is tolerated on `iat`. */
const CLOCK_SKEW_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who a link was made for: the session of an access token (see tokens.ts). */
export type LinkSession = { userId: string; sessionId: string };

export type FileLinkSigner = {
  /** A token for ?token=; the same within a few minutes, so a list reloaded does not reload every image. */
  sign(attachmentId: string, session: LinkSession, now?: Date): Promise<string>;
  /** The session the link was made for, or null when it is not a valid, unexpired link to this attachment. */
  verify(token: string, attachmentId: string): Promise<LinkSession | null>;
};

export function createFileLinkSigner(secret: string, ttlSeconds: number): FileLinkSigner {
  const key = new TextEncoder().encode(secret);
  // Expiry is rounded up to a step of a third of the lifetime: a link lives between ttl and 4/3 ttl, and its
  // claims say exp - iat = ttl + step (iat is set back so it is never in the future).
  const step = Math.max(1, Math.floor(ttlSeconds / 3));
  const maxLifetimeSeconds = ttlSeconds + step;
  return {
    async sign(attachmentId, session, now = new Date()) {
      const exp = Math.ceil((Math.floor(now.getTime() / 1000) + ttlSeconds) / step) * step;
      return new SignJWT({ uid: session.userId, sid: session.sessionId })
        .setProtectedHeader({ alg: ALGORITHM, typ: LINK_TYPE })
        .setSubject(attachmentId)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(LINK_AUDIENCE)
        .setIssuedAt(exp - maxLifetimeSeconds)
        .setExpirationTime(exp)
        .sign(key);
    },
    async verify(token, attachmentId) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: TOKEN_ISSUER,
          audience: LINK_AUDIENCE,
          typ: LINK_TYPE,
          subject: attachmentId,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const { uid, sid, iat, exp } = payload as { uid?: unknown; sid?: unknown; iat: number; exp: number };
        if (typeof uid !== 'string' || typeof sid !== 'string' || !UUID.test(sid)) return null;
        // A link from the future or living longer than we issue was not made by this server as configured now
        // (a leaked key, or a lifetime since shortened): refused like a forged one.
        if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) return null;
        if (exp - iat > maxLifetimeSeconds) return null;
        return { userId: uid, sessionId: sid };
      } catch {
        return null;
      }
    },
  };
}
