// A one-time password (an admin's createUser without a password, as create-admin does, or resetUserPassword)
// opens nothing but its own replacement: every other root field answers PASSWORD_CHANGE_REQUIRED over HTTP and
// graphql-ws, and so do the side routes (/files, /export). After changePassword everything works.
import { randomUUID } from 'node:crypto';
import { type GraphQLField, getNamedType, isLeafType, isNonNullType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_UNTIL_PASSWORD_CHANGED } from '../src/graphql/password-change-gate.ts';
import { schema } from '../src/graphql/schema.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { collect, wsClient, wsQuery } from './support/ws.ts';

let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  t = await startTestApp();
  adminToken = (await t.login('admin')).accessToken;
});
afterAll(() => t.close());

const SESSION = 'accessToken refreshToken mustChangePassword user { id mustChangePassword email }';
type Session = {
  accessToken: string;
  refreshToken: string;
  mustChangePassword: boolean;
  user: { id: string; mustChangePassword: boolean; email: string | null };
};

/** A new admin with a one-time password, as create-admin (and createUser without a password) makes one. */
async function oneTimeAdmin(username: string): Promise<{ password: string; session: Session }> {
  const created = await t.ok<{ createUser: { temporaryPassword: string } }>(
    `mutation ($input: CreateUserInput!) { createUser(input: $input) { temporaryPassword } }`,
    { input: { username, email: `${username}@example.com`, displayName: username, role: 'ADMIN' } },
    adminToken,
  );
  const password = created.createUser.temporaryPassword;
  return { password, session: await signIn(username, password) };
}

async function signIn(username: string, password: string): Promise<Session> {
  const data = await t.ok<{ login: Session }>(`mutation ($input: LoginInput!) { login(input: $input) { ${SESSION} } }`, { input: { username, password } });
  return data.login;
}

