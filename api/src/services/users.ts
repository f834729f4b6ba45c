// Accounts and departments: listing, profile and admin changes, password resets, department creation.
import { randomBytes } from 'node:crypto';
import { hashPassword, validateNewPassword } from '../auth/passwords.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { NotificationKind, Prisma, PrismaClient, User } from '../db/generated/prisma/client.ts';
import { BadInputError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { validateQuietHours } from '../domain/notification-preferences.ts';
import {
  assertMayUpdateUser,
  type UserChange,
  validateAccountFields,
  validateDisplayName,
  validateEmail,
  validateTelegramUsername,
  validateTimeZone,
} from '../domain/users.ts';
import { isAdmin, type Role, type Viewer } from '../domain/viewer.ts';
import type { UserKind } from '../domain/vocabulary.ts';
import type { EndedSessionsSink } from './ended-sessions.ts';
import { announceIn, createTransactionRunner, type EffectsSink } from './ticket-changes.ts';

export type UserFilter = {
  role?: Role[] | null;
  departmentId?: string | null;
  isActive?: boolean | null;
  pendingApproval?: boolean | null;
  search?: string | null;
  kind?: UserKind[] | null;
};

/** Creates an account; a taken username or email is the client's mistake, not a server error. */
export async function insertUser(prisma: PrismaClient, data: Prisma.UserUncheckedCreateInput): Promise<User> {
  try {
    return await prisma.user.create({ data });
  } catch (error) {
    if (isUniqueViolation(error)) throw new BadInputError('That username or email is already taken.', 'username');
    throw error;
  }
}

/** Deletes self-registered accounts still awaiting approval after `days`; they never signed in, so own nothing. */
export async function deleteExpiredRegistrations(prisma: PrismaClient, days: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const deleted = await prisma.user.deleteMany({ where: { approvedAt: null, createdAt: { lt: cutoff } } });
  return deleted.count;
}

function requireAdmin(viewer: Viewer): void {
  if (!isAdmin(viewer)) throw new ForbiddenError('Only admins can do this.');
}

export function createUserService(prisma: PrismaClient, endSessions: EndedSessionsSink, sink: EffectsSink) {
  // Writes that announce go through the one commit-and-announce path, so their notifications are pushed live.
  const inTransaction = createTransactionRunner(prisma, sink);
  return {
    /** Every signed-in user may look people up (assignment, @mentions); pending accounts only admins see. */
    usersWhere(viewer: Viewer, filter: UserFilter | null | undefined): Prisma.UserWhereInput {
      const where: Prisma.UserWhereInput[] = [];
      if (!isAdmin(viewer)) where.push({ approvedAt: { not: null } });
      if (filter?.role?.length) where.push({ role: { in: filter.role } });
      if (filter?.departmentId) where.push({ departmentId: filter.departmentId });
      if (filter?.kind?.length) where.push({ kind: { in: filter.kind } });
      if (filter?.isActive !== undefined && filter.isActive !== null) where.push({ isActive: filter.isActive });
      if (filter?.pendingApproval !== undefined && filter.pendingApproval !== null) {
        where.push({ approvedAt: filter.pendingApproval ? null : { not: null } });
      }
      const search = filter?.search?.trim();
      if (search) {
        where.push({
          OR: [{ username: { contains: search, mode: 'insensitive' } }, { displayName: { contains: search, mode: 'insensitive' } }],
        });
      }
      return { AND: where };
    },

    async updateUser(viewer: Viewer, id: string, change: UserChange): Promise<User> {
      assertMayUpdateUser(viewer, id, change);
      const target = await prisma.user.findUnique({ where: { id } });
      if (!target) throw new NotFoundError('User');
      const data: Prisma.UserUncheckedUpdateInput = {};
      if (change.displayName != null) {
        if (!change.displayName.trim()) throw new BadInputError('displayName cannot be empty.', 'displayName');
        data.displayName = validateDisplayName(change.displayName);
      }
      if (change.email != null) data.email = validateEmail(change.email);
      if (change.timeZone != null) data.timeZone = validateTimeZone(change.timeZone);
      if (change.telegramUsername !== undefined) {
        data.telegramUsername = validateTelegramUsername(change.telegramUsername);
      }
      if (change.role != null) data.role = change.role;
      if (change.departmentId !== undefined) {
        if (change.departmentId !== null) {
          const department = await prisma.department.findUnique({ where: { id: change.departmentId } });
          if (!department) throw new NotFoundError('Department');
        }
        data.departmentId = change.departmentId;
      }
      if (change.isActive != null) data.isActive = change.isActive;
      // A deactivated user, or one whose role or department changed, loses what their tokens and open sockets
      // carried at once, not in 15 minutes. A new role or department is picked up by refreshing.
      const endsSessions =
        change.isActive === false ||
        (change.role != null && change.role !== target.role) ||
        (change.departmentId !== undefined && change.departmentId !== target.departmentId);
      if (endsSessions) data.tokenVersion = { increment: 1 };
      try {
        const [user] = await prisma.$transaction([
          prisma.user.update({ where: { id }, data }),
          ...(change.isActive === false ? [prisma.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } })] : []),
        ]);
        if (endsSessions) endSessions({ userId: id });
        return user as User;
      } catch (error) {
        if (isUniqueViolation(error)) throw new BadInputError('That email is already taken.', 'email');
        throw error;
      }
    },

    /** Returns a one-time password; the user must change it, and every session of theirs ends. */
    async resetUserPassword(viewer: Viewer, id: string): Promise<{ user: User; temporaryPassword: string }> {
      requireAdmin(viewer);
      const target = await prisma.user.findUnique({ where: { id } });
      if (!target) throw new NotFoundError('User');
      if (target.kind === 'SERVICE') throw new BadInputError('A service account has no password: give it API tokens instead.', 'id');
      const temporaryPassword = randomBytes(12).toString('base64url');
      const [, user] = await prisma.$transaction([
        prisma.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } }),
        prisma.user.update({
          where: { id },
          data: {
            passwordHash: await hashPassword(temporaryPassword),
            mustChangePassword: true,
            tokenVersion: { increment: 1 },
          },
        }),
      ]);
      endSessions({ userId: id });
      return { user, temporaryPassword };
    },

    /** Admits a self-registered account; the user is told in-app. */
    async approveUser(viewer: Viewer, id: string): Promise<User> {
      requireAdmin(viewer);
      if (viewer.id === id) throw new ForbiddenError('Nobody approves their own account.');
      return inTransaction(async (tx, effects) => {
        const approved = await tx.user.updateMany({ where: { id, approvedAt: null }, data: { approvedAt: new Date(), approvedById: viewer.id } });
        const user = await tx.user.findUnique({ where: { id } });
        if (!user) throw new NotFoundError('User');
        if (approved.count === 0) throw new BadInputError('That account is already approved.', 'id');
        await announceIn(tx, effects, {
          kind: 'ACCOUNT_APPROVED',
          actorId: viewer.id,
          ticket: null,
          recipientIds: [user.id],
          title: 'Your account was approved',
        });
        // The other admins hear of it too, live: an account awaiting approval on their open page is dealt with.
        const admins = await tx.user.findMany({ where: { role: 'ADMIN', isActive: true, id: { not: viewer.id } }, select: { id: true } });
        await announceIn(tx, effects, {
          kind: 'ACCOUNT_APPROVED',
          actorId: viewer.id,
          ticket: null,
          recipientIds: admins.map((admin) => admin.id),
          title: `${user.displayName} (@${user.username}) was approved and can sign in`,
        });
        return user;
      });
    },

    /** Refuses a self-registered account: it is deleted (it never signed in, so owns nothing) and its names freed. */
    async declineRegistration(viewer: Viewer, id: string): Promise<{ id: string; username: string }> {
      requireAdmin(viewer);
      return prisma.$transaction(async (tx) => {
        const user = await tx.user.findUnique({ where: { id }, select: { id: true, username: true, approvedAt: true } });
        if (!user) throw new NotFoundError('User');
        if (user.approvedAt) throw new BadInputError('Only an account awaiting approval can be declined; deactivate this one instead.', 'id');
        // Conditional, so an approval that commits first wins and the account stays.
        const deleted = await tx.user.deleteMany({ where: { id, approvedAt: null } });
        if (deleted.count === 0) throw new BadInputError('That account was approved meanwhile.', 'id');
        return { id: user.id, username: user.username };
      });
    },

    /** Admins create accounts directly, approved. Without a password, a one-time one is generated. */
    async createUser(
      viewer: Viewer,
      input: { username: string; email: string; displayName: string; role?: Role | null; departmentId?: string | null; password?: string | null },
    ): Promise<{ user: User; temporaryPassword: string | null }> {
      requireAdmin(viewer);
      const account = validateAccountFields(input);
      if (input.password != null) validateNewPassword(input.password);
      if (input.departmentId && !(await prisma.department.findUnique({ where: { id: input.departmentId } }))) {
        throw new NotFoundError('Department');
      }
      const password = input.password ?? randomBytes(12).toString('base64url');
      const temporaryPassword = input.password == null ? password : null;
      const user = await insertUser(prisma, {
        ...account,
        role: input.role ?? 'MEMBER',
        departmentId: input.departmentId ?? null,
        passwordHash: await hashPassword(password),
        mustChangePassword: temporaryPassword !== null,
        approvedAt: new Date(),
        approvedById: viewer.id,
      });
      return { user, temporaryPassword };
    },

    /** Makes the user a manager of the department (moving them there). */
    async setDepartmentManager(viewer: Viewer, input: { departmentId: string; userId: string }): Promise<User> {
      requireAdmin(viewer);
      if (viewer.id === input.userId) throw new ForbiddenError('Admins cannot change their own role.');
      const [department, user] = await Promise.all([
        prisma.department.findUnique({ where: { id: input.departmentId } }),
        prisma.user.findUnique({ where: { id: input.userId } }),
      ]);
      if (!department) throw new NotFoundError('Department');
      if (!user) throw new NotFoundError('User');
      if (!user.isActive || !user.approvedAt) throw new BadInputError('A manager must be an active, approved user.', 'userId');
      return prisma.user.update({ where: { id: user.id }, data: { role: 'MANAGER', departmentId: department.id } });
    },

    async updateNotificationPreferences(
      viewer: Viewer,
      input: {
        mutedKinds?: NotificationKind[] | null;
        telegramDm?: boolean | null;
        quietHoursStart?: number | null;
        quietHoursEnd?: number | null;
        clearQuietHours?: boolean | null;
      },
    ) {
      const current = await prisma.notificationPreference.findUnique({ where: { userId: viewer.id } });
      const start = input.clearQuietHours ? null : input.quietHoursStart !== undefined ? input.quietHoursStart : (current?.quietHoursStart ?? null);
      const end = input.clearQuietHours ? null : input.quietHoursEnd !== undefined ? input.quietHoursEnd : (current?.quietHoursEnd ?? null);
      try {
        validateQuietHours(start, end);
      } catch (error) {
        throw new BadInputError(error instanceof Error ? error.message : 'Invalid quiet hours.', 'quietHoursStart');
      }
      const data = {
        mutedKinds: input.mutedKinds ?? current?.mutedKinds ?? [],
        telegramDm: input.telegramDm ?? current?.telegramDm ?? false,
        quietHoursStart: start,
        quietHoursEnd: end,
      };
      return prisma.notificationPreference.upsert({ where: { userId: viewer.id }, create: { userId: viewer.id, ...data }, update: data });
    },

    async createDepartment(viewer: Viewer, input: { name: string; isCreative?: boolean | null }) {
      requireAdmin(viewer);
      const name = input.name.trim();
      if (!name || name.length > 80) throw new BadInputError('name must be 1–80 characters.', 'name');
      try {
        return await prisma.department.create({ data: { name, isCreative: input.isCreative ?? false } });
      } catch (error) {
        if (isUniqueViolation(error)) throw new BadInputError(`A department named "${name}" already exists.`, 'name');
        throw error;
      }
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
