// The API token's form: "j365_" and 32 random bytes (base64url), so secret scanners can recognise a leaked one.
// Only its SHA-256 is stored; the prefix shown in lists is its first characters.
import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'j365_';
/** "j365_" and 7 characters of the secret (42 of its 256 bits): enough to tell tokens apart, too few to guess the rest. */
const SHOWN_LENGTH = API_TOKEN_PREFIX.length + 7;

export function newApiToken(): { token: string; prefix: string; tokenHash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, prefix: token.slice(0, SHOWN_LENGTH), tokenHash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A bearer credential of this form is an API token; anything else is read as a session's access token (a JWT). */
export function isApiToken(credential: string): boolean {
  return credential.startsWith(API_TOKEN_PREFIX);
}
