import type { Context } from '../../context.ts';
import { UnauthenticatedError } from '../../domain/errors.ts';
import type { Session } from '../../services/auth.ts';
import { builder } from '../builder.ts';
import { markSignedIn, requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { UserRef } from './user.ts';

type AuthResult = Partial<Omit<Session, 'user'>> & { user: Session['user']; pendingApproval: boolean };

/**
 * A new session's refresh token also goes into the browser's HttpOnly cookie (graphql/refresh-cookie.ts); the
 * web client never selects it from the payload. Third-party tools read it from the payload as before.
 */
function withCookie<T extends Pick<Session, 'refreshToken' | 'refreshTokenExpiresAt'>>(ctx: Context, session: T): T {
  ctx.refreshCookie.set(session.refreshToken, session.refreshTokenExpiresAt);
  return session;
}

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
      description:
        'Single use: refreshToken returns a new one; presenting a spent one ends the session family. ' +
        'Also set as an HttpOnly cookie for browsers; null when refreshToken was called with that cookie (the new one is in the cookie only).',
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
    resolve: async (_root, { input }, ctx) => {
      const result = await ctx.services.auth.register({ ...input, departmentId: input.departmentId.id }, ctx.meta);
      return result.pendingApproval ? result : withCookie(ctx, result);
    },
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
      ...withCookie(ctx, await ctx.services.auth.login(input, ctx.meta)),
      pendingApproval: false,
    }),
  }),
);

const COOKIE_FORM = 'Without it, the HttpOnly cookie set at sign-in is used (browsers; needs the x-graphql-yoga-csrf header).';

const RefreshTokenInput = builder.inputType('RefreshTokenInput', {
  fields: (t) => ({ refreshToken: t.string({ description: `The refresh token. ${COOKIE_FORM}` }) }),
});

builder.mutationField('refreshToken', (t) =>
  t.field({
    type: AuthPayload,
    description: 'Rotates the refresh token. One passed in input comes back in the payload; one from the cookie goes back into the cookie only.',
    args: { input: t.arg({ type: RefreshTokenInput }) },
    resolve: async (_root, { input }, ctx) => {
      const presented = input?.refreshToken ?? undefined;
      if (presented) return { ...(await ctx.services.auth.refresh(presented, ctx.meta)), pendingApproval: false };
      const fromCookie = ctx.refreshCookie.read();
      if (!fromCookie) throw new UnauthenticatedError('No refresh token: pass input.refreshToken, or sign in again.');
      const session = await ctx.services.auth.refresh(fromCookie, ctx.meta).catch((error: unknown) => {
        // A refused token is worth nothing to keep; a server failure (a database hiccup) may pass on a retry.
        if (error instanceof UnauthenticatedError) ctx.refreshCookie.clear();
        throw error;
      });
      ctx.refreshCookie.set(session.refreshToken, session.refreshTokenExpiresAt);
      return { ...session, refreshToken: undefined, pendingApproval: false };
    },
  }),
);

const LogoutInput = builder.inputType('LogoutInput', {
  fields: (t) => ({
    refreshToken: t.string({ description: `The refresh token of the session to end. ${COOKIE_FORM}` }),
    allDevices: t.boolean({ description: 'End every session of the signed-in user (needs an access token).' }),
  }),
});

const LogoutPayload = builder.simpleObject('LogoutPayload', {
  fields: (t) => ({ success: t.boolean() }),
});

builder.mutationField('logout', (t) =>
  t.field({
    type: LogoutPayload,
    description: 'The cookie, if any, is cleared in any case.',
    args: { input: t.arg({ type: LogoutInput }) },
    resolve: async (_root, { input }, ctx) => {
      const refreshToken = input?.refreshToken ?? ctx.refreshCookie.read();
      ctx.refreshCookie.clear();
      if (refreshToken) await ctx.services.auth.logout({ refreshToken, allDevices: input?.allDevices }, ctx.viewer);
      else if (input?.allDevices) throw new UnauthenticatedError('No refresh token: pass input.refreshToken to end all sessions.');
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
    resolve: async (_root, { input }, ctx) => withCookie(ctx, await ctx.services.auth.changePassword(requireViewer(ctx), input, ctx.meta)),
  }),
);
