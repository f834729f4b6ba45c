// Detail benchmark: the ticket page's data in one request (TicketDetail below: what web/src/features/ticket's
// TicketWorkspaceFields, TicketComments and TicketHistory and web/src/features/attachments' TicketAttachments
// ask, in one operation) served by this API in production mode against a bare node-postgres endpoint
// answering with hand-written SQL and identical JSON (bench/detail-bare-server.ts). The method is
// bench/harness.ts's, as for bench:board: turns after the database and both servers went quiet, several
// rounds, an admin and a member (the ticket's requester), req/s, p50, p99, Node CPU per request and SQL
// statements per request. The ticket is one with comments, replies, attachments, history and collaborators.
//
// The attachments' `url` is left out: it is signed with an expiry that moves with the clock, so no two
// answers would be equal. The page sizes are variables (40 comments, 100 history entries); the query cost
// (graphql/armor.ts) prices them as if written out: 3,093 of the 10,000 an operation may cost.
//
//   npm run bench:detail                                  # DATABASE_URL's server, else postgres@127.0.0.1:5432
//   npm run bench:detail -- --seconds 5 --rounds 3
//   npm run bench:detail -- --cpu-prof /tmp/prof          # V8 CPU profile of the API child (on exit)
import { parseArgs } from 'node:util';
import pg from 'pg';
import { LOCAL_POSTGRES_URL } from '../api/src/db/scratch-database.ts';
import { BENCH_PASSWORD, boardDatabase, describeData } from './board-data.ts';
import { compare, login, positiveInt, post, printComparison, printHeader, runBenchmark, startApi, startBare, statementsPerRequest } from './harness.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    fresh: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const TICKETS = positiveInt(args.tickets, '--tickets');
const CONNECTIONS = positiveInt(args.connections, '--connections');
const SECONDS = positiveInt(args.seconds, '--seconds');
const ROUNDS = positiveInt(args.rounds, '--rounds');

/** The member reads the ticket as its requester. */
const MEMBER = 'marketing.member01';
const VIEWERS = [
  { label: 'admin', username: 'admin' },
  { label: 'member', username: MEMBER },
] as const;

const DETAIL_QUERY = `query TicketDetail($id: ID!, $comments: Int!, $history: Int!) {
  ticket(id: $id) {
    id number title description status priority requestType fileFormat criteria quantity complexity
    estimatedHours actualHours scheduledStart scheduledEnd dueDate isOverdue revisionCount rejectionReason version
    viewerCanEdit availableActions createdAt updatedAt assignedAt startedAt completedAt closedAt deletedAt
    requester { id username displayName }
    department { id name }
    assignee { id username displayName }
    collaborators { id username displayName }
    productItems { quantity criteria product { id name } }
    comments(first: $comments) {
      totalCount
      nodes {
        id body createdAt
        author { id username displayName }
        replies { id body createdAt author { id username displayName } }
      }
    }
    attachments { id fileName mimeType size version width height createdAt viewerCanDelete uploader { id displayName } }
    history(first: $history) {
      totalCount
      nodes { id action createdAt fromStatus toStatus reason version actor { id displayName } changes { field from to } }
    }
  }
}`;

/**
 * The member's ticket with the most of everything the page shows: comments with replies, attachments, history
 * and collaborators, outside the trash; a COMPLETED one first (its requester may confirm or ask for a revision,
 * so the actions differ between the two viewers).
 */
const PICK_TICKET_SQL = `
SELECT t.id, t.number FROM "Ticket" t
JOIN "User" u ON u.id = t."requesterId" AND u.username = $1
CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE c."parentId" IS NULL) AS comments, count(*) FILTER (WHERE c."parentId" IS NOT NULL) AS replies
                    FROM "Comment" c WHERE c."ticketId" = t.id) AS c
CROSS JOIN LATERAL (SELECT count(*) AS n FROM "Attachment" f WHERE f."ticketId" = t.id AND f."deletedAt" IS NULL) AS f
CROSS JOIN LATERAL (SELECT count(*) AS n FROM "TicketHistory" h WHERE h."ticketId" = t.id) AS h
WHERE t."deletedAt" IS NULL AND cardinality(t."collaboratorIds") > 0 AND c.replies > 0 AND f.n > 0 AND h.n > 0
ORDER BY t.status = 'COMPLETED' DESC, c.comments + c.replies DESC, f.n DESC, h.n DESC, t.number
LIMIT 1`;

async function pickTicket(databaseUrl: string): Promise<{ id: string; number: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ticket = (await client.query<{ id: string; number: number }>(PICK_TICKET_SQL, [MEMBER])).rows[0];
    if (!ticket) throw new Error(`no ticket of ${MEMBER} has comments with replies, attachments, history and collaborators; seed more tickets`);
    return ticket;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || LOCAL_POSTGRES_URL;
  printHeader('ticket detail benchmark');
  const data = await boardDatabase(serverUrl, TICKETS, { fresh: args.fresh, log: (line) => console.log(`  ${line}`) });
  console.log(`  data:       ${describeData(data)}`);
  const ticket = await pickTicket(data.url);

  const [api, bare] = await Promise.all([startApi(data.url, args['cpu-prof']), startBare(data.url, 'bench/detail-bare-server.ts', 'bare detail endpoint')]);

  const request = JSON.stringify({
    query: DETAIL_QUERY,
    variables: { id: Buffer.from(`Ticket:${ticket.id}`).toString('base64'), comments: 40, history: 100 },
  });
  const viewers = [];
  for (const viewer of VIEWERS) viewers.push({ label: viewer.label, token: await login(api.url, viewer.username, BENCH_PASSWORD), body: request });
  const statements = new Map<string, [number, string]>();
  for (const viewer of viewers) {
    const [ours] = await statementsPerRequest(data.url, viewer.token, [request]);
    statements.set(viewer.label, [ours ?? Number.NaN, (await post(bare.url, request, viewer.token)).statements ?? '?']);
  }

  const comparison = await compare({
    databaseUrl: data.url,
    viewers,
    contenders: [
      { name: 'ours', child: api },
      { name: 'bare', child: bare },
    ],
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
    describe: (_viewer, json) => {
      type Detail = {
        number: number;
        comments: { totalCount: number; nodes: { replies: unknown[] }[] };
        attachments: unknown[];
        history: { totalCount: number };
        collaborators: unknown[];
        availableActions: string[];
      };
      const t = (json.data as { ticket: Detail }).ticket;
      const replies = t.comments.nodes.reduce((sum, comment) => sum + comment.replies.length, 0);
      return (
        `#${t.number}: ${t.comments.totalCount} comments, ${replies} replies, ${t.attachments.length} attachments, ${t.history.totalCount} history entries, ` +
        `${t.collaborators.length} collaborators, actions ${t.availableActions.join(' ')}; `
      );
    },
  });
  printComparison(
    `Ticket detail query (#${ticket.number}), ${data.tickets} tickets / ${data.comments + data.replies} comments, NODE_ENV=production, ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} rounds`,
    comparison,
    {
      headers: ['ours SQL/req', 'bare SQL/req'],
      cells: (viewer) => (statements.get(viewer.label) ?? [Number.NaN, '?']).map(String),
    },
  );
}

await runBenchmark(main);
