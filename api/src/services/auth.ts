// Accounts' sessions: register, login, refresh rotation with reuse detection, logout, password change.
import { randomUUID } from 'node:crypto';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { burnPasswordCheck, hashPassword, validateNewPassword, verifyPassword } from '../auth/passwords.ts';
import type { RegistrationThrottle } from '../auth/registration-throttle.ts';
import { hashRefreshToken, newRefreshToken, type TokenIssuer } from '../auth/tokens.ts';
import type { PrismaClient, User } from '../db/generated/prisma/client.ts';
import { BadInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../domain/errors.ts';
import { validateAccountFields } from '../domain/users.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { EndedSessionsSink } from './ended-sessions.ts';
import { deleteExpiredRegistrations, insertUser } from './users.ts';

export type ClientMeta = { address: string; userAgent?: string | undefined };

export type Session = {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
};

export type RegisterResult = { user: User; pendingApproval: true } | (Session & { pendingApproval: false });

export type AuthServiceDeps = {
  prisma: PrismaClient;
  tokens: TokenIssuer;
  throttle: LoginThrottle;
  refreshTokenTtlSeconds: number;
  registrationApproval: boolean;
  registrationThrottle: RegistrationThrottle;
  pendingRegistrationDays: number;
  endSessions: EndedSessionsSink;
};

export function createAuthService(deps: AuthServiceDeps) {
  const { prisma, tokens, throttle } = deps;

  async function issueSession(user: User, meta: ClientMeta, familyId: string = randomUUID()): Promise<Session & { refreshTokenId: string }> {
    const refreshToken = newRefreshToken();
    const refreshTokenExpiresAt = new Date(Date.now() + deps.refreshTokenTtlSeconds * 1000);
    const row = await prisma.refreshToken.create({
      data: {
        userId: user.id,
        tokenHash: hashRefreshToken(refreshToken),
        familyId,
        expiresAt: refreshTokenExpiresAt,
        createdIp: meta.address,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
      },
    });
    const access = await tokens.signAccessToken(user, familyId);
    return {
      user,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      refreshTokenId: row.id,
    };
  }

  function assertMaySignIn(user: User): void {
    if (!user.isActive) throw new ForbiddenError('This account is deactivated.');
    if (!user.approvedAt) throw new ForbiddenError("This account is awaiting an admin's approval.");
  }

  /** Ends one sign-in session: its refresh tokens, and at once its access tokens and sockets. */
  async function revokeFamily(userId: string, familyId: string): Promise<void> {
    await prisma.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
    deps.endSessions({ userId, sessionId: familyId });
  }

  return {
    async register(
      input: { username: string; email: string; password: string; displayName: string; departmentId: string },
      meta: ClientMeta,
    ): Promise<RegisterResult> {
      const account = validateAccountFields(input);
      validateNewPassword(input.password);
      // Metered before the database and the password hash: each one that passes reserves a name.
      await deps.registrationThrottle.spend(meta.address);
      const department = await prisma.department.findUnique({ where: { id: input.departmentId } });
      if (!department) throw new NotFoundError('Department');
      // Names held by registrations nobody approved in time are free again.
      await deleteExpiredRegistrations(prisma, deps.pendingRegistrationDays);
      const user = await insertUser(prisma, {
        ...account,
        passwordHash: await hashPassword(input.password),
        role: 'MEMBER',
        departmentId: department.id,
        approvedAt: deps.registrationApproval ? null : new Date(),
      });
      if (deps.registrationApproval) return { user, pendingApproval: true };
      return { ...(await issueSession(user, meta)), pendingApproval: false };
    },

    async login(input: { username: string; password: string }, meta: ClientMeta): Promise<Session> {
      const username = input.username.trim().toLowerCase();
      await throttle.check(username, meta.address);
      const found = await prisma.user.findUnique({ where: { username } });
      // A service account has no password (API tokens only): it is answered like an unknown name, timing included.
      const user = found?.kind === 'PERSON' ? found : null;
      if (!user) await burnPasswordCheck(input.password);
      const valid = user ? await verifyPassword(user.passwordHash, input.password) : false;
      if (!user || !valid) {
        await throttle.recordFailure(username, meta.address);
        throw new UnauthenticatedError('Invalid username or password.');
      }
      await throttle.recordSuccess(username, meta.address);
      assertMaySignIn(user);
      return issueSession(user, meta);
    },

    /** Rotates: the presented token is spent and a new one of the same family returned. */
    async refresh(presented: string, meta: ClientMeta): Promise<Session> {
      const stored = await prisma.refreshToken.findUnique({
        where: { tokenHash: hashRefreshToken(presented) },
        include: { user: true },
      });
      if (!stored) throw new UnauthenticatedError('Invalid refresh token.');
      if (stored.rotatedAt || stored.revokedAt) {
        // A spent token presented again means it leaked (or a replay): end every session of that login.
        await revokeFamily(stored.userId, stored.familyId);
        throw new UnauthenticatedError('Refresh token was already used; please sign in again.');
      }
      if (stored.expiresAt <= new Date()) throw new UnauthenticatedError('Refresh token expired; please sign in again.');
      // Only one concurrent refresh can spend the token; the loser is treated as reuse.
      const spent = await prisma.refreshToken.updateMany({
        where: { id: stored.id, rotatedAt: null, revokedAt: null },
        data: { rotatedAt: new Date() },
      });
      if (spent.count !== 1) {
        await revokeFamily(stored.userId, stored.familyId);
        throw new UnauthenticatedError('Refresh token was already used; please sign in again.');
      }
      try {
        assertMaySignIn(stored.user);
      } catch (error) {
        await revokeFamily(stored.userId, stored.familyId);
        throw new UnauthenticatedError(error instanceof Error ? error.message : 'Sign-in not allowed.');
      }
      const session = await issueSession(stored.user, meta, stored.familyId);
      await prisma.refreshToken.update({ where: { id: stored.id }, data: { replacedById: session.refreshTokenId } });
      return session;
    },

    /** Ends the session the refresh token belongs to; with allDevices, every session of its user. */
    async logout(input: { refreshToken: string; allDevices?: boolean | null }, viewer: Viewer | null): Promise<void> {
      const stored = await prisma.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(input.refreshToken) } });
      if (!stored) return;
      if (input.allDevices) {
        if (!viewer || viewer.id !== stored.userId) throw new UnauthenticatedError('Sign in to end all sessions.');
        await prisma.$transaction([
          prisma.refreshToken.updateMany({ where: { userId: stored.userId, revokedAt: null }, data: { revokedAt: new Date() } }),
          prisma.user.update({ where: { id: stored.userId }, data: { tokenVersion: { increment: 1 } } }),
        ]);
        deps.endSessions({ userId: stored.userId });
        return;
      }
      await revokeFamily(stored.userId, stored.familyId);
    },

    /** Ends every other session (refresh tokens revoked, access tokens invalidated) and starts a new one. */
    async changePassword(viewer: Viewer, input: { currentPassword: string; newPassword: string }, meta: ClientMeta): Promise<Session> {
      const user = await prisma.user.findUniqueOrThrow({ where: { id: viewer.id } });
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new BadInputError('currentPassword is wrong.', 'currentPassword');
      }
      validateNewPassword(input.newPassword, 'newPassword');
      if (input.newPassword === input.currentPassword) {
        throw new BadInputError('newPassword must differ from the current one.', 'newPassword');
      }
      const passwordHash = await hashPassword(input.newPassword);
      const [, updated] = await prisma.$transaction([
        prisma.refreshToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } }),
        prisma.user.update({
          where: { id: user.id },
          data: { passwordHash, mustChangePassword: false, tokenVersion: { increment: 1 } },
        }),
      ]);
      deps.endSessions({ userId: user.id });
      return issueSession(updated, meta);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
