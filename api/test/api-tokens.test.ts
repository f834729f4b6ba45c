// API tokens and service accounts (issue 24): a token acts as its owner within its scopes, over HTTP and
// graphql-ws; it stops at once when revoked, expired or its owner deactivated (its socket closes with 4403);
// only its hash is stored; a service account has no password and appears in history by its name.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { png } from './support/files.ts';
import { createTicket, rawId, type Sessions, signInEveryone, TICKET_FIELDS, ticketMutation } from './support/tickets.ts';
import { uploadOk } from './support/uploads.ts';
import { collect, wsClient } from './support/ws.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
});
afterAll(() => t.close());

const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name prefix scopes expiresAt lastUsedAt revokedAt owner { username kind } } }
}`;
const REVOKE_TOKEN = `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { id revokedAt } } }`;
const VIEWER = `{ viewer { username kind } }`;

type Created = { token: string; apiToken: { id: string; prefix: string; scopes: string[]; owner: { username: string; kind: string } } };

async function makeToken(sessionToken: string, input: Record<string, unknown>): Promise<Created> {
  return (await t.ok<{ createApiToken: Created }>(CREATE_TOKEN, { input: { name: 'integration', ...input } }, sessionToken)).createApiToken;
}

/** An open socket subscribed to ticket events, and how it closed. */
function openSocket(token: string) {
  let resolveClose: (close: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClose = resolve));
  const client = wsClient(t.wsUrl, token, { onClose: (code, reason) => resolveClose({ code, reason }) });
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  return {
    client,
    connected,
    closedWithin: (ms: number) =>
      Promise.race([closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms))]),
    dispose: () => client.dispose(),
  };
}

describe('making a token', () => {
  it('returns a j365_ secret once and stores only its SHA-256, with a readable prefix', async () => {
    const { token, apiToken } = await makeToken(s.marketer.token, { scopes: ['READ'] });
    expect(token).toMatch(/^j365_[A-Za-z0-9_-]{43}$/);
    expect(apiToken.prefix).toBe(token.slice(0, 12));
    expect(apiToken.owner).toEqual({ username: 'marketer', kind: 'PERSON' });
    const row = await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: rawId(apiToken.id) } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(12));
  });

  it('refuses the ADMIN scope to a non-admin, and a token for someone else than a service account', async () => {
    expect(errorCodes(await t.gql(CREATE_TOKEN, { input: { name: 'x', scopes: ['ADMIN'] } }, s.marketer.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(CREATE_TOKEN, { input: { name: 'x', scopes: ['WRITE'], ownerId: s.seller.globalId } }, s.marketer.token))).toEqual([
      'FORBIDDEN',
    ]);
    // An admin neither: tokens for people are made by the people themselves.
    expect(errorCodes(await t.gql(CREATE_TOKEN, { input: { name: 'x', scopes: ['READ'], ownerId: s.seller.globalId } }, s.admin.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(CREATE_TOKEN, { input: { name: 'x', scopes: [] } }, s.marketer.token))).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await t.gql(CREATE_TOKEN, { input: { name: 'x', scopes: ['READ'], expiresAt: new Date(Date.now() - 1000).toISOString() } }, s.marketer.token)),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('a token never makes tokens nor changes a password, whatever its scopes', async () => {
    const { token } = await makeToken(s.admin.token, { scopes: ['ADMIN'] });
    expect(errorCodes(await t.gql(CREATE_TOKEN, { input: { name: 'child', scopes: ['READ'] } }, token))).toEqual(['FORBIDDEN']);
    const change = await t.gql(
      `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
      { input: { currentPassword: 'demo-password', newPassword: 'another-password' } },
      token,
    );
    expect(errorCodes(change)).toEqual(['FORBIDDEN']);
  });
});

