// Download links are bound to the sign-in session that asked for them: ending that session (logout, logout of
// all devices, a password change, an admin's reset) ends its links at once, and a link whose claims promise a
// longer life than this server issues is refused even when signed with the right key.
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLinkSigner } from '../src/auth/file-links.ts';
import { TOKEN_ISSUER } from '../src/auth/tokens.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { pdf } from './support/files.ts';
import { rawId, type Sessions, signInEveryone, ticketAt } from './support/tickets.ts';
import { uploadOk } from './support/uploads.ts';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
const TTL = 900;
const STEP = TTL / 3;

describe('file links follow their session', () => {
  let t: TestApp;
  let s: Sessions;
  let attachmentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    s = await signInEveryone(t);
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    attachmentId = (await uploadOk(t, s.designer.token, ticket.id, { name: 'brief.pdf', bytes: pdf() })).id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** The attachment's url as this access token's session reads it. */
  async function linkFor(accessToken: string): Promise<string> {
    const data = await t.ok<{ node: { url: string } }>(`query ($id: ID!) { node(id: $id) { ... on Attachment { url } } }`, { id: attachmentId }, accessToken);
    return data.node.url;
  }

  async function status(link: string): Promise<number> {
    return (await fetch(new URL(link, t.url))).status;
  }

  const logout = (refreshToken: string, accessToken: string, allDevices: boolean) =>
    t.ok(`mutation ($input: LogoutInput!) { logout(input: $input) { success } }`, { input: { refreshToken, allDevices } }, accessToken);

  it('a logout ends the links of its session only; logout of all devices ends every one', async () => {
    const first = await t.login('designer');
    const second = await t.login('designer');
    const third = await t.login('designer');
    const [firstLink, secondLink, thirdLink] = [await linkFor(first.accessToken), await linkFor(second.accessToken), await linkFor(third.accessToken)];
    expect(firstLink).not.toBe(secondLink);
    expect(await status(firstLink)).toBe(200);

    await logout(first.refreshToken, first.accessToken, false);
    expect(await status(firstLink)).toBe(401);
    expect(await status(secondLink)).toBe(200);

    await logout(second.refreshToken, second.accessToken, true);
    expect(await status(secondLink)).toBe(401);
    expect(await status(thirdLink)).toBe(401);
  });

  it('a password change ends the links of every earlier session; the new session gets working ones', async () => {
    const session = await t.login('marketer');
    const link = await linkFor(session.accessToken);
    expect(await status(link)).toBe(200);
    const changed = await t.ok<{ changePassword: { accessToken: string } }>(
      `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
      { input: { currentPassword: 'demo-password', newPassword: 'a-brand-new-password-42' } },
      session.accessToken,
    );
    expect(await status(link)).toBe(401);
    expect(await status(await linkFor(changed.changePassword.accessToken))).toBe(200);
  });

  it("an admin's password reset ends the user's links", async () => {
    const session = await t.login('creative.manager');
    const link = await linkFor(session.accessToken);
    expect(await status(link)).toBe(200);
    await t.ok(
      `mutation ($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { temporaryPassword } }`,
      { input: { id: session.userId } },
      s.admin.token,
    );
    expect(await status(link)).toBe(401);
  });

  it('refuses a link signed with the right key whose lifetime is over the maximum, or that was issued in the future', async () => {
    const id = rawId(attachmentId);
    const sessionId = decodeJwt(s.admin.token).sid as string;
    const now = Math.floor(Date.now() / 1000);
    const forged = (iat: number, exp: number) =>
      new SignJWT({ uid: s.admin.id, sid: sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'file-link+jwt' })
        .setSubject(id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience('juan365-ticketing-files')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(SECRET));
    const path = (token: string) => `/files/${id}?token=${token}`;

    // The longest life this server issues (the TTL rounded up to a third of it) passes; a second more does not.
    expect(await status(path(await forged(now - 60, now - 60 + TTL + STEP)))).toBe(200);
    expect(await status(path(await forged(now - 60, now - 60 + TTL + STEP + 1)))).toBe(401);
    expect(await status(path(await forged(now, now + 365 * 24 * 3600)))).toBe(401);
    expect(await status(path(await forged(now + 3600, now + 3600 + TTL)))).toBe(401);
    // What the signer makes is within the maximum.
    const signed = await createFileLinkSigner(SECRET, TTL).sign(id, { userId: s.admin.id, sessionId });
    const claims = decodeJwt(signed);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(TTL + STEP);
    expect(await status(path(signed))).toBe(200);
  });
});
