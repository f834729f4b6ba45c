import { encodeGlobalID } from '@pothos/plugin-relay';
import { isAdmin } from '../../domain/viewer.ts';
import type { UserFilter as UserFilterValue } from '../../services/users.ts';
import { builder } from '../builder.ts';
import { isThemselves, requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { RoleEnum, UserKindEnum } from './enums.ts';
import { NotificationPreferencesRef } from './notification.ts';

export const UserRef = builder.prismaNode('User', {
  id: { field: 'id' },
  // Select mode: only the columns a selection needs (never the password hash).
  select: { id: true },
  fields: (t) => ({
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    email: t.string({
      nullable: true,
      description: 'Visible to the user themselves, managers and admins.',
      select: { email: true },
      resolve: (user, _args, ctx) => (isThemselves(ctx, user.id) || (ctx.viewer && ctx.viewer.role !== 'MEMBER') ? user.email : null),
    }),
    role: t.expose('role', { type: RoleEnum }),
    department: t.relation('department', { nullable: true }),
    isActive: t.exposeBoolean('isActive'),
    pendingApproval: t.boolean({
      description: "A self-registered account waiting for an admin's approval.",
      select: { approvedAt: true },
      resolve: (user) => user.approvedAt === null,
    }),
    mustChangePassword: t.boolean({
      description:
        'The account holds a one-time password (an admin reset it or created the account without one) and may do ' +
        'nothing but change it (PASSWORD_CHANGE_REQUIRED). Only the user themselves (also in their own sign-in payload) and admins see true.',
      select: { mustChangePassword: true },
      resolve: (user, _args, ctx) => (isThemselves(ctx, user.id) || (ctx.viewer !== null && isAdmin(ctx.viewer))) && user.mustChangePassword,
    }),
    telegramUsername: t.exposeString('telegramUsername', { nullable: true }),
    telegramLinked: t.boolean({
      nullable: true,
      description: 'A Telegram account is linked (for the user themselves and admins; null for anyone else).',
      select: { telegramChatId: true },
      resolve: (user, _args, ctx) => (isThemselves(ctx, user.id) || (ctx.viewer && isAdmin(ctx.viewer)) ? user.telegramChatId !== null : null),
    }),
    timeZone: t.exposeString('timeZone'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    notificationPreferences: t.field({
      type: NotificationPreferencesRef,
      nullable: true,
      description: 'Only for the user themselves; null for anyone else.',
      select: (_args, _ctx, nestedSelection) => ({ id: true, preferences: nestedSelection(true) }),
      resolve: (user, _args, ctx) => {
        if (!isThemselves(ctx, user.id)) return null;
        return user.preferences ?? { userId: user.id, mutedKinds: [], telegramDm: false, quietHoursStart: null, quietHoursEnd: null, updatedAt: new Date(0) };
      },
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user; null when not signed in.',
    resolve: (query, _root, _args, ctx) => (ctx.viewer ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.id } }) : null),
  }),
);

const UserFilter = builder.inputType('UserFilter', {
  fields: (t) => ({
    role: t.field({ type: [RoleEnum] }),
    departmentId: t.globalID({ for: DepartmentRef }),
    isActive: t.boolean(),
    pendingApproval: t.boolean({ description: 'Only admins see pending accounts.' }),
    search: t.string({ description: 'Matches username or display name.' }),
    kind: t.field({ type: [UserKindEnum], description: 'People, service accounts (integrations), or both when omitted.' }),
  }),
});

builder.queryField('users', (t) =>
  t.prismaConnection({
    type: UserRef,
    cursor: 'id',
    args: { filter: t.arg({ type: UserFilter }) },
    totalCount: (_connection, args, ctx) => ctx.prisma.user.count({ where: ctx.services.users.usersWhere(requireViewer(ctx), filterArgs(args.filter)) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.user.findMany({
        ...query,
        where: ctx.services.users.usersWhere(requireViewer(ctx), filterArgs(args.filter)),
        orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
      }),
  }),
);

function filterArgs(filter: (typeof UserFilter)['$inferInput'] | null | undefined): UserFilterValue | null {
  return filter ? { ...filter, departmentId: filter.departmentId?.id ?? null } : null;
}

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  description: 'Users change their own profile fields; admins also change role, department and isActive.',
  fields: (t) => ({
    id: t.globalID({ for: UserRef, required: true }),
    displayName: t.string(),
    email: t.string(),
    telegramUsername: t.string(),
    timeZone: t.string(),
    role: t.field({ type: RoleEnum }),
    departmentId: t.globalID({ for: DepartmentRef }),
    isActive: t.boolean(),
  }),
});

const UserPayload = builder.simpleObject('UserPayload', {
  fields: (t) => ({ user: t.field({ type: UserRef }) }),
});

builder.mutationField('updateUser', (t) =>
  t.field({
    type: UserPayload,
    args: { input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, departmentId, ...fields } = input;
      const user = await ctx.services.users.updateUser(requireViewer(ctx), id.id, {
        ...fields,
        ...(departmentId !== undefined ? { departmentId: departmentId?.id ?? null } : {}),
      });
      return { user };
    },
  }),
);

const ResetUserPasswordInput = builder.inputType('ResetUserPasswordInput', {
  fields: (t) => ({ id: t.globalID({ for: UserRef, required: true }) }),
});

const ResetUserPasswordPayload = builder.simpleObject('ResetUserPasswordPayload', {
  fields: (t) => ({
    user: t.field({ type: UserRef }),
    temporaryPassword: t.string({ description: 'Shown once; the user must change it at next sign-in.' }),
  }),
});

builder.mutationField('resetUserPassword', (t) =>
  t.field({
    type: ResetUserPasswordPayload,
    args: { input: t.arg({ type: ResetUserPasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.users.resetUserPassword(requireViewer(ctx), input.id.id),
  }),
);

const ApproveUserInput = builder.inputType('ApproveUserInput', {
  fields: (t) => ({ id: t.globalID({ for: UserRef, required: true }) }),
});

builder.mutationField('approveUser', (t) =>
  t.field({
    type: UserPayload,
    description: 'Admits a self-registered account (admins).',
    args: { input: t.arg({ type: ApproveUserInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ user: await ctx.services.users.approveUser(requireViewer(ctx), input.id.id) }),
  }),
);

const DeclineRegistrationInput = builder.inputType('DeclineRegistrationInput', {
  fields: (t) => ({ id: t.globalID({ for: UserRef, required: true }) }),
});

const DeclineRegistrationPayload = builder.simpleObject('DeclineRegistrationPayload', {
  fields: (t) => ({
    declinedUserId: t.id({ nullable: false }),
    username: t.string({ nullable: false, description: 'Free again for anyone to register.' }),
  }),
});

builder.mutationField('declineRegistration', (t) =>
  t.field({
    type: DeclineRegistrationPayload,
    nullable: false,
    description: 'Refuses a self-registered account awaiting approval (admins): it is deleted and its username and email freed.',
    args: { input: t.arg({ type: DeclineRegistrationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const declined = await ctx.services.users.declineRegistration(requireViewer(ctx), input.id.id);
      return { declinedUserId: encodeGlobalID('User', declined.id), username: declined.username };
    },
  }),
);

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    username: t.string({ required: true }),
    email: t.string({ required: true }),
    displayName: t.string({ required: true }),
    role: t.field({ type: RoleEnum, description: 'Default MEMBER.' }),
    departmentId: t.globalID({ for: DepartmentRef }),
    password: t.string({ description: 'Without one, a one-time password is returned and must be changed at sign-in.' }),
  }),
});

const CreateUserPayload = builder.simpleObject('CreateUserPayload', {
  fields: (t) => ({
    user: t.field({ type: UserRef }),
    temporaryPassword: t.string({ nullable: true }),
  }),
});

builder.mutationField('createUser', (t) =>
  t.field({
    type: CreateUserPayload,
    description: 'Creates an approved account directly (admins).',
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.users.createUser(requireViewer(ctx), { ...input, departmentId: input.departmentId?.id ?? null }),
  }),
);

const SetDepartmentManagerInput = builder.inputType('SetDepartmentManagerInput', {
  fields: (t) => ({
    departmentId: t.globalID({ for: DepartmentRef, required: true }),
    userId: t.globalID({ for: UserRef, required: true }),
  }),
});

builder.mutationField('setDepartmentManager', (t) =>
  t.field({
    type: UserPayload,
    description: 'Makes the user a MANAGER of the department, moving them there (admins).',
    args: { input: t.arg({ type: SetDepartmentManagerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      user: await ctx.services.users.setDepartmentManager(requireViewer(ctx), {
        departmentId: input.departmentId.id,
        userId: input.userId.id,
      }),
    }),
  }),
);