describe('a READ token', () => {
  it('reads what its owner reads and subscribes over graphql-ws, and every mutation is FORBIDDEN', async () => {
    const { token } = await makeToken(s.marketer.token, { scopes: ['READ'] });
    const list = `{ tickets(first: 50) { totalCount edges { node { id } } } }`;
    await createTicket(t, s.marketer.token, { title: 'Read by a token' });
    const byToken = await t.ok<{ tickets: { totalCount: number } }>(list, {}, token);
    const bySession = await t.ok<{ tickets: { totalCount: number } }>(list, {}, s.marketer.token);
    expect(byToken).toEqual(bySession);
    expect(byToken.tickets.totalCount).toBeGreaterThan(0);
    expect((await t.ok<{ viewer: { username: string } }>(VIEWER, {}, token)).viewer.username).toBe('marketer');

    const socket = openSocket(token);
    await socket.connected;
    const events = collect<{ ticketEvents: { type: string; ticket: { title: string } } }>(
      socket.client,
      'subscription { ticketEvents { type ticket { title } } }',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await createTicket(t, s.marketer.token, { title: 'Heard by a token' });
    const [event] = await events.until(1);
    expect(event?.ticketEvents.ticket.title).toBe('Heard by a token');
    await socket.dispose();

    const ticket = await createTicket(t, s.marketer.token);
    const mutations: [string, Record<string, unknown>][] = [
      [
        `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }`,
        { input: { title: 'no', description: 'no', priority: 'LOW' } },
      ],
      [`mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`, { input: { ticketId: ticket.id, body: 'no' } }],
      [`mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }`, { input: { id: s.marketer.globalId, displayName: 'no' } }],
      [`mutation { markNotificationsRead(input: { all: true }) { unreadCount } }`, {}],
    ];
    for (const [query, variables] of mutations) {
      const result = await t.gql(query, variables, token);
      // Refused before the document is run: a mutation that does not validate would say so instead.
      expect(errorCodes(result), query).toEqual(['FORBIDDEN']);
    }
  });
});

describe('a WRITE token', () => {
  it("runs its owner's workflow actions, and not an admin mutation even when its owner is an admin", async () => {
    const { token } = await makeToken(s['marketing.manager'].token, { scopes: ['WRITE'] });
    const ticket = await createTicket(t, s.marketer.token);
    const approved = await ticketMutation(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, token);
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.approveTicket?.ticket.status).toBe('PENDING_CREATIVE');
    // The owner's rules still hold: a Marketing manager cannot give the Creative approval.
    const second = await ticketMutation(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, token);
    expect(errorCodes(second).length).toBe(1);

    const CREATE_DEPARTMENT = `mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { department { name } } }`;
    const adminWrite = await makeToken(s.admin.token, { scopes: ['WRITE'] });
    expect(errorCodes(await t.gql(CREATE_DEPARTMENT, { input: { name: 'Tokens Dept' } }, adminWrite.token))).toEqual(['FORBIDDEN']);
    const adminAdmin = await makeToken(s.admin.token, { scopes: ['ADMIN'] });
    expect((await t.ok(CREATE_DEPARTMENT, { input: { name: 'Tokens Dept' } }, adminAdmin.token)).createDepartment.department.name).toBe('Tokens Dept');
  });
});