async function changePassword(token: string, currentPassword: string, newPassword: string): Promise<{ accessToken: string }> {
  const data = await t.ok<{ changePassword: { accessToken: string } }>(
    `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
    { input: { currentPassword, newPassword } },
    token,
  );
  return data.changePassword;
}

/**
 * `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { __typename } }`: a valid document for
 * any root field, its required arguments as variables (the values are never read: the refusal comes first).
 */
function documentFor(operation: 'mutation' | 'query', field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  const variables = required.length ? `(${required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')})` : '';
  const args = required.length ? `(${required.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${operation} ${variables} { ${field.name}${args}${selection} }`;
}

const get = (path: string, token: string) => fetch(new URL(path, t.url), { headers: { authorization: `Bearer ${token}` } });

describe('a one-time password', () => {
  it('answers PASSWORD_CHANGE_REQUIRED on every mutation but changePassword, logout, login and refreshToken', async () => {
    const { session } = await oneTimeAdmin('otp.mutations');
    const departmentsBefore = await t.db.prisma.department.count();
    const gated = Object.values(schema.getMutationType()?.getFields() ?? {}).filter((field) => !OPEN_UNTIL_PASSWORD_CHANGED.has(field.name));
    expect(gated.length).toBeGreaterThan(30);
    for (const field of gated) {
      const result = await t.gql(documentFor('mutation', field), {}, session.accessToken);
      expect({ field: field.name, codes: errorCodes(result), path: result.errors?.[0]?.path }).toEqual({
        field: field.name,
        codes: ['PASSWORD_CHANGE_REQUIRED'],
        path: [field.name],
      });
    }
    // The issue's own case, with a valid input: the department is not created.
    const create = await t.gql(`mutation { createDepartment(input: { name: "Finance" }) { department { id } } }`, {}, session.accessToken);
    expect(errorCodes(create)).toEqual(['PASSWORD_CHANGE_REQUIRED']);
    expect(await t.db.prisma.department.count()).toBe(departmentsBefore);
  });

  it('answers PASSWORD_CHANGE_REQUIRED on every query but viewer, and refuses an operation that mixes both', async () => {
    const { session } = await oneTimeAdmin('otp.queries');
    const gated = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((field) => !OPEN_UNTIL_PASSWORD_CHANGED.has(field.name));
    for (const field of gated) {
      const result = await t.gql(documentFor('query', field), {}, session.accessToken);
      expect({ field: field.name, codes: errorCodes(result) }).toEqual({ field: field.name, codes: ['PASSWORD_CHANGE_REQUIRED'] });
    }
    // Through an alias and a fragment, too; introspection stays open.
    const mixed = await t.gql(
      `query { me: viewer { id } ...More __typename } fragment More on Query { list: tickets(first: 1) { totalCount } }`,
      {},
      session.accessToken,
    );
    expect(errorCodes(mixed)).toEqual(['PASSWORD_CHANGE_REQUIRED']);
    expect(mixed.errors?.[0]?.path).toEqual(['list']);
    expect(mixed.data ?? null).toBeNull();
    expect((await t.ok(`{ __schema { queryType { name } } }`, {}, session.accessToken)).__schema.queryType.name).toBe('Query');
  });

  it('keeps viewer, refreshToken and logout, and says mustChangePassword everywhere the user reads it', async () => {
    const { session } = await oneTimeAdmin('otp.allowed');
    expect(session.mustChangePassword).toBe(true);
    // The sign-in's payload is addressed to the person signing in: their own fields read as their own.
    expect(session.user).toEqual({ id: session.user.id, mustChangePassword: true, email: 'otp.allowed@example.com' });
    const viewer = await t.ok(`{ viewer { id mustChangePassword } }`, {}, session.accessToken);
    expect(viewer.viewer).toEqual({ id: session.user.id, mustChangePassword: true });
    const refreshed = await t.ok<{ refreshToken: Session }>(`mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { ${SESSION} } }`, {
      input: { refreshToken: session.refreshToken },
    });
    expect(refreshed.refreshToken.mustChangePassword).toBe(true);
    expect(refreshed.refreshToken.user.mustChangePassword).toBe(true);
    // The refreshed token is still a one-time password's.
    expect(errorCodes(await t.gql(`{ tickets(first: 1) { totalCount } }`, {}, refreshed.refreshToken.accessToken))).toEqual(['PASSWORD_CHANGE_REQUIRED']);
    // Someone else never sees it, and admins do.
    const other = await t.ok(`query ($id: ID!) { node(id: $id) { ... on User { mustChangePassword } } }`, { id: session.user.id }, adminToken);
    expect(other.node.mustChangePassword).toBe(true);
    const member = (await t.login('designer')).accessToken;
    const seen = await t.ok(`query ($id: ID!) { node(id: $id) { ... on User { mustChangePassword } } }`, { id: session.user.id }, member);
    expect(seen.node.mustChangePassword).toBe(false);
    const logout = await t.ok(
      `mutation ($input: LogoutInput!) { logout(input: $input) { success } }`,
      { input: { refreshToken: refreshed.refreshToken.refreshToken } },
      refreshed.refreshToken.accessToken,
    );
    expect(logout.logout.success).toBe(true);
  });

  it('over graphql-ws: subscriptions and queries answer PASSWORD_CHANGE_REQUIRED, viewer answers', async () => {
    const { session } = await oneTimeAdmin('otp.socket');
    const client = wsClient(t.wsUrl, session.accessToken);
    try {
      const me = await wsQuery<{ viewer: { id: string } }>(client, `{ viewer { id } }`);
      expect(me.data?.viewer.id).toBe(session.user.id);
      const query = await wsQuery(client, `{ tickets(first: 1) { totalCount } }`);
      expect(codesOf(query.errors)).toEqual(['PASSWORD_CHANGE_REQUIRED']);
      for (const subscription of [
        'subscription { dashboardStatsChanged { total } }',
        'subscription { notificationAdded { id } }',
        'subscription { ticketEvents { eventId } }',
      ]) {
        const live = collect(client, subscription);
        await waitFor(() => live.errors.length > 0);
        expect({ subscription, codes: codesOf(live.errors), received: live.received }).toEqual({
          subscription,
          codes: ['PASSWORD_CHANGE_REQUIRED'],
          received: [],
        });
        live.stop();
      }
    } finally {
      await client.dispose();
    }
  });

  it('opens neither /files nor /export', async () => {
    const { session } = await oneTimeAdmin('otp.routes');
    for (const path of [`/files/${randomUUID()}`, '/export/tickets.csv', '/export/analytics.csv?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z']) {
      const response = await get(path, session.accessToken);
      expect({ path, status: response.status, body: await response.json() }).toMatchObject({
        path,
        status: 403,
        body: { errors: [{ extensions: { code: 'PASSWORD_CHANGE_REQUIRED' } }] },
      });
    }
  });

  it('after changePassword, everything works: mutations, queries, subscriptions and the side routes', async () => {
    const { password, session } = await oneTimeAdmin('otp.changed');
    const changed = await changePassword(session.accessToken, password, 'my-own-password-1');
    const token = changed.accessToken;
    expect((await t.ok(`{ viewer { mustChangePassword } }`, {}, token)).viewer.mustChangePassword).toBe(false);
    expect((await signIn('otp.changed', 'my-own-password-1')).mustChangePassword).toBe(false);
    const created = await t.ok(`mutation { createDepartment(input: { name: "Finance" }) { department { name } } }`, {}, token);
    expect(created.createDepartment.department.name).toBe('Finance');
    expect(typeof (await t.ok(`{ tickets(first: 1) { totalCount } }`, {}, token)).tickets.totalCount).toBe('number');
    const client = wsClient(t.wsUrl, token);
    try {
      const live = collect<{ dashboardStatsChanged: { total: number } }>(client, 'subscription { dashboardStatsChanged { total } }');
      await live.until(1);
      expect(live.errors).toEqual([]);
      live.stop();
    } finally {
      await client.dispose();
    }
    expect((await get('/export/tickets.csv', token)).status).toBe(200);
    // Past the gate, a file that does not exist is simply not found.
    expect((await get(`/files/${randomUUID()}`, token)).status).toBe(404);
  });

  it('an admin reset gates a member the same way, until they change it', async () => {
    const member = await t.login('seller');
    const reset = await t.ok(`mutation ($id: ID!) { resetUserPassword(input: { id: $id }) { temporaryPassword } }`, { id: member.userId }, adminToken);
    const password = reset.resetUserPassword.temporaryPassword as string;
    const session = await signIn('seller', password);
    expect(session.user.mustChangePassword).toBe(true);
    // An admin-only mutation: the password change comes first, before the role's refusal.
    expect(errorCodes(await t.gql(`mutation { createDepartment(input: { name: "Legal" }) { department { id } } }`, {}, session.accessToken))).toEqual([
      'PASSWORD_CHANGE_REQUIRED',
    ]);
    expect(errorCodes(await t.gql(`{ myTasks(first: 1) { totalCount } }`, {}, session.accessToken))).toEqual(['PASSWORD_CHANGE_REQUIRED']);
    const changed = await changePassword(session.accessToken, password, 'sellers-own-password');
    expect(typeof (await t.ok(`{ myTasks(first: 1) { totalCount } }`, {}, changed.accessToken)).myTasks.totalCount).toBe('number');
  });
});

function codesOf(errors: unknown[] | undefined): unknown[] {
  return (errors ?? []).flatMap((error) => {
    // graphql-ws hands an operation's errors either as a result's `errors` or as the `error` message's list.
    const list = Array.isArray(error) ? error : [error];
    return list.map((item) => (item as { extensions?: { code?: string } }).extensions?.code);
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
