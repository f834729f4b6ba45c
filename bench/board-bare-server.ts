// The board benchmark's yardstick: the same board page as the GraphQL API serves, answered by hand-written SQL
// through node-postgres and a plain node:http server, with identical JSON. It does what any endpoint must do
// for the same answer: checks the access token and its session (one statement, as the API does), then reads
// the page (requester, assignee, department and comment count joined in) and the total, both under the read
// rule in its index-friendly form. Runs as a child process of bench/board.ts; prints its URL when listening.
//
//   DATABASE_URL=… JWT_SECRET=… node --import tsx bench/board-bare-server.ts
import { type Answer, globalId, pool, serve, sessionViewer, visible } from './bare-endpoint.ts';

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

async function board(authorization: string | undefined, first: number): Promise<Answer> {
  const viewer = await sessionViewer(authorization);
  if ('body' in viewer) return viewer;
  const admin = viewer.role === 'ADMIN';
  const [page, count] = await Promise.all([
    pool.query<PageRow>(pageSql(viewer.role), admin ? [first] : [first, viewer.id]),
    pool.query<{ total: number }>(countSql(viewer.role), admin ? [] : [viewer.id]),
  ]);
  return { body: { data: { tickets: { totalCount: count.rows[0]?.total ?? 0, nodes: page.rows.map(nodeOf) } } }, statements: 3 };
}

serve('bare board endpoint', (authorization, variables) => board(authorization, typeof variables.first === 'number' ? variables.first : 50));