describe('a token stops at once', () => {
  it('revoked: UNAUTHENTICATED over HTTP, and its open socket closes with 4403', async () => {
    const { token, apiToken } = await makeToken(s.designer.token, { scopes: ['READ'] });
    const socket = openSocket(token);
    await socket.connected;
    // A token of the same owner stays open: revocation ends that token's sockets only.
    const other = await makeToken(s.designer.token, { scopes: ['READ'] });
    const otherSocket = openSocket(other.token);
    await otherSocket.connected;
    await t.ok(REVOKE_TOKEN, { input: { id: apiToken.id } }, s.designer.token);
    expect((await socket.closedWithin(2000)).code).toBe(4403);
    expect(errorCodes(await t.gql(VIEWER, {}, token))).toEqual(['UNAUTHENTICATED']);
    await expect(otherSocket.closedWithin(300)).rejects.toThrow('still open');
    expect((await t.ok(VIEWER, {}, other.token)).viewer.username).toBe('designer');
    await socket.dispose();
    await otherSocket.dispose();
  });

  it('only its owner or an admin revokes it; to anyone else it does not exist', async () => {
    const { apiToken } = await makeToken(s.designer.token, { scopes: ['READ'] });
    expect(errorCodes(await t.gql(REVOKE_TOKEN, { input: { id: apiToken.id } }, s.designer2.token))).toEqual(['NOT_FOUND']);
    expect((await t.ok(`query ($id: ID!) { node(id: $id) { id } }`, { id: apiToken.id }, s.designer2.token)).node).toBeNull();
    const revoked = await t.ok(REVOKE_TOKEN, { input: { id: apiToken.id } }, s.admin.token);
    expect(revoked.revokeApiToken.apiToken.revokedAt).not.toBeNull();
  });

  it('expired: UNAUTHENTICATED, and a socket open at the expiry closes with 4403', async () => {
    const { token, apiToken } = await makeToken(s.designer2.token, { scopes: ['READ'], expiresAt: new Date(Date.now() + 1500).toISOString() });
    const socket = openSocket(token);
    await socket.connected;
    expect((await socket.closedWithin(4000)).code).toBe(4403);
    expect(errorCodes(await t.gql(VIEWER, {}, token))).toEqual(['UNAUTHENTICATED']);
    await socket.dispose();
    const row = await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: rawId(apiToken.id) } });
    expect(row.expiresAt!.getTime()).toBeLessThan(Date.now());
  });

  it('deactivating the owner stops it and closes its socket with 4403', async () => {
    const { token } = await makeToken(s.seller.token, { scopes: ['WRITE'] });
    const socket = openSocket(token);
    await socket.connected;
    await t.ok(
      `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }`,
      { input: { id: s.seller.globalId, isActive: false } },
      s.admin.token,
    );
    expect((await socket.closedWithin(2000)).code).toBe(4403);
    expect(errorCodes(await t.gql(VIEWER, {}, token))).toEqual(['UNAUTHENTICATED']);
    await socket.dispose();
  });
});

describe('download links', () => {
  it("a token's links open the file while the token lives, and not once it is revoked", async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const attachment = await uploadOk(t, s.marketer.token, ticket.id, { name: 'banner.png', bytes: png(), type: 'image/png' });
    const { token, apiToken } = await makeToken(s.marketer.token, { scopes: ['READ'] });
    const link = (await t.ok<{ node: { url: string } }>(`query ($id: ID!) { node(id: $id) { ... on Attachment { url } } }`, { id: attachment.id }, token)).node
      .url;
    expect((await fetch(new URL(link, t.url))).status).toBe(200);
    await t.ok(REVOKE_TOKEN, { input: { id: apiToken.id } }, s.marketer.token);
    expect((await fetch(new URL(link, t.url))).status).not.toBe(200);
  });
});

