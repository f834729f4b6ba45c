import { describe, expect, it } from 'vitest';
import {
  accessTokenUsable,
  adoptionDecision,
  classifyRefusal,
  parseSession,
  refreshDelayMs,
  refreshIsDue,
  rotationDecision,
  type Session,
  serializeSession,
  sessionFromPayload,
  tokenLifetimeMs,
  usableAtStart,
} from './session-model';

const user = { id: 'u1', username: 'designer', displayName: 'Dana Designer', role: 'MEMBER' as const };

/** A JWT-shaped token (unsigned: the client only reads iat/exp to schedule). */
function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256' })}.${encode(claims)}.signature`;
}

function payload(options: { lifetimeS: number; serverNow: number; refreshLifetimeMs?: number }) {
  const iat = Math.floor(options.serverNow / 1000);
  return {
    __typename: 'AuthPayload' as const,
    accessToken: jwt({ sub: 'u1', iat, exp: iat + options.lifetimeS }),
    accessTokenExpiresAt: new Date(iat * 1000 + options.lifetimeS * 1000).toISOString(),
    refreshTokenExpiresAt: new Date(iat * 1000 + (options.refreshLifetimeMs ?? 7 * 86_400_000)).toISOString(),
    pendingApproval: false,
    user: { __typename: 'User' as const, ...user },
  };
}

function session(overrides: Partial<Session> = {}): Session {
  return { accessToken: 'a', accessExpiresAt: 900_000, refreshAt: 840_000, refreshExpiresAt: 5_000_000, user, mustChangePassword: false, ...overrides };
}

describe('token timing', () => {
  const now = Date.UTC(2026, 0, 1, 12);

  it('refreshes a minute before a 15-minute token expires', () => {
    const made = sessionFromPayload(payload({ lifetimeS: 900, serverNow: now }), now);
    expect(made?.accessExpiresAt).toBe(now + 900_000);
    expect(made?.refreshAt).toBe(now + 840_000);
  });

  it('refreshes a short-lived token at three quarters of its life', () => {
    const made = sessionFromPayload(payload({ lifetimeS: 120, serverNow: now }), now);
    expect(made?.refreshAt).toBe(now + 90_000);
  });

  it('survives a browser clock an hour off: lifetimes come from the token, expiries move into local time', () => {
    const localNow = now + 3_600_000; // this browser's clock runs an hour ahead of the server's
    const made = sessionFromPayload(payload({ lifetimeS: 900, serverNow: now, refreshLifetimeMs: 86_400_000 }), localNow);
    expect(made?.accessExpiresAt).toBe(localNow + 900_000);
    expect(made?.refreshExpiresAt).toBe(localNow + 86_400_000);
    expect(refreshIsDue(made ?? null, localNow)).toBe(false);
  });

  it('makes no session from a payload without tokens (an account awaiting approval) or with a spent token', () => {
    expect(sessionFromPayload({ ...payload({ lifetimeS: 900, serverNow: now }), accessToken: null }, now)).toBeNull();
    expect(sessionFromPayload(payload({ lifetimeS: 0, serverNow: now }), now)).toBeNull();
  });

  it('keeps whether the user must replace a one-time password', () => {
    const base = payload({ lifetimeS: 900, serverNow: now });
    expect(sessionFromPayload({ ...base, mustChangePassword: true }, now)?.mustChangePassword).toBe(true);
    expect(sessionFromPayload(base, now)?.mustChangePassword).toBe(false);
    expect(sessionFromPayload({ ...base, mustChangePassword: false }, now)?.mustChangePassword).toBe(false);
  });

  it('reads the lifetime of a JWT and nothing from garbage', () => {
    expect(tokenLifetimeMs(jwt({ iat: 100, exp: 160 }))).toBe(60_000);
    expect(tokenLifetimeMs('not-a-token')).toBeUndefined();
    expect(tokenLifetimeMs(jwt({ iat: '100', exp: 160 }))).toBeUndefined();
  });

  it('stops sending an access token in its last five seconds', () => {
    const current = session({ accessExpiresAt: 100_000 });
    expect(accessTokenUsable(current, 94_999)).toBe(true);
    expect(accessTokenUsable(current, 95_000)).toBe(false);
  });

  it('waits until refreshAt plus a slack of at most half the margin, and backs off after failures', () => {
    const current = session({ accessExpiresAt: 900_000, refreshAt: 840_000 });
    expect(refreshDelayMs(current, 800_000, 0, 0)).toBe(40_000);
    expect(refreshDelayMs(current, 800_000, 0, 0.999)).toBeCloseTo(40_000 + 0.999 * 10_000);
    expect(refreshDelayMs(current, 850_000, 0, 0)).toBe(0);
    expect(refreshDelayMs(current, 0, 1, 0)).toBe(2_000);
    expect(refreshDelayMs(current, 0, 3, 0)).toBe(8_000);
    expect(refreshDelayMs(current, 0, 20, 0)).toBe(60_000);
  });
});

