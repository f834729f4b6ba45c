// Access tokens remembered after their first verification (tokens.ts) are answered again only as the full check
// would answer them: the exact same string, and only until it expires.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenIssuer } from './tokens.ts';

const SECRET = 'tokens-test-secret-0123456789abcdef0123456789';
const USER = { id: '0190f0c4-3c1a-7d6e-8b1a-2c3d4e5f6a7b', tokenVersion: 3 };
const SESSION = '0190f0c4-3c1a-7d6e-8b1a-2c3d4e5f6a7c';

afterEach(() => {
  vi.useRealTimers();
});

describe('verifyAccessToken', () => {
  it('refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T12:00:00Z'));
    const tokens = createTokenIssuer(SECRET, 60);
    const { token, expiresAt } = await tokens.signAccessToken(USER, SESSION);
    expect(await tokens.verifyAccessToken(token)).toMatchObject({ userId: USER.id, tokenVersion: 3, sessionId: SESSION });
    vi.setSystemTime(expiresAt.getTime() - 1);
    expect((await tokens.verifyAccessToken(token)).expiresAt).toEqual(expiresAt);
    vi.setSystemTime(expiresAt);
    await expect(tokens.verifyAccessToken(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('checks in full any string other than the one remembered', async () => {
    const tokens = createTokenIssuer(SECRET, 60);
    const { token } = await tokens.signAccessToken(USER, SESSION);
    await tokens.verifyAccessToken(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, ver: 4 })).toString('base64url');
    await expect(tokens.verifyAccessToken(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const other = createTokenIssuer('another-secret-0123456789abcdef0123456789ab', 60);
    await expect(other.verifyAccessToken(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