describe('lastUsedAt', () => {
  it('is stamped on use, and at most once a minute', async () => {
    const { token, apiToken } = await makeToken(s['creative.manager'].token, { scopes: ['READ'] });
    const read = () => t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: rawId(apiToken.id) } });
    expect((await read()).lastUsedAt).toBeNull();
    await t.ok(VIEWER, {}, token);
    const first = (await read()).lastUsedAt;
    expect(first).not.toBeNull();
    expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);
    await t.ok(VIEWER, {}, token);
    expect((await read()).lastUsedAt).toEqual(first);
    // A stamp older than a minute is renewed.
    await t.db.prisma.apiToken.update({ where: { id: rawId(apiToken.id) }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await t.ok(VIEWER, {}, token);
    expect((await read()).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('service accounts', () => {
  const CREATE_SERVICE = `mutation ($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { user { id username displayName kind role } } }`;

  it('are made by admins, cannot sign in, act through tokens and appear in history by name', async () => {
    const departments = await t.ok<{ departments: { id: string; name: string }[] }>(`{ departments { id name } }`, {}, s.admin.token);
    const marketing = departments.departments.find((department) => department.name === 'Marketing')!.id;
    expect(
      errorCodes(await t.gql(CREATE_SERVICE, { input: { name: 'Zapier', role: 'MEMBER', departmentId: marketing } }, s['marketing.manager'].token)),
    ).toEqual(['FORBIDDEN']);
    const { user } = (await t.ok(CREATE_SERVICE, { input: { name: 'Zapier', role: 'MEMBER', departmentId: marketing } }, s.admin.token)).createServiceAccount;
    expect(user).toMatchObject({ username: 'svc-zapier', displayName: 'Zapier (service)', kind: 'SERVICE', role: 'MEMBER' });

    const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
    const asService = await t.gql(LOGIN, { input: { username: 'svc-zapier', password: '!service-account' } });
    const wrongPassword = await t.gql(LOGIN, { input: { username: 'marketer', password: 'not-the-password' } });
    expect(errorCodes(asService)).toEqual(['UNAUTHENTICATED']);
    expect(asService.errors?.[0]?.message).toBe(wrongPassword.errors?.[0]?.message);
    expect(
      errorCodes(
        await t.gql(
          `mutation ($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { temporaryPassword } }`,
          { input: { id: user.id } },
          s.admin.token,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);

    // Only admins make its tokens; ADMIN only for an admin service account.
    expect(errorCodes(await t.gql(CREATE_TOKEN, { input: { name: 'zap', scopes: ['READ'], ownerId: user.id } }, s['marketing.manager'].token))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await t.gql(CREATE_TOKEN, { input: { name: 'zap', scopes: ['ADMIN'], ownerId: user.id } }, s.admin.token))).toEqual(['FORBIDDEN']);
    const { token, apiToken } = await makeToken(s.admin.token, { name: 'zap', scopes: ['WRITE'], ownerId: user.id });
    expect(apiToken.owner).toEqual({ username: 'svc-zapier', kind: 'SERVICE' });

    const created = await t.ok(
      `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { ${TICKET_FIELDS} history(first: 1) { edges { node { actor { displayName kind } } } } } } }`,
      { input: { title: 'Filed by Zapier', description: 'From a form', priority: 'LOW' } },
      token,
    );
    expect(created.createTicket.ticket.requester.username).toBe('svc-zapier');
    expect(created.createTicket.ticket.history.edges[0].node.actor).toEqual({ displayName: 'Zapier (service)', kind: 'SERVICE' });

    // Admins list their own and service accounts' tokens, not other people's; people list their own.
    const marketerToken = await makeToken(s.marketer.token, { name: 'mine', scopes: ['READ'] });
    const LIST = `{ apiTokens { id owner { username } } }`;
    const adminList = (await t.ok<{ apiTokens: { id: string; owner: { username: string } }[] }>(LIST, {}, s.admin.token)).apiTokens;
    expect(adminList.map((token) => token.id)).toContain(apiToken.id);
    expect(new Set(adminList.map((token) => token.owner.username))).toEqual(new Set(['admin', 'svc-zapier']));
    const marketerList = (await t.ok<{ apiTokens: { id: string; owner: { username: string } }[] }>(LIST, {}, s.marketer.token)).apiTokens;
    expect(marketerList.map((token) => token.id)).toContain(marketerToken.apiToken.id);
    expect(new Set(marketerList.map((token) => token.owner.username))).toEqual(new Set(['marketer']));
  });

  it('are listed apart from people by users(filter: { kind })', async () => {
    await t.ok(CREATE_SERVICE, { input: { name: 'Make', role: 'MEMBER' } }, s.admin.token);
    const LIST = `query ($filter: UserFilter) { users(first: 100, filter: $filter) { totalCount nodes { username kind } } }`;
    type Users = { users: { totalCount: number; nodes: { username: string; kind: string }[] } };
    const services = (await t.ok<Users>(LIST, { filter: { kind: ['SERVICE'] } }, s.admin.token)).users;
    expect(services.nodes.map((user) => user.username)).toContain('svc-make');
    expect(services.nodes.every((user) => user.kind === 'SERVICE')).toBe(true);
    expect(services.totalCount).toBe(services.nodes.length);
    const people = (await t.ok<Users>(LIST, { filter: { kind: ['PERSON'] } }, s.admin.token)).users;
    expect(people.nodes.map((user) => user.username)).toContain('admin');
    expect(people.nodes.some((user) => user.kind === 'SERVICE')).toBe(false);
  });
});
