// Sessions end everywhere at once (issue 10, defect 4): deactivating a user, changing their role or
// department, resetting their password, logging out everywhere and presenting a spent refresh token make the
// affected access tokens fail at once and close the affected sockets with 4403, not when the tokens expire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { wsClient } from './support/ws.ts';

let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  t = await startTestApp();
  adminToken = (await t.login('admin')).accessToken;
});
afterAll(() => t.close());

const VIEWER = `{ viewer { username } }`;
const UPDATE_USER = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }`;

/** An open, subscribed socket and how it closed (rejects if it is still open after the bound). */
function openSocket(token: string) {
  let resolveClose: (close: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClose = resolve));
  const client = wsClient(t.wsUrl, token, { onClose: (code, reason) => resolveClose({ code, reason }) });
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe({ query: 'subscription { notificationAdded { id } }' }, { next: () => {}, error: () => {}, complete: () => {} });
  return {
    connected,
    closedWithin: (ms: number) =>
      Promise.race([closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms))]),
    isOpen: async () => (await Promise.race([closed.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 300))])) as boolean,
    dispose: () => client.dispose(),
  };
}

async function signIn(username: string) {
  const data = await t.ok<{ login: { accessToken: string; refreshToken: string; user: { id: string } } }>(
    `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`,
    { input: { username, password: 'demo-password' } },
  );
  return data.login;
}

async function expectRefused(token: string) {
  expect(errorCodes(await t.gql(VIEWER, {}, token))).toEqual(['UNAUTHENTICATED']);
}

describe('an admin change ends all of a user’s sessions at once', () => {
  it.each([
    ['deactivation', 'designer2', (id: string) => ({ id, isActive: false })],
    ['a new role', 'seller', (id: string) => ({ id, role: 'MANAGER' })],
  ])('%s: the access token fails and the socket closes with 4403', async (_label, username, change) => {
    const session = await signIn(username);
    const socket = openSocket(session.accessToken);
    await socket.connected;
    await t.ok(UPDATE_USER, { input: change(session.user.id) }, adminToken);
    expect((await socket.closedWithin(2000)).code).toBe(4403);
    await expectRefused(session.accessToken);
    await socket.dispose();
  });

  it('a new department: the old token fails, and a refresh picks the change up', async () => {
    const session = await signIn('marketer');
    const socket = openSocket(session.accessToken);
    await socket.connected;
    const sales = await t.ok<{ departments: { id: string; name: string }[] }>(`{ departments { id name } }`, {}, adminToken);
    const salesId = sales.departments.find((department) => department.name === 'Sales')!.id;
    await t.ok(UPDATE_USER, { input: { id: session.user.id, departmentId: salesId } }, adminToken);
    expect((await socket.closedWithin(2000)).code).toBe(4403);
    await expectRefused(session.accessToken);
    const refreshed = await t.ok<{ refreshToken: { accessToken: string } }>(
      `mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken } }`,
      { input: { refreshToken: session.refreshToken } },
    );
    expect((await t.ok<{ viewer: { username: string } }>(VIEWER, {}, refreshed.refreshToken.accessToken)).viewer.username).toBe('marketer');
    await socket.dispose();
  });

  it('a password reset', async () => {
    const session = await signIn('sales.manager');
    const socket = openSocket(session.accessToken);
    await socket.connected;
    await t.ok(
      `mutation ($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { temporaryPassword } }`,
      { input: { id: session.user.id } },
      adminToken,
    );
    expect((await socket.closedWithin(2000)).code).toBe(4403);
    await expectRefused(session.accessToken);
    await socket.dispose();
  });

  it('a profile change by the user themselves ends nothing', async () => {
    const session = await signIn('designer');
    const socket = openSocket(session.accessToken);
    await socket.connected;
    await t.ok(UPDATE_USER, { input: { id: session.user.id, displayName: 'Designer One' } }, session.accessToken);
    expect(await socket.isOpen()).toBe(true);
    expect((await t.ok<{ viewer: { username: string } }>(VIEWER, {}, session.accessToken)).viewer.username).toBe('designer');
    await socket.dispose();
  });
});

describe('the user’s own endings', () => {
  const LOGOUT = `mutation ($input: LogoutInput!) { logout(input: $input) { __typename } }`;

  it('logout from all devices ends every session, on every socket', async () => {
    const laptop = await signIn('designer');
    const phone = await signIn('designer');
    const sockets = [openSocket(laptop.accessToken), openSocket(phone.accessToken)];
    await Promise.all(sockets.map((socket) => socket.connected));
    await t.ok(LOGOUT, { input: { refreshToken: laptop.refreshToken, allDevices: true } }, laptop.accessToken);
    for (const socket of sockets) expect((await socket.closedWithin(2000)).code).toBe(4403);
    await expectRefused(laptop.accessToken);
    await expectRefused(phone.accessToken);
    await Promise.all(sockets.map((socket) => socket.dispose()));
  });

  it('a logout ends that session only', async () => {
    const laptop = await signIn('creative.manager');
    const phone = await signIn('creative.manager');
    const phoneSocket = openSocket(phone.accessToken);
    await phoneSocket.connected;
    await t.ok(LOGOUT, { input: { refreshToken: laptop.refreshToken } }, laptop.accessToken);
    await expectRefused(laptop.accessToken);
    expect(await phoneSocket.isOpen()).toBe(true);
    expect((await t.ok<{ viewer: { username: string } }>(VIEWER, {}, phone.accessToken)).viewer.username).toBe('creative.manager');
    await phoneSocket.dispose();
  });

  it('a spent refresh token presented again ends its session (the leak) and no other', async () => {
    const REFRESH = `mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken } }`;
    const leaked = await signIn('marketing.manager');
    const other = await signIn('marketing.manager');
    const rotated = await t.ok<{ refreshToken: { accessToken: string; refreshToken: string } }>(REFRESH, { input: { refreshToken: leaked.refreshToken } });
    const leakedSocket = openSocket(rotated.refreshToken.accessToken);
    const otherSocket = openSocket(other.accessToken);
    await Promise.all([leakedSocket.connected, otherSocket.connected]);
    // Someone replays the spent token: the whole family ends, including its newest access token.
    expect(errorCodes(await t.gql(REFRESH, { input: { refreshToken: leaked.refreshToken } }))).toEqual(['UNAUTHENTICATED']);
    expect((await leakedSocket.closedWithin(2000)).code).toBe(4403);
    await expectRefused(rotated.refreshToken.accessToken);
    expect(await otherSocket.isOpen()).toBe(true);
    expect((await t.ok<{ viewer: { username: string } }>(VIEWER, {}, other.accessToken)).viewer.username).toBe('marketing.manager');
    await Promise.all([leakedSocket.dispose(), otherSocket.dispose()]);
  });
});
