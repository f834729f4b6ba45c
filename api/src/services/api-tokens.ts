// API tokens and service accounts: make a token (its secret returned once), list and revoke them, make a service
// account. A revoked token stops at once: the next request's lookup (context.ts) finds it revoked, and its open
// sockets close with 4403 through the same ended-sessions path as a signed-out session (the token's id is the
// socket's session).
import { newApiToken } from '../auth/api-tokens.ts';
import type { ApiToken, Prisma, PrismaClient, User } from '../db/generated/prisma/client.ts';
import {
  type ApiScope,
  assertMayCreateToken,
  mayRevokeToken,
  serviceDisplayName,
  serviceEmail,
  serviceUsername,
  validateTokenName,
} from '../domain/api-tokens.ts';
import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { validateAccountFields } from '../domain/users.ts';
import { isAdmin, type Role, type Viewer } from '../domain/viewer.ts';
import type { EndedSessionsSink } from './ended-sessions.ts';
import { insertUser } from './users.ts';

/** A service account's password hash: not an argon2 hash, so no password ever verifies against it. */
export const NO_PASSWORD = '!service-account';

export type CreateApiTokenInput = { name: string; scopes: readonly ApiScope[]; expiresAt: Date | null; ownerId: string | null };

export function createApiTokenService(deps: { prisma: PrismaClient; endSessions: EndedSessionsSink }) {
  const { prisma } = deps;
  return {
    /** The tokens a viewer sees: their own; an admin also every service account's. */
    visibleWhere(viewer: Viewer): Prisma.ApiTokenWhereInput {
      return isAdmin(viewer) ? { OR: [{ ownerId: viewer.id }, { owner: { kind: 'SERVICE' } }] } : { ownerId: viewer.id };
    },

    /** Returns the secret (shown this once) with the stored token, which keeps only its hash. */
    async create(viewer: Viewer, input: CreateApiTokenInput, now = new Date()): Promise<{ token: string; apiToken: ApiToken }> {
      const name = validateTokenName(input.name);
      const ownerId = input.ownerId ?? viewer.id;
      const owner = await prisma.user.findUnique({ where: { id: ownerId }, select: { id: true, kind: true, role: true, isActive: true, approvedAt: true } });
      if (!owner) throw new NotFoundError('User');
      const scopes = [...new Set(input.scopes)];
      assertMayCreateToken(viewer, { ...owner, approved: owner.approvedAt !== null }, { scopes, expiresAt: input.expiresAt }, now);
      const { token, prefix, tokenHash } = newApiToken();
      const apiToken = await prisma.apiToken.create({
        data: { name, prefix, tokenHash, scopes, ownerId: owner.id, createdById: viewer.id, expiresAt: input.expiresAt },
      });
      return { token, apiToken };
    },

    /** Revoking twice is not an error: the token stays revoked since the first time. */
    async revoke(viewer: Viewer, id: string, now = new Date()): Promise<ApiToken> {
      const token = await prisma.apiToken.findUnique({ where: { id } });
      // A token the viewer may not revoke is one they may not know of either.
      if (!token || !mayRevokeToken(viewer, token)) throw new NotFoundError('API token');
      if (token.revokedAt) return token;
      const revoked = await prisma.apiToken.update({ where: { id }, data: { revokedAt: now } });
      deps.endSessions({ userId: token.ownerId, sessionId: token.id });
      return revoked;
    },

    /** An integration's account (admins): a role and department like anyone's, no usable password, tokens only. */
    async createServiceAccount(viewer: Viewer, input: { name: string; role: Role; departmentId: string | null }): Promise<User> {
      if (!isAdmin(viewer)) throw new ForbiddenError('Only admins create service accounts.');
      const username = serviceUsername(input.name);
      const account = validateAccountFields({ username, email: serviceEmail(username), displayName: serviceDisplayName(input.name) });
      if (input.departmentId && !(await prisma.department.findUnique({ where: { id: input.departmentId } }))) throw new NotFoundError('Department');
      return insertUser(prisma, {
        ...account,
        kind: 'SERVICE',
        role: input.role,
        departmentId: input.departmentId,
        passwordHash: NO_PASSWORD,
        approvedAt: new Date(),
        approvedById: viewer.id,
      });
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
