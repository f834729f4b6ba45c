// Who is asking and what they may use, built the same way for HTTP requests and WebSocket connections.
import type { IncomingMessage } from 'node:http';
import type { YogaInitialContext } from 'graphql-yoga';
import { hashApiToken, isApiToken } from './auth/api-tokens.ts';
import { bearerToken, type TokenIssuer } from './auth/tokens.ts';
import { Prisma, type PrismaClient, type Role } from './db/generated/prisma/client.ts';
import type { SqlReader } from './db/sql-reader.ts';
import type { ApiScope } from './domain/api-tokens.ts';
import { PasswordChangeRequiredError, UnauthenticatedError } from './domain/errors.ts';
import { type Viewer, viewerOf } from './domain/viewer.ts';
import { createRefreshCookie, NO_REFRESH_COOKIE, type RefreshCookie } from './graphql/refresh-cookie.ts';
import { clientAddress } from './http/client-address.ts';
import type { Realtime } from './realtime/index.ts';
import type { ClientMeta } from './services/auth.ts';
import type { Services } from './services/index.ts';

export type Context = {
  prisma: PrismaClient;
  /** Hand-written reads for the hottest paths (db/sql-reader.ts); everything else goes through prisma. */
  sql: SqlReader;
  services: Services;
  realtime: Realtime;
  viewer: Viewer | null;
  /**
   * The viewer signed in with a one-time password (an admin's reset, create-admin's) and has not replaced it:
   * only the root fields of graphql/password-change-gate.ts answer.
   */
  mustChangePassword: boolean;
  meta: ClientMeta;
  /** When the access token that authenticated this context expires (subscriptions end then). */
  viewerExpiresAt: Date | null;
  /** The sign-in session (refresh-token family) of that access token: download links are bound to it. */
  viewerSessionId: string | null;
  /** The browser's refresh-token cookie (HTTP only; over graphql-ws it reads and writes nothing). */
  refreshCookie: RefreshCookie;
  /**
   * The scopes of the API token that authenticated this context; null for a person's session (a JWT), which is
   * bound by the owner's role alone. The shield's mutation rules read it (graphql/permissions/shield.ts).
   */
  apiScopes: readonly ApiScope[] | null;
};

/** What Yoga receives from node:http (req) or from graphql-ws (connectionParams, extra). */
export type ServerContext = {
  req?: IncomingMessage;
  connectionParams?: Record<string, unknown>;
  extra?: { request?: IncomingMessage };
};

export type ResolvedViewer = {
  viewer: Viewer;
  /** When the credential stops working: the access token's expiry, or the API token's (NEVER when it has none). */
  expiresAt: Date;
  /** The sign-in session (refresh-token family), or the API token's id: ending it closes its sockets. */
  sessionId: string;
  mustChangePassword: boolean;
  /** An API token's scopes; null for a session's access token. */
  scopes: readonly ApiScope[] | null;
};

/** The expiry of an API token made without one: the last moment a Date can hold. */
export const NEVER = new Date(8_640_000_000_000_000);

/** An API token's lastUsedAt is written when it is older than this, so a busy integration does not write on every request. */
const LAST_USED_GRANULARITY = '1 minute';
export type ViewerResolver = (authorization: string | null | undefined) => Promise<ResolvedViewer | null>;

/**
 * No credentials → anonymous (null). Credentials that do not check out → UNAUTHENTICATED, never a silent
 * downgrade to anonymous: a client with a stale token must learn it, not see an empty world.
 */
type SessionRow = { id: string; username: string; role: Role; departmentId: string | null; isCreative: boolean | null; mustChangePassword: boolean };
type ApiTokenRow = SessionRow & { tokenId: string; scopes: ApiScope[]; expiresAt: Date | null };

