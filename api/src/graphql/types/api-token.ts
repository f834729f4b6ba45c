// API tokens and service accounts (issue 24): an integration's credential, shown once, acting as its owner
// within its scopes (which the shield enforces before every mutation: permissions/shield.ts).
import { API_SCOPES } from '../../domain/api-tokens.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { RoleEnum, UserKindEnum } from './enums.ts';
import { UserRef } from './user.ts';

export const ApiScopeEnum = builder.enumType('ApiScope', {
  description: 'READ: queries and subscriptions. WRITE: also the mutations its owner may run. ADMIN: also admin-only mutations (admins only).',
  values: API_SCOPES,
});

builder.prismaObjectField(UserRef, 'kind', (t) => t.expose('kind', { type: UserKindEnum }));

/** The nil id: a where that matches no owner, for anonymous callers. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

export const ApiTokenRef = builder.prismaNode('ApiToken', {
  id: { field: 'id' },
  nullable: true,
  description: 'A named credential for an integration. Its secret was shown once, at creation; only its first characters (prefix) are kept readable.',
  // node(id) finds the tokens apiTokens lists, and no other.
  findUnique: (id, ctx) => ({ id, AND: [ctx.viewer ? ctx.services.apiTokens.visibleWhere(ctx.viewer) : { ownerId: NOBODY }] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The secret\'s first characters ("j365_" and 7 more), to tell tokens apart.' }),
    scopes: t.expose('scopes', { type: [ApiScopeEnum] }),
    owner: t.relation('owner'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'To the minute: stamped at most once a minute.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryField('apiTokens', (t) =>
  t.prismaField({
    type: [ApiTokenRef],
    nullable: { list: false, items: false },
    description: "The viewer's API tokens, revoked ones included, newest first; admins also see every service account's.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.apiToken.findMany({
        ...query,
        where: ctx.services.apiTokens.visibleWhere(requireViewer(ctx)),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    scopes: t.field({ type: [ApiScopeEnum], required: true }),
    expiresAt: t.field({ type: 'DateTime', description: 'None: the token works until revoked.' }),
    ownerId: t.globalID({ for: UserRef, description: 'A service account (admins); you when omitted.' }),
  }),
});

const CreateApiTokenPayload = builder.simpleObject('CreateApiTokenPayload', {
  fields: (t) => ({
    token: t.string({ description: 'The secret, starting with "j365_": shown this once, send it as "Authorization: Bearer <token>".' }),
    apiToken: t.field({ type: ApiTokenRef, nullable: false }),
  }),
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreateApiTokenPayload,
    description: 'A token for yourself, or (admins) for a service account. Only a person signed in with a session may make one.',
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.apiTokens.create(requireViewer(ctx), {
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
        ownerId: input.ownerId?.id ?? null,
      }),
  }),
);

const RevokeApiTokenInput = builder.inputType('RevokeApiTokenInput', {
  fields: (t) => ({ id: t.globalID({ for: ApiTokenRef, required: true }) }),
});

const RevokeApiTokenPayload = builder.simpleObject('RevokeApiTokenPayload', {
  fields: (t) => ({ apiToken: t.field({ type: ApiTokenRef, nullable: false }) }),
});

builder.mutationField('revokeApiToken', (t) =>
  t.field({
    type: RevokeApiTokenPayload,
    description: 'Stops the token at once, its open subscriptions included (their sockets close with 4403). The owner or an admin.',
    args: { input: t.arg({ type: RevokeApiTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ apiToken: await ctx.services.apiTokens.revoke(requireViewer(ctx), input.id.id) }),
  }),
);

const CreateServiceAccountInput = builder.inputType('CreateServiceAccountInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Shown as "<name> (service)" in history and activity.' }),
    role: t.field({ type: RoleEnum, required: true }),
    departmentId: t.globalID({ for: DepartmentRef }),
  }),
});

const CreateServiceAccountPayload = builder.simpleObject('CreateServiceAccountPayload', {
  fields: (t) => ({ user: t.field({ type: UserRef }) }),
});

builder.mutationField('createServiceAccount', (t) =>
  t.field({
    type: CreateServiceAccountPayload,
    description: 'An account for an integration (admins): a role and department like anyone, no password; give it tokens with createApiToken(ownerId).',
    args: { input: t.arg({ type: CreateServiceAccountInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      user: await ctx.services.apiTokens.createServiceAccount(requireViewer(ctx), {
        name: input.name,
        role: input.role,
        departmentId: input.departmentId?.id ?? null,
      }),
    }),
  }),
);
