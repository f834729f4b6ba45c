// What the bare yardsticks of bench/board.ts and bench/detail.ts share: a node-postgres pool set up as the API's,
// the access token and session check (one statement, as the API does), the read rule in its index-friendly
// form, Relay global ids, and a plain node:http server that answers POSTed GraphQL-shaped requests.
import { createServer } from 'node:http';
import pg from 'pg';
import { bearerToken, createTokenIssuer } from '../api/src/auth/tokens.ts';
import type { Role, Viewer } from '../api/src/domain/viewer.ts';

const databaseUrl = process.env.DATABASE_URL;
const jwtSecret = process.env.JWT_SECRET;
if (!databaseUrl || !jwtSecret) throw new Error('DATABASE_URL and JWT_SECRET are required');

// Timestamps are stored in UTC without a zone; read them as UTC (as Prisma does), whatever the process's zone.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value: string) => new Date(`${value.replace(' ', 'T')}Z`));

// The same pool size and session settings as the API's (api/src/db/client.ts).
export const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c jit=off' });
const tokens = createTokenIssuer(jwtSecret, 15 * 60);

const SESSION_SQL = `
SELECT u.id, u.username, u.role, u."departmentId", coalesce(d."isCreative", false) AS "inCreativeDepartment"
FROM "User" u
LEFT JOIN "Department" d ON d.id = u."departmentId"
WHERE u.id = $1 AND u."tokenVersion" = $2 AND u."isActive" AND u."approvedAt" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "RefreshToken" rt WHERE rt."userId" = u.id AND rt."familyId" = $3 AND rt."revokedAt" IS NULL)`;

export type Answer = { body: unknown; statements: number };

const unauthenticated = (message: string, statements: number): Answer => ({
  body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] },
  statements,
});

/** The viewer of the request's access token and live session, or the error the API would answer. */
export async function sessionViewer(authorization: string | undefined): Promise<Viewer | Answer> {
  const token = authorization ? bearerToken(authorization) : null;
  if (!token) return unauthenticated('Sign in first.', 0);
  const claims = await tokens.verifyAccessToken(token);
  const session = await pool.query<Viewer & { role: Role }>(SESSION_SQL, [claims.userId, claims.tokenVersion, claims.sessionId]);
  return session.rows[0] ?? unauthenticated('Invalid or expired access token.', 1);
}

/** The read rule (alias t) for admins (everything outside the trash) and members (requested, assigned, collaborating). */
export function visible(role: string, viewerParam: string): string {
  if (role === 'ADMIN') return 't."deletedAt" IS NULL';
  // Managers' extra branches (department, Creative queue) are not written here: the benchmarks have no manager.
  if (role !== 'MEMBER') throw new Error(`the bare endpoints serve admins and members, not ${role}`);
  return `t."deletedAt" IS NULL AND (t."requesterId" = ${viewerParam} OR t."assigneeId" = ${viewerParam}
    OR t.id = ANY (ARRAY(SELECT c."ticketId" FROM "TicketCollaborator" c WHERE c."userId" = ${viewerParam})))`;
}

export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/** Serves `answer` on a random port and prints `<name> on <url>` when listening; ends cleanly on SIGTERM. */
export function serve(name: string, answer: (authorization: string | undefined, variables: Record<string, unknown>) => Promise<Answer>): void {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { variables?: Record<string, unknown> };
      answer(request.headers.authorization, parsed.variables ?? {}).then(
        ({ body, statements }) => {
          response.writeHead(200, { 'content-type': 'application/json', 'x-sql-statements': String(statements) });
          response.end(JSON.stringify(body));
        },
        (error: unknown) => {
          console.error(error);
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ errors: [{ message: 'Unexpected error.' }] }));
        },
      );
    });
  });

  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') console.log(`${name} on http://127.0.0.1:${address.port}/graphql`);
  });

  // Requests still in flight when the load stops are answered before the pool closes.
  process.on('SIGTERM', () => {
    server.close(() => void pool.end().finally(() => process.exit(0)));
    server.closeIdleConnections();
  });
}
