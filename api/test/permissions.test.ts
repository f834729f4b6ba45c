import { useGraphQLMiddleware } from '@envelop/graphql-middleware';
import type { GraphQLObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPublicError } from '../src/graphql/errors.ts';
import { buildPermissions, rootRules } from '../src/graphql/permissions/shield.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
let member: string;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  member = (await t.login('marketer')).accessToken;
  admin = (await t.login('admin')).accessToken;
});
afterAll(() => t.close());

describe('role rules', () => {
  it('a MEMBER calling admin mutations gets FORBIDDEN and nothing changes', async () => {
    const designer = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'designer' } });
    const designerGlobalId = Buffer.from(`User:${designer.id}`).toString('base64');
    const createDepartment = await t.gql(`mutation { createDepartment(input: { name: "Finance" }) { department { id } } }`, {}, member);
    expect(errorCodes(createDepartment)).toEqual(['FORBIDDEN']);
    const reset = await t.gql(`mutation ($id: ID!) { resetUserPassword(input: { id: $id }) { temporaryPassword } }`, { id: designerGlobalId }, member);
    expect(errorCodes(reset)).toEqual(['FORBIDDEN']);
    const promote = await t.gql(`mutation ($id: ID!) { updateUser(input: { id: $id, role: ADMIN }) { user { role } } }`, { id: designerGlobalId }, member);
    expect(errorCodes(promote)).toEqual(['FORBIDDEN']);
    expect(await t.db.prisma.department.count({ where: { name: 'Finance' } })).toBe(0);
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: designer.id } })).role).toBe('MEMBER');
  });

  it('a member cannot raise their own role', async () => {
    const me = await t.ok(`{ viewer { id } }`, {}, member);
    const result = await t.gql(`mutation ($id: ID!) { updateUser(input: { id: $id, role: ADMIN }) { user { role } } }`, { id: me.viewer.id }, member);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    const own = await t.ok(
      `mutation ($id: ID!) { updateUser(input: { id: $id, displayName: "Mia M." }) { user { displayName role } } }`,
      { id: me.viewer.id },
      member,
    );
    expect(own.updateUser.user).toEqual({ displayName: 'Mia M.', role: 'MEMBER' });
  });

  it('an admin can create a department and reset a password (the one-time password signs in)', async () => {
    const created = await t.ok(`mutation { createDepartment(input: { name: "Finance" }) { department { name isCreative } } }`, {}, admin);
    expect(created.createDepartment.department).toEqual({ name: 'Finance', isCreative: false });
    const seller = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'seller' } });
    const reset = await t.ok(
      `mutation ($id: ID!) { resetUserPassword(input: { id: $id }) { temporaryPassword user { mustChangePassword } } }`,
      { id: Buffer.from(`User:${seller.id}`).toString('base64') },
      admin,
    );
    expect(reset.resetUserPassword.user.mustChangePassword).toBe(true);
    const session = await t.login('seller', reset.resetUserPassword.temporaryPassword);
    expect((await t.ok(`{ viewer { mustChangePassword } }`, {}, session.accessToken)).viewer.mustChangePassword).toBe(true);
    // The sign-in's own payload says so too (its caller is not yet a viewer), and so does each refresh until the change.
    const login = await t.ok(
      `mutation ($password: String!) { login(input: { username: "seller", password: $password }) { mustChangePassword refreshToken } }`,
      {
        password: reset.resetUserPassword.temporaryPassword,
      },
    );
    expect(login.login.mustChangePassword).toBe(true);
    const refreshed = await t.ok(`mutation ($token: String!) { refreshToken(input: { refreshToken: $token }) { mustChangePassword } }`, {
      token: login.login.refreshToken,
    });
    expect(refreshed.refreshToken.mustChangePassword).toBe(true);
    const marketer = await t.ok(`mutation { login(input: { username: "marketer", password: "demo-password" }) { mustChangePassword } }`);
    expect(marketer.login.mustChangePassword).toBe(false);
  });

  it('anonymous callers get UNAUTHENTICATED on protected fields', async () => {
    expect(errorCodes(await t.gql(`{ users { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
  });

  it('a deactivated user is signed out at once and cannot sign in or refresh', async () => {
    const session = await t.login('designer2');
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'designer2' } });
    await t.ok(
      `mutation ($id: ID!) { updateUser(input: { id: $id, isActive: false }) { user { isActive } } }`,
      { id: Buffer.from(`User:${user.id}`).toString('base64') },
      admin,
    );
    expect(errorCodes(await t.gql(`{ viewer { id } }`, {}, session.accessToken))).toEqual(['UNAUTHENTICATED']);
    const login = await t.gql(`mutation { login(input: { username: "designer2", password: "demo-password" }) { accessToken } }`);
    expect(errorCodes(login)).toEqual(['FORBIDDEN']);
    const refresh = await t.gql(`mutation ($token: String!) { refreshToken(input: { refreshToken: $token }) { accessToken } }`, {
      token: session.refreshToken,
    });
    expect(errorCodes(refresh)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('deny fallback', () => {
  it('every root field of the real schema has a rule', async () => {
    const { schema } = await import('../src/graphql/schema.ts');
    for (const [typeName, type] of [
      ['Query', schema.getQueryType()],
      ['Mutation', schema.getMutationType()],
      ['Subscription', schema.getSubscriptionType()],
    ] as const) {
      const ruled = Object.keys((rootRules as Record<string, Record<string, unknown>>)[typeName] ?? {});
      expect(Object.keys(type?.getFields() ?? {}).sort()).toEqual(ruled.sort());
    }
  });

  it('the ticket action mutations get their rules from their list: a session, and for the trash the roles the workflow admits', async () => {
    const { isAdmin, isAuthenticated, isManagerOrAdmin } = await import('../src/graphql/permissions/rules.ts');
    const mutation: Record<string, unknown> = rootRules.Mutation;
    const live = ['approveTicket', 'rejectTicket', 'assignTicket', 'startTicket', 'completeTicket', 'confirmTicket', 'requestRevision'];
    for (const name of [...live, 'rollbackTicket', 'addCollaborator', 'removeCollaborator', 'deleteTicket']) expect(mutation[name], name).toBe(isAuthenticated);
    expect(mutation.restoreTicket).toBe(isManagerOrAdmin);
    expect(mutation.purgeTicket).toBe(isAdmin);
  });

  it('a field without a shield rule is denied with FORBIDDEN', async () => {
    const schema = createSchema({
      typeDefs: /* GraphQL */ `
        type Query { viewer: String, secret: String }
      `,
      resolvers: { Query: { viewer: () => 'me', secret: () => 'the launch codes' } },
    });
    const yoga = createYoga({
      schema,
      maskedErrors: { maskError: (error, message) => toPublicError(error, message) },
      plugins: [useGraphQLMiddleware([buildPermissions(schema, { Query: { viewer: rootRules.Query.viewer } })])],
    });
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer secret }' }),
    });
    const result = (await response.json()) as { data: { viewer: string | null; secret: string | null }; errors: { extensions: { code: string } }[] };
    expect(result.data).toEqual({ viewer: 'me', secret: null });
    expect(result.errors.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('a new root field without a rule is denied, while fields of object types stay unwrapped and readable', async () => {
    const schema = createSchema({
      typeDefs: /* GraphQL */ `
        type Profile { name: String }
        type Query { viewer: Profile, newField: String }
        type Mutation { newMutation: String }
      `,
      resolvers: {
        Query: { viewer: () => ({}), newField: () => 'should not be seen' },
        Mutation: { newMutation: () => 'should not run' },
        Profile: { name: () => 'Ada' },
      },
    });
    const permissions = buildPermissions(schema, { Query: { viewer: rootRules.Query.viewer } });
    expect(Object.keys(permissions).sort()).toEqual(['Mutation', 'Query']);

    const nameResolver = (schema.getType('Profile') as GraphQLObjectType).getFields().name?.resolve;
    const newFieldResolver = schema.getQueryType()?.getFields().newField?.resolve;
    const wrapped = applyMiddleware(schema, permissions);
    expect(nameResolver).toBeDefined();
    expect((wrapped.getType('Profile') as GraphQLObjectType).getFields().name?.resolve).toBe(nameResolver);
    expect(wrapped.getQueryType()?.getFields().newField?.resolve).not.toBe(newFieldResolver);

    const yoga = createYoga({
      schema,
      maskedErrors: { maskError: (error, message) => toPublicError(error, message) },
      plugins: [useGraphQLMiddleware([permissions])],
    });
    const ask = async (query: string) => {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data: Record<string, unknown> | null; errors?: { extensions: { code: string } }[] };
    };
    const read = await ask('{ viewer { name } newField }');
    expect(read.data).toEqual({ viewer: { name: 'Ada' }, newField: null });
    expect(read.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
    const write = await ask('mutation { newMutation }');
    expect(write.data).toEqual({ newMutation: null });
    expect(write.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it("the real schema's object types are not wrapped: a Ticket field resolves through its own resolver", async () => {
    const { schema } = await import('../src/graphql/schema.ts');
    const permissions = buildPermissions(schema);
    expect(Object.keys(permissions).sort()).toEqual(['Mutation', 'Query', 'Subscription']);
    const fields = ['title', 'requester', 'commentCount', 'availableActions'];
    const ticketResolvers = () => fields.map((name) => (schema.getType('Ticket') as GraphQLObjectType).getFields()[name]?.resolve);
    const before = ticketResolvers();
    const wrapped = applyMiddleware(schema, permissions);
    expect(fields.map((name) => (wrapped.getType('Ticket') as GraphQLObjectType).getFields()[name]?.resolve)).toEqual(before);
    expect(ticketResolvers()).toEqual(before);
  });
});

describe('errors never leak internals', () => {
  it('a malformed cursor or global ID is BAD_USER_INPUT, not a server error', async () => {
    const cursor = await t.gql(`{ users(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }`, {}, admin);
    expect(errorCodes(cursor)).toEqual(['BAD_USER_INPUT']);
    const id = await t.gql(`{ ticket(id: "not-a-global-id") { id } }`, {}, admin);
    expect(errorCodes(id)).toEqual(['BAD_USER_INPUT']);
  });

  it('an unexpected error is masked, with no stack trace or SQL', async () => {
    // A real database failure: the driver's message names the relation and the SQL, which must not leak.
    await t.db.prisma.$executeRawUnsafe('ALTER TABLE "Product" RENAME TO "ProductGone"');
    const result = await t.gql(`{ products { name } }`, {}, admin);
    await t.db.prisma.$executeRawUnsafe('ALTER TABLE "ProductGone" RENAME TO "Product"');
    expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(result.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(result)).not.toMatch(/stack|SELECT|relation|prisma/i);
  });
});

describe('query limits', () => {
  it('refuses an operation nested deeper than the limit before running it', async () => {
    const deep = `{ tickets(first: 1) { nodes { comments(first: 1) { nodes { replies { author { department { members { department { members { username } } } } } } } } } } }`;
    const result = await t.gql(deep, {}, admin);
    expect(result.data ?? null).toBeNull();
    expect(errorCodes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
    expect(result.errors?.[0]?.extensions).toMatchObject({ limit: 'depth' });
  });
});
