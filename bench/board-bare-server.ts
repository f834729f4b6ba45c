// The board benchmark's yardstick: the same board page as the GraphQL API serves, answered by hand-written SQL
// through node-postgres and a plain node:http server, with identical JSON. It does what any endpoint must do
// for the same answer: checks the access token and its session (one statement, as the API does), then reads
// the page (requester, assignee, department and comment count joined in) and the total, both under the read
// rule in its index-friendly form. Runs as a child process of bench/board.ts; prints its URL when listening.
//
//   DATABASE_URL=… JWT_SECRET=… node --import tsx bench/board-bare-server.ts
import { createServer } from 'node:http';
import pg from 'pg';
import { bearerToken, createTokenIssuer } from '../api/src/auth/tokens.ts';

const databaseUrl = process.env.DATABASE_URL;
const jwtSecret = process.env.JWT_SECRET;
if (!databaseUrl || !jwtSecret) throw new Error('DATABASE_URL and JWT_SECRET are required');

// The same pool size and session settings as the API's (api/src/db/client.ts).
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c jit=off' });
const tokens = createTokenIssuer(jwtSecret, 15 * 60);

const SESSION_SQL = `
SELECT u.id, u.role
FROM "User" u
WHERE u.id = $1 AND u."tokenVersion" = $2 AND u."isActive" AND u."approvedAt" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "RefreshToken" rt WHERE rt."userId" = u.id AND rt."familyId" = $3 AND rt."revokedAt" IS NULL)`;

/** The read rule for admins (everything outside the trash) and members (requested, assigned, collaborating). */
function visible(role: string, viewerParam: string): string {
  if (role === 'ADMIN') return 't."deletedAt" IS NULL';
  // Managers' extra branches (department, Creative queue) are not written here: the benchmark has no manager.
  if (role !== 'MEMBER') throw new Error(`the bare endpoint serves admins and members, not ${role}`);
  return `t."deletedAt" IS NULL AND (t."requesterId" = ${viewerParam} OR t."assigneeId" = ${viewerParam}
    OR t.id = ANY (ARRAY(SELECT c."ticketId" FROM "TicketCollaborator" c WHERE c."userId" = ${viewerParam})))`;
}

/** $1 is the page size; $2 the viewer's id where the rule needs it. */
const pageSql = (role: string) => `
SELECT t.id, t.number, t.title, t.status, t.priority, t."dueDate", t."createdAt",
       (SELECT count(*) FROM "Comment" c WHERE c."ticketId" = t.id)::int AS "commentCount",
       r.id AS "requesterId", r."displayName" AS "requesterName",
       a.id AS "assigneeId", a."displayName" AS "assigneeName",
       d.id AS "departmentId", d.name AS "departmentName"
FROM "Ticket" t
JOIN "User" r ON r.id = t."requesterId"
LEFT JOIN "User" a ON a.id = t."assigneeId"
JOIN "Department" d ON d.id = t."departmentId"
WHERE ${visible(role, '$2')}
ORDER BY t."createdAt" DESC, t.number DESC
LIMIT $1`;

/** $1 the viewer's id where the rule needs it. */
const countSql = (role: string) => `SELECT count(*)::int AS total FROM "Ticket" t WHERE ${visible(role, '$1')}`;

type PageRow = {
  id: string;
  number: number;
  title: string;
  status: string;
  priority: string;
  dueDate: Date | null;
  createdAt: Date;
  commentCount: number;
  requesterId: string;
  requesterName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  departmentId: string;
  departmentName: string;
};

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

function nodeOf(row: PageRow) {
  return {
    id: globalId('Ticket', row.id),
    number: row.number,
    title: row.title,
    status: row.status,
    priority: row.priority,
    dueDate: row.dueDate?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    commentCount: row.commentCount,
    requester: { id: globalId('User', row.requesterId), displayName: row.requesterName },
    assignee: row.assigneeId ? { id: globalId('User', row.assigneeId), displayName: row.assigneeName } : null,
    department: { id: globalId('Department', row.departmentId), name: row.departmentName },
  };
}

async function board(authorization: string | undefined, first: number): Promise<{ body: unknown; statements: number }> {
  const token = authorization ? bearerToken(authorization) : null;
  if (!token) return { body: { errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] }, statements: 0 };
  const claims = await tokens.verifyAccessToken(token);
  const session = await pool.query<{ id: string; role: string }>(SESSION_SQL, [claims.userId, claims.tokenVersion, claims.sessionId]);
  const viewer = session.rows[0];
  if (!viewer) return { body: { errors: [{ message: 'Invalid or expired access token.', extensions: { code: 'UNAUTHENTICATED' } }] }, statements: 1 };
  const admin = viewer.role === 'ADMIN';
  const [page, count] = await Promise.all([
    pool.query<PageRow>(pageSql(viewer.role), admin ? [first] : [first, viewer.id]),
    pool.query<{ total: number }>(countSql(viewer.role), admin ? [] : [viewer.id]),
  ]);
  return { body: { data: { tickets: { totalCount: count.rows[0]?.total ?? 0, nodes: page.rows.map(nodeOf) } } }, statements: 3 };
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { variables?: { first?: number } };
    board(request.headers.authorization, parsed.variables?.first ?? 50).then(
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
  if (address && typeof address === 'object') console.log(`bare board endpoint on http://127.0.0.1:${address.port}/graphql`);
});

// Requests still in flight when the load stops are answered before the pool closes.
process.on('SIGTERM', () => {
  server.close(() => void pool.end().finally(() => process.exit(0)));
  server.closeIdleConnections();
});
