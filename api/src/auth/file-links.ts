// Short-lived signed download links, so an <img> or <video> (which cannot send an Authorization header) can
// load an attachment. The link names one attachment and one user; the download still checks that this user
// may read the ticket now, so a link outlives neither the user's access nor its few minutes.
import { jwtVerify, SignJWT } from 'jose';
import { TOKEN_ISSUER } from './tokens.ts';

const ALGORITHM = 'HS256';
const LINK_TYPE = 'file-link+jwt';
const LINK_AUDIENCE = 'juan365-ticketing-files';

export type FileLinkSigner = {
  /** A token for ?token=; the same within a few minutes, so a list reloaded does not reload every image. */
  sign(attachmentId: string, userId: string, now?: Date): Promise<string>;
  /** The user the link was made for, or null when it is not a valid, unexpired link to this attachment. */
  verify(token: string, attachmentId: string): Promise<string | null>;
};

export function createFileLinkSigner(secret: string, ttlSeconds: number): FileLinkSigner {
  const key = new TextEncoder().encode(secret);
  // Expiry is rounded up to a step of a third of the lifetime: a link lives between ttl and 4/3 ttl.
  const step = Math.max(1, Math.floor(ttlSeconds / 3));
  return {
    async sign(attachmentId, userId, now = new Date()) {
      const exp = Math.ceil((Math.floor(now.getTime() / 1000) + ttlSeconds) / step) * step;
      return new SignJWT({ uid: userId })
        .setProtectedHeader({ alg: ALGORITHM, typ: LINK_TYPE })
        .setSubject(attachmentId)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(LINK_AUDIENCE)
        .setIssuedAt(exp - ttlSeconds - step)
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
          requiredClaims: ['sub', 'exp'],
        });
        return typeof payload.uid === 'string' ? payload.uid : null;
      } catch {
        return null;
      }
    },
  };
}
