// The session's pure rules: token timing (when to refresh, when a token is spent, the clock offset to the
// server), the stored form and its validation, what a tab does on finding another tab's session, and
// which refusals end a session. No timers, storage or network here (session.ts does those), so every
// rule is unit-tested in session-model.test.ts.
import type { SessionFieldsFragment as SessionFields } from '../gql/graphql';

export type SessionUser = SessionFields['user'];

/** What any payload that starts a session carries (sign-in, refresh, password change). */
export type SessionPayload = Pick<SessionFields, 'accessToken' | 'accessTokenExpiresAt' | 'refreshTokenExpiresAt' | 'user'> & {
  mustChangePassword?: boolean;
};

/** The refresh token is not here: it is in an HttpOnly cookie only the server reads (sent to /graphql). */
export type Session = {
  accessToken: string;
  /** When the access token stops working, in this browser's clock (corrected for the server's). */
  accessExpiresAt: number;
  /** When to refresh: a little before the access token expires. */
  refreshAt: number;
  /** When the refresh token stops working; after that only signing in again helps. */
  refreshExpiresAt: number;
  user: SessionUser;
  /** Signed in with a one-time password: it must be replaced before anything else. */
  mustChangePassword?: boolean;
};

/** Refresh this long before the access token expires (at most a quarter of its lifetime). */
export const REFRESH_AHEAD_MS = 60_000;
/** An access token closer than this to its expiry is not worth sending. */
export const EXPIRY_MARGIN_MS = 5_000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Codes with which the server refuses a refresh token for good; anything else may pass on a retry. */
const FINAL_REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT']);

/**
 * Turns a sign-in or refresh payload into a session. Expiries are moved into this browser's clock: the
 * token's lifetime comes from its own `iat`/`exp`, so a wrong clock here cannot cause a refresh loop.
 */
export function sessionFromPayload(payload: SessionPayload, receivedAt: number): Session | null {
  const { accessToken, accessTokenExpiresAt, refreshTokenExpiresAt } = payload;
  if (!accessToken || !accessTokenExpiresAt || !refreshTokenExpiresAt) return null;
  const serverAccessExpiry = Date.parse(accessTokenExpiresAt);
  const lifetime = tokenLifetimeMs(accessToken) ?? serverAccessExpiry - receivedAt;
  if (!(lifetime > 0)) return null;
  const accessExpiresAt = receivedAt + lifetime;
  const clockOffset = Number.isFinite(serverAccessExpiry) ? accessExpiresAt - serverAccessExpiry : 0;
  return {
    accessToken,
    accessExpiresAt,
    refreshAt: accessExpiresAt - Math.min(REFRESH_AHEAD_MS, lifetime / 4),
    refreshExpiresAt: Date.parse(refreshTokenExpiresAt) + clockOffset,
    user: { id: payload.user.id, username: payload.user.username, displayName: payload.user.displayName, role: payload.user.role },
    mustChangePassword: payload.mustChangePassword === true,
  };
}

/** `exp - iat` of a JWT, read without verifying (the server verifies; this only schedules). */
export function tokenLifetimeMs(jwt: string): number | undefined {
  try {
    const part = jwt.split('.')[1] ?? '';
    const claims: unknown = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { iat, exp } = claims as { iat?: unknown; exp?: unknown };
    return typeof iat === 'number' && typeof exp === 'number' ? (exp - iat) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the access token is still worth sending at `now`. */
export function accessTokenUsable(session: Session, now: number): boolean {
  return now < session.accessExpiresAt - EXPIRY_MARGIN_MS;
}

export function refreshIsDue(session: Session | null, now: number): boolean {
  return session !== null && now >= session.refreshAt;
}

/**
 * How long to wait before the next refresh. After failures: exponential backoff, 2 s doubling to 60 s.
 * Otherwise until `refreshAt`, plus a random slack (`random` in [0, 1)) so tabs sharing a session spread
 * out their timers; the cross-tab lock makes the losers adopt the winner's tokens.
 */
export function refreshDelayMs(session: Session, now: number, failedAttempts: number, random: number): number {
  let delay: number;
  if (failedAttempts > 0) {
    delay = Math.min(60_000, 2_000 * 2 ** (failedAttempts - 1));
  } else {
    const slack = Math.min(10_000, (session.accessExpiresAt - session.refreshAt) / 2);
    delay = session.refreshAt - now + random * slack;
  }
  return Math.min(Math.max(delay, 0), MAX_TIMEOUT_MS);
}

/** The stored form of a session (localStorage), or null for signed out. */
export function serializeSession(session: Session): string {
  return JSON.stringify(session);
}

/**
 * Reads a stored session; anything malformed (another version, hand-edited, truncated) counts as none. Only the
 * session's own fields are kept, so a refresh token an earlier version stored is dropped when it is written back.
 */
export function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session> | null;
    const valid =
      typeof value?.accessToken === 'string' &&
      typeof value.accessExpiresAt === 'number' &&
      typeof value.refreshAt === 'number' &&
      typeof value.refreshExpiresAt === 'number' &&
      typeof value.user?.id === 'string';
    if (!valid) return null;
    const { accessToken, accessExpiresAt, refreshAt, refreshExpiresAt, user, mustChangePassword } = value as Session;
    return { accessToken, accessExpiresAt, refreshAt, refreshExpiresAt, user, mustChangePassword: mustChangePassword === true };
  } catch {
    return null;
  }
}

/** A stored session whose refresh token already expired is worth nothing: start signed out. */
export function usableAtStart(stored: Session | null, now: number): Session | null {
  return stored && stored.refreshExpiresAt > now ? stored : null;
}

/**
 * What a tab does on finding the stored session differ from its own (another tab signed in, rotated,
 * signed out or switched user): `adopt` the stored one, `end` this one, `reload` for another user (a
 * fresh page drops the previous user's cache), or `nothing` (both signed out).
 */
export type Adoption = 'adopt' | 'end' | 'reload' | 'nothing';

export function adoptionDecision(current: Session | null, stored: Session | null): Adoption {
  if (!stored) return current ? 'end' : 'nothing';
  if (current && current.user.id !== stored.user.id) return 'reload';
  return 'adopt';
}

/**
 * Before refreshing the session this tab saw (known by its access token: each refresh issues a new one):
 * `follow` when another tab refreshed or ended it meanwhile (its result is in storage), `expired` when the
 * refresh token is past use, else `rotate`.
 */
export function rotationDecision(stored: Session | null, seenAccessToken: string, now: number): 'follow' | 'expired' | 'rotate' {
  if (stored?.accessToken !== seenAccessToken) return 'follow';
  if (stored.refreshExpiresAt <= now) return 'expired';
  return 'rotate';
}

/**
 * A failed refresh: `transient` (no network, a server hiccup, an unknown code) keeps the session and
 * retries; `final` (the token is refused for good) ends it.
 */
export function classifyRefusal(failure: { network: boolean; code: string | undefined }): 'transient' | 'final' {
  if (failure.network) return 'transient';
  return failure.code !== undefined && FINAL_REFUSALS.has(failure.code) ? 'final' : 'transient';
}
