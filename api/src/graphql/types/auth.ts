import type { Session } from '../../services/auth.ts';
import { builder } from '../builder.ts';
import { markSignedIn, requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { UserRef } from './user.ts';

type AuthResult = Partial<Omit<Session, 'user'>> & { user: Session['user']; pendingApproval: boolean };

const AuthPayload = builder.objectRef<AuthResult>('AuthPayload').implement({
  description: 'A new session. Tokens are null only when a self-registered account awaits approval.',
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      resolve: (result, _args, ctx) => {
        // The person who just proved their credential reads their own fields (mustChangePassword, email).
        if (result.accessToken) markSignedIn(ctx, result.user.id);
        return result.user;
      },
    }),
    accessToken: t.string({ nullable: true, resolve: (result) => result.accessToken ?? null }),
    accessTokenExpiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (result) => result.accessTokenExpiresAt ?? null }),
    refreshToken: t.string({
      nullable: true,
      description: 'Single use: refreshToken returns a new one; presenting a spent one ends the session family.',
      resolve: (result) => result.refreshToken ?? null,
    }),
    refreshTokenExpiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (result) => result.refreshTokenExpiresAt ?? null }),
    pendingApproval: t.exposeBoolean('pendingApproval'),
    mustChangePassword: t.boolean({
      description:
        'The account signed in with a one-time password (an admin reset it) and must choose its own before anything else. ' +
        'Said here because the payload is addressed to the person signing in, who is not yet the viewer of this request.',
      resolve: (result) => result.user.mustChangePassword,
    }),
  }),
});

const RegisterInput = builder.inputType('RegisterInput', {
  fields: (t) => ({
    username: t.string({ required: true }),
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    displayName: t.string({ required: true }),
    departmentId: t.globalID({ for: DepartmentRef, required: true }),
  }),
});

builder.mutationField('register', (t) =>
  t.field({
    type: AuthPayload,
    args: { input: t.arg({ type: RegisterInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.auth.register({ ...input, departmentId: input.departmentId.id }, ctx.meta),
  }),
);

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    username: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

builder.mutationField('login', (t) =>
  t.field({
    type: AuthPayload,
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      ...(await ctx.services.auth.login(input, ctx.meta)),
      pendingApproval: false,
    }),
  }),
);

const RefreshTokenInput = builder.inputType('RefreshTokenInput', {
  fields: (t) => ({ refreshToken: t.string({ required: true }) }),
});

builder.mutationField('refreshToken', (t) =>
  t.field({
    type: AuthPayload,
    args: { input: t.arg({ type: RefreshTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      ...(await ctx.services.auth.refresh(input.refreshToken, ctx.meta)),
      pendingApproval: false,
    }),
  }),
);

const LogoutInput = builder.inputType('LogoutInput', {
  fields: (t) => ({
    refreshToken: t.string({ required: true }),
    allDevices: t.boolean({ description: 'End every session of the signed-in user (needs an access token).' }),
  }),
});

const LogoutPayload = builder.simpleObject('LogoutPayload', {
  fields: (t) => ({ success: t.boolean() }),
});

builder.mutationField('logout', (t) =>
  t.field({
    type: LogoutPayload,
    args: { input: t.arg({ type: LogoutInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await ctx.services.auth.logout(input, ctx.viewer);
      return { success: true };
    },
  }),
);

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({
    currentPassword: t.string({ required: true }),
    newPassword: t.string({ required: true }),
  }),
});

const ChangePasswordPayload = builder.objectRef<Session>('ChangePasswordPayload').implement({
  description: 'Every other session ended; this is the new one.',
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (session) => session.user }),
    accessToken: t.exposeString('accessToken'),
    accessTokenExpiresAt: t.expose('accessTokenExpiresAt', { type: 'DateTime' }),
    refreshToken: t.exposeString('refreshToken'),
    refreshTokenExpiresAt: t.expose('refreshTokenExpiresAt', { type: 'DateTime' }),
  }),
});

builder.mutationField('changePassword', (t) =>
  t.field({
    type: ChangePasswordPayload,
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.auth.changePassword(requireViewer(ctx), input, ctx.meta),
  }),
);