describe('stored form', () => {
  it('round-trips a session', () => {
    const current = session();
    expect(parseSession(serializeSession(current))).toEqual(current);
  });

  it('drops a refresh token an earlier version stored (it lives in an HttpOnly cookie now)', () => {
    const legacy = JSON.stringify({ ...session(), refreshToken: 'r' });
    const parsed = parseSession(legacy);
    expect(parsed).toEqual(session());
    expect(serializeSession(parsed as Session)).not.toContain('refreshToken');
  });

  it('treats malformed or partial storage as signed out', () => {
    expect(parseSession(null)).toBeNull();
    expect(parseSession('{')).toBeNull();
    expect(parseSession('null')).toBeNull();
    expect(parseSession(JSON.stringify({ ...session(), refreshAt: '840000' }))).toBeNull();
    expect(parseSession(JSON.stringify({ ...session(), user: {} }))).toBeNull();
  });

  it('starts signed out when the stored refresh token already expired', () => {
    expect(usableAtStart(session({ refreshExpiresAt: 1_000 }), 1_000)).toBeNull();
    expect(usableAtStart(session({ refreshExpiresAt: 1_001 }), 1_000)).not.toBeNull();
  });
});

describe('cross-tab adoption', () => {
  const mine = session();
  it('adopts what another tab rotated or signed in, ends on sign-out, reloads for another user', () => {
    expect(adoptionDecision(mine, session({ accessToken: 'a2' }))).toBe('adopt');
    expect(adoptionDecision(null, mine)).toBe('adopt');
    expect(adoptionDecision(mine, null)).toBe('end');
    expect(adoptionDecision(null, null)).toBe('nothing');
    expect(adoptionDecision(mine, session({ user: { ...user, id: 'u2' } }))).toBe('reload');
  });

  it('refreshes only the session this tab saw (by its access token), and only while the refresh token is valid', () => {
    expect(rotationDecision(session({ accessToken: 'newer' }), 'a', 0)).toBe('follow');
    expect(rotationDecision(null, 'a', 0)).toBe('follow');
    expect(rotationDecision(session({ refreshExpiresAt: 10 }), 'a', 10)).toBe('expired');
    expect(rotationDecision(session(), 'a', 0)).toBe('rotate');
  });
});

describe('refusals', () => {
  it('ends the session only when the server refuses the token for good', () => {
    expect(classifyRefusal({ network: true, code: undefined })).toBe('transient');
    expect(classifyRefusal({ network: false, code: undefined })).toBe('transient');
    expect(classifyRefusal({ network: false, code: 'RATE_LIMITED' })).toBe('transient');
    expect(classifyRefusal({ network: false, code: 'INTERNAL_SERVER_ERROR' })).toBe('transient');
    expect(classifyRefusal({ network: false, code: 'UNAUTHENTICATED' })).toBe('final');
    expect(classifyRefusal({ network: false, code: 'FORBIDDEN' })).toBe('final');
    expect(classifyRefusal({ network: false, code: 'BAD_USER_INPUT' })).toBe('final');
  });
});