export function createViewerResolver(sql: SqlReader, tokens: TokenIssuer): ViewerResolver {
  const resolveApiToken = async (token: string): Promise<ResolvedViewer> => {
    // One statement, on every request, as for a session: the unrevoked, unexpired token of an active, approved
    // owner, with what the viewer needs. Its data-modifying CTE stamps lastUsedAt only when the stamp is a
    // minute old (PostgreSQL runs it whether or not the SELECT reads it), so most requests write nothing.
    const [row] = await sql.rows<ApiTokenRow>(
      Prisma.sql`
      WITH token AS (
        SELECT t."id" AS "tokenId", t."scopes"::text[] AS "scopes", t."expiresAt", t."lastUsedAt",
          u."id", u."username", u."role", u."departmentId", d."isCreative", u."mustChangePassword"
        FROM "ApiToken" t
        JOIN "User" u ON u."id" = t."ownerId"
        LEFT JOIN "Department" d ON d."id" = u."departmentId"
        WHERE t."tokenHash" = ${hashApiToken(token)} AND t."revokedAt" IS NULL
          AND (t."expiresAt" IS NULL OR t."expiresAt" > (now() AT TIME ZONE 'UTC'))
          AND u."isActive" AND u."approvedAt" IS NOT NULL
      ), stamped AS (
        UPDATE "ApiToken" SET "lastUsedAt" = (now() AT TIME ZONE 'UTC')
        WHERE "id" = (SELECT "tokenId" FROM token)
          AND ("lastUsedAt" IS NULL OR "lastUsedAt" < (now() AT TIME ZONE 'UTC') - ${LAST_USED_GRANULARITY}::interval)
      )
      SELECT "tokenId", "scopes", "expiresAt", "id", "username", "role", "departmentId", "isCreative", "mustChangePassword" FROM token`,
      { prepare: true },
    );
    if (!row) throw new UnauthenticatedError('Invalid, expired or revoked API token.');
    const viewer = viewerOf({ ...row, department: row.departmentId ? { isCreative: row.isCreative ?? false } : null });
    return { viewer, expiresAt: row.expiresAt ?? NEVER, sessionId: row.tokenId, mustChangePassword: row.mustChangePassword, scopes: row.scopes };
  };

  return async (authorization) => {
    if (!authorization) return null;
    const token = bearerToken(authorization);
    if (!token) throw new UnauthenticatedError('Authorization must be "Bearer <accessToken or API token>".');
    if (isApiToken(token)) return resolveApiToken(token);
    const claims = await tokens.verifyAccessToken(token);
    // One statement, on every request: the user as the token knew them (same token version, still active and
    // approved), with the token's sign-in session still alive (a token of its refresh family not revoked), so a
    // logout or a detected refresh-token reuse ends its access tokens at once, not when they expire.
    const [user] = await sql.rows<SessionRow>(
      Prisma.sql`
      SELECT u."id", u."username", u."role", u."departmentId", d."isCreative", u."mustChangePassword"
      FROM "User" u
      LEFT JOIN "Department" d ON d."id" = u."departmentId"
      WHERE u."id" = ${claims.userId}::uuid AND u."tokenVersion" = ${claims.tokenVersion}::int AND u."isActive" AND u."approvedAt" IS NOT NULL
        AND EXISTS (SELECT 1 FROM "RefreshToken" rt WHERE rt."userId" = u."id" AND rt."familyId" = ${claims.sessionId}::uuid AND rt."revokedAt" IS NULL)`,
      { prepare: true },
    );
    if (!user) throw new UnauthenticatedError('Invalid or expired access token.');
    const viewer = viewerOf({ ...user, department: user.departmentId ? { isCreative: user.isCreative ?? false } : null });
    return { viewer, expiresAt: claims.expiresAt, sessionId: claims.sessionId, mustChangePassword: user.mustChangePassword, scopes: null };
  };
}

/**
 * The viewer for the HTTP side routes (/files, /export): like the resolver, and a one-time password opens none
 * of them (PASSWORD_CHANGE_REQUIRED), as it opens no GraphQL field but the password change's.
 */
export function refuseOneTimePasswords(resolveViewer: ViewerResolver): ViewerResolver {
  return async (authorization) => {
    const resolved = await resolveViewer(authorization);
    if (resolved?.mustChangePassword) throw new PasswordChangeRequiredError();
    return resolved;
  };
}

/**
 * One factory for both transports: over HTTP the token is the Authorization header, over WebSocket the
 * connection's `authorization` parameter (already checked once at connection_init).
 */
export function createContextFactory(
  deps: Pick<Context, 'prisma' | 'sql' | 'services' | 'realtime'> & { resolveViewer: ViewerResolver; trustProxyHops: number },
) {
  const { resolveViewer, trustProxyHops, ...shared } = deps;
  return async (initial: ServerContext & YogaInitialContext): Promise<Context> => {
    const wsParams = initial.connectionParams;
    const request = initial.extra?.request ?? initial.req;
    const header = wsParams ? (typeof wsParams.authorization === 'string' ? wsParams.authorization : undefined) : initial.request.headers.get('authorization');
    const resolved = await resolveViewer(header);
    return {
      ...shared,
      viewer: resolved?.viewer ?? null,
      mustChangePassword: resolved?.mustChangePassword ?? false,
      viewerExpiresAt: resolved?.expiresAt ?? null,
      viewerSessionId: resolved?.sessionId ?? null,
      apiScopes: resolved?.scopes ?? null,
      refreshCookie: wsParams ? NO_REFRESH_COOKIE : createRefreshCookie(initial.request, initial.req, trustProxyHops),
      meta: { address: clientAddress(request, trustProxyHops), userAgent: request?.headers['user-agent'] },
    };
  };
}
