import { decodeJwt, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TYPE, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/tokens.ts';
import { DEMO_PASSWORD, errorCodes, startTestApp, type TestApp } from './support/app.ts';

const LOGIN = `mutation ($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken accessTokenExpiresAt pendingApproval user { id username role } }
}`;
const REFRESH = `mutation ($token: String!) { refreshToken(input: { refreshToken: $token }) { accessToken refreshToken } }`;
const VIEWER = `{ viewer { id username role department { name } } }`;
const REGISTER = `mutation ($input: RegisterInput!) {
  register(input: $input) { accessToken refreshToken pendingApproval user { id username role pendingApproval } }
}`;

let t: TestApp;
let salesId: string;

beforeAll(async () => {
  // Registration approval off here: this file proves the token mechanics; approval has its own tests.
  t = await startTestApp({ env: { REGISTRATION_APPROVAL: 'false' } });
  const { departments } = await t.ok<{ departments: { id: string; name: string }[] }>(`{ departments { id name } }`);
  salesId = departments.find((department) => department.name === 'Sales')!.id;
});
afterAll(() => t.close());

describe('register, login, viewer', () => {
  it('registers a member who can then sign in and see themselves', async () => {
    const registered = await t.ok(REGISTER, {
      input: { username: 'new.seller', email: 'New.Seller@example.com', password: 'a-long-password', displayName: 'New Seller', departmentId: salesId },
    });
    expect(registered.register.pendingApproval).toBe(false);
    expect(registered.register.user).toMatchObject({ username: 'new.seller', role: 'MEMBER', pendingApproval: false });
    expect(registered.register.accessToken).toEqual(expect.any(String));

    const { login } = await t.ok(LOGIN, { input: { username: 'new.seller', password: 'a-long-password' } });
    const { viewer } = await t.ok(VIEWER, {}, login.accessToken);
    expect(viewer).toMatchObject({ username: 'new.seller', role: 'MEMBER', department: { name: 'Sales' } });
  });

  it('refuses a duplicate username and a short password with BAD_USER_INPUT', async () => {
    const duplicate = await t.gql(REGISTER, {
      input: { username: 'seller', email: 'other@example.com', password: 'a-long-password', displayName: 'X', departmentId: salesId },
    });
    expect(errorCodes(duplicate)).toEqual(['BAD_USER_INPUT']);
    const short = await t.gql(REGISTER, {
      input: { username: 'shorty', email: 'shorty@example.com', password: 'short', displayName: 'X', departmentId: salesId },
    });
    expect(errorCodes(short)).toEqual(['BAD_USER_INPUT']);
    expect(short.errors?.[0]?.extensions?.field).toBe('password');
  });

  it('refuses a wrong password with UNAUTHENTICATED and returns null viewer without a token', async () => {
    const wrong = await t.gql(LOGIN, { input: { username: 'designer', password: 'not-the-password' } });
    expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(await t.ok(VIEWER)).toEqual({ viewer: null });
  });
});

describe('refresh tokens', () => {
  it('rotates on every use: the new token works, the old one is spent', async () => {
    const session = await t.login('designer');
    const first = await t.ok(REFRESH, { token: session.refreshToken });
    expect(first.refreshToken.refreshToken).not.toBe(session.refreshToken);
    const { viewer } = await t.ok(VIEWER, {}, first.refreshToken.accessToken);
    expect(viewer.username).toBe('designer');
    const second = await t.ok(REFRESH, { token: first.refreshToken.refreshToken });
    expect(second.refreshToken.refreshToken).toEqual(expect.any(String));
  });

  it('a rotated token presented again revokes its whole family', async () => {
    const session = await t.login('designer2');
    const rotated = await t.ok(REFRESH, { token: session.refreshToken });
    const reuse = await t.gql(REFRESH, { token: session.refreshToken });
    expect(errorCodes(reuse)).toEqual(['UNAUTHENTICATED']);
    // The legitimate newest token of that family is dead too.
    const afterReuse = await t.gql(REFRESH, { token: rotated.refreshToken.refreshToken });
    expect(errorCodes(afterReuse)).toEqual(['UNAUTHENTICATED']);
    const family = await t.db.prisma.refreshToken.findMany({
      where: { user: { username: 'designer2' } },
      select: { revokedAt: true },
    });
    expect(family.length).toBe(2);
    expect(family.every((token) => token.revokedAt !== null)).toBe(true);
    // Another login (another family) is unaffected.
    const other = await t.login('designer2');
    expect((await t.ok(REFRESH, { token: other.refreshToken })).refreshToken.accessToken).toEqual(expect.any(String));
  });

  it('logout ends the session: its refresh token no longer works', async () => {
    const session = await t.login('marketer');
    const result = await t.ok(`mutation ($token: String!) { logout(input: { refreshToken: $token }) { success } }`, {
      token: session.refreshToken,
    });
    expect(result.logout.success).toBe(true);
    expect(errorCodes(await t.gql(REFRESH, { token: session.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('changePassword', () => {
  it('changes the password, ends the other sessions and returns a working new one', async () => {
    const old = await t.login('seller');
    const changed = await t.ok(
      `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken refreshToken } }`,
      { input: { currentPassword: DEMO_PASSWORD, newPassword: 'a-brand-new-password' } },
      old.accessToken,
    );
    expect(errorCodes(await t.gql(VIEWER, {}, old.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(REFRESH, { token: old.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect((await t.ok(VIEWER, {}, changed.changePassword.accessToken)).viewer.username).toBe('seller');
    expect(errorCodes(await t.gql(LOGIN, { input: { username: 'seller', password: DEMO_PASSWORD } }))).toEqual(['UNAUTHENTICATED']);
    await t.login('seller', 'a-brand-new-password');
  });

  it('refuses a wrong current password', async () => {
    const session = await t.login('sales.manager');
    const result = await t.gql(
      `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
      { input: { currentPassword: 'wrong-password', newPassword: 'a-brand-new-password' } },
      session.accessToken,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('access tokens are checked strictly', () => {
  const secret = new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256-0123456789');
  let userId: string;
  /** A live sign-in session of designer's: tokens name the session they belong to. */
  let sessionId: string;
  beforeAll(async () => {
    userId = (await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'designer' } })).id;
    sessionId = decodeJwt((await t.login('designer')).accessToken).sid as string;
  });

  const now = () => Math.floor(Date.now() / 1000);
  const sign = (
    overrides: { alg?: string; typ?: string; iss?: string; aud?: string; exp?: number; iat?: number; sub?: string; sid?: string | null; key?: Uint8Array } = {},
  ) =>
    new SignJWT(overrides.sid === null ? { ver: 0 } : { ver: 0, sid: overrides.sid ?? sessionId })
      .setProtectedHeader({ alg: overrides.alg ?? 'HS256', typ: overrides.typ ?? ACCESS_TOKEN_TYPE })
      .setSubject(overrides.sub ?? userId)
      .setIssuer(overrides.iss ?? TOKEN_ISSUER)
      .setAudience(overrides.aud ?? TOKEN_AUDIENCE)
      .setIssuedAt(overrides.iat ?? now())
      .setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(overrides.key ?? secret);

  it('accepts a well-formed token (control)', async () => {
    expect((await t.ok(VIEWER, {}, await sign())).viewer.id).toEqual(expect.any(String));
  });

  it.each([
    ['another algorithm (HS512)', () => sign({ alg: 'HS512' })],
    ['a wrong issuer', () => sign({ iss: 'someone-else' })],
    ['a wrong audience', () => sign({ aud: 'another-api' })],
    ['a wrong type', () => sign({ typ: 'JWT' })],
    ['an expired token', () => sign({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['a token issued in the future', () => sign({ iat: now() + 86_400, exp: now() + 365 * 86_400 })],
    ['a lifetime above the configured maximum', () => sign({ exp: now() + 365 * 86_400 })],
    ['a subject that is not a user id', () => sign({ sub: 'not-a-uuid' })],
    ['no sign-in session', () => sign({ sid: null })],
    ['a sign-in session that does not exist', () => sign({ sid: '01900000-0000-7000-8000-000000000000' })],
    ['a forged signature', () => sign({ key: new TextEncoder().encode('another-secret-that-is-long-enough-000000000') })],
    [
      'alg: none',
      async () =>
        new UnsecuredJWT({ ver: 0 }).setSubject(userId).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('10m').encode(),
    ],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses %s with UNAUTHENTICATED', async (_label, makeToken) => {
    const result = await t.gql(VIEWER, {}, await makeToken());
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data?.viewer ?? null).toBeNull();
  });
});
