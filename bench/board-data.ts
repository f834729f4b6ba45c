// The board and detail benchmarks' data: the world of bench/bench-world.ts (the one bench/dashboard-stats.ts
// seeds too: departments, 30 users with password BENCH_PASSWORD, N tickets, ~10% with collaborators) plus ~3
// comments a ticket and, on a fraction of the tickets, what the ticket page shows besides: replies to comments,
// attachments (rows only), history entries with their changes, and the deadline notices a running system would
// have sent already (so the API's deadline sweep starts with nothing to catch up on).
//
// Seeded set-based in one transaction on one session with every trigger off (session_replication_role =
// replica: no per-statement counter aggregation over a million-row transition table, no per-row foreign-key
// checks, no per-collaborator refresh of Ticket.collaboratorIds); what the triggers would have kept is then filled
// set-based (collaboratorIds, TicketCounter, TicketDayCounter) and checked against count(*) before the commit.
// A crash leaves the previous data as it was.
//
// The database has a fixed name per size (perf_board_<N>) and is reused when its comment names this seed's
// version and size, so repeated runs skip the seeding; migrations are applied either way (idempotent). Bump
// SEED_VERSION when the data's shape changes: databases seeded by older code are then seeded again.
import pg from 'pg';
import { openDatabase } from '../api/src/db/client.ts';
import { applyMigrations } from '../api/src/db/migrate.ts';
import { withDatabaseName } from '../api/src/db/scratch-database.ts';
import type { Viewer } from '../api/src/domain/viewer.ts';
import { dashboardCountsSql } from '../api/src/services/stats.ts';
import { h, seedBenchWorld, UUID7 } from './bench-world.ts';

export { BENCH_PASSWORD } from './bench-world.ts';

const SEED_VERSION = 3;
const seedMark = (tickets: number) => `bench seed v${SEED_VERSION}: ${tickets} tickets`;

const PEOPLE = `people AS (SELECT u.id, (row_number() OVER (ORDER BY u.username) - 1)::int AS k FROM "User" u)`;

// The 10% of tickets that have replies, attachments and history: the same ones, so that tickets with all of
// the ticket page's parts (and collaborators, another 10%) exist at every size.
const DETAILED = `${h('t.number', 'detailed', 10)} = 0`;

// One to five comments a ticket (three on average), by the requester or someone else, an hour apart.
const SEED_COMMENTS_SQL = `
WITH ${PEOPLE}
INSERT INTO "Comment" ("id", "ticketId", "authorId", "body", "createdAt", "updatedAt")
SELECT ${UUID7}, t.id, CASE WHEN n = 1 THEN t."requesterId" ELSE p.id END, 'Benchmark comment ' || n,
       t."createdAt" + n * interval '1 hour', t."createdAt" + n * interval '1 hour'
FROM "Ticket" t
CROSS JOIN generate_series(1, 5) AS n
JOIN people p ON p.k = ${h("t.number || '/' || n", 'author', '$1::int')}
WHERE n <= 1 + ${h('t.number', 'comments', 5)}`;

// On the detailed tickets, each comment has one or two replies, ten minutes apart.
const SEED_REPLIES_SQL = `
WITH ${PEOPLE}
INSERT INTO "Comment" ("id", "ticketId", "authorId", "parentId", "body", "createdAt", "updatedAt")
SELECT ${UUID7}, c."ticketId", p.id, c.id, 'Benchmark reply ' || n,
       c."createdAt" + n * interval '10 minutes', c."createdAt" + n * interval '10 minutes'
FROM "Ticket" t
JOIN "Comment" c ON c."ticketId" = t.id AND c."parentId" IS NULL
CROSS JOIN generate_series(1, 2) AS n
JOIN people p ON p.k = ${h("c.id::text || '/' || n", 'replier', '$1::int')}
WHERE ${DETAILED} AND n <= 1 + ${h('c.id::text', 'reply count', 2)}`;

// On the detailed tickets, one to four files an hour apart: a brief, a banner, a mood board and the banner's second
// version; one mood board in five was removed again (deletedAt). Sizes and digests are made up.
const SEED_ATTACHMENTS_SQL = `
INSERT INTO "Attachment" ("id", "ticketId", "uploaderId", "fileName", "mimeType", "size", "sha256", "storageKey", "version", "width", "height", "deletedAt", "createdAt")
SELECT ${UUID7}, t.id, CASE WHEN n = 1 THEN t."requesterId" ELSE coalesce(t."assigneeId", t."requesterId") END,
       (ARRAY['brief-' || t.number || '.pdf', 'banner-1200x628.png', 'moodboard.jpg', 'banner-1200x628.png'])[n],
       (ARRAY['application/pdf', 'image/png', 'image/jpeg', 'image/png'])[n],
       20000 + ${h("t.number || '/' || n", 'size', 4000000)}, d.sha, d.sha,
       (ARRAY[1, 1, 1, 2])[n], (ARRAY[NULL, 1200, 1920, 1200])[n], (ARRAY[NULL, 628, 1080, 628])[n],
       CASE WHEN n = 3 AND ${h('t.number', 'removed', 5)} = 0 THEN t."createdAt" + interval '5 hours' END,
       t."createdAt" + n * interval '1 hour' + interval '5 minutes'
FROM "Ticket" t
CROSS JOIN generate_series(1, 4) AS n
CROSS JOIN LATERAL (SELECT encode(sha256(convert_to(t.id::text || '/' || n, 'UTF8')), 'hex') AS sha) AS d
WHERE ${DETAILED} AND n <= 1 + ${h('t.number', 'attachments', 4)}`;

// On the detailed tickets, the history their stamps tell (created, edited, approved twice, assigned, started,
// completed, confirmed, or rejected), each entry with its changes and the snapshot after it. Decisions are the
// admin's; the makers start and complete; the requester creates, edits and confirms.
const SEED_HISTORY_SQL = `
WITH admin AS (SELECT id FROM "User" WHERE username = 'admin'),
steps AS (
  SELECT t.*, e.*
  FROM "Ticket" t
  CROSS JOIN LATERAL (VALUES
    ('CREATED', t."createdAt", NULL, 'REQUESTED', '[]'::jsonb, t."requesterId", NULL),
    ('UPDATED', t."createdAt" + interval '30 minutes', 'REQUESTED', 'REQUESTED',
      jsonb_build_array(jsonb_build_object('field', 'priority', 'from', 'MEDIUM', 'to', t."priority"::text),
                        jsonb_build_object('field', 'quantity', 'from', 1, 'to', 2)), t."requesterId", NULL),
    ('APPROVED', t."deptApprovedAt", 'REQUESTED', 'PENDING_CREATIVE',
      jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'REQUESTED', 'to', 'PENDING_CREATIVE')), (SELECT id FROM admin), NULL),
    ('APPROVED', t."creativeApprovedAt", 'PENDING_CREATIVE', 'APPROVED',
      jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'PENDING_CREATIVE', 'to', 'APPROVED')), (SELECT id FROM admin), NULL),
    ('ASSIGNED', t."assignedAt", 'APPROVED', 'APPROVED',
      jsonb_build_array(jsonb_build_object('field', 'assigneeId', 'from', NULL, 'to', t."assigneeId")), (SELECT id FROM admin), NULL),
    ('STARTED', t."startedAt", 'APPROVED', 'IN_PROGRESS',
      jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'APPROVED', 'to', 'IN_PROGRESS')), t."assigneeId", NULL),
    ('COMPLETED', t."completedAt", 'IN_PROGRESS', 'COMPLETED',
      jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'IN_PROGRESS', 'to', 'COMPLETED')), t."assigneeId", NULL),
    ('CONFIRMED', t."closedAt", 'COMPLETED', 'CLOSED',
      jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'COMPLETED', 'to', 'CLOSED')), t."requesterId", NULL),
    ('REJECTED', t."rejectedAt", CASE WHEN t."reachedCreativeAt" IS NULL THEN 'REQUESTED' ELSE 'PENDING_CREATIVE' END, 'REJECTED',
      jsonb_build_array(jsonb_build_object('field', 'status', 'from', CASE WHEN t."reachedCreativeAt" IS NULL THEN 'REQUESTED' ELSE 'PENDING_CREATIVE' END, 'to', 'REJECTED')),
      (SELECT id FROM admin), t."rejectionReason")
  ) AS e(action, at, from_status, to_status, changes, actor, reason)
  WHERE ${DETAILED} AND e.at IS NOT NULL
)
INSERT INTO "TicketHistory" ("id", "ticketId", "actorId", "action", "fromStatus", "toStatus", "changes", "snapshot", "reason", "version", "createdAt")
SELECT ${UUID7}, s.id, s.actor, s.action::"HistoryAction", s.from_status::"TicketStatus", s.to_status::"TicketStatus", s.changes,
       jsonb_build_object(
         'status', s.to_status, 'assigneeId', CASE WHEN s.at >= s."assignedAt" THEN s."assigneeId" END,
         'collaboratorIds', to_jsonb(s."collaboratorIds"), 'title', s.title, 'description', s.description,
         'priority', s.priority, 'dueDate', to_char(s."dueDate", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'requestType', s."requestType",
         'fileFormat', s."fileFormat", 'criteria', s.criteria, 'quantity', CASE WHEN s.action = 'CREATED' THEN 1 ELSE 2 END,
         'complexity', s.complexity, 'estimatedHours', s."estimatedHours", 'actualHours', s."actualHours",
         'scheduledStart', NULL, 'scheduledEnd', NULL, 'revisionCount', s."revisionCount"),
       s.reason, (row_number() OVER (PARTITION BY s.id ORDER BY s.at, s.action))::int, s.at
FROM steps s`;

// What the triggers keep, filled set-based after a seed that ran without them (the same sums as the
// migrations' own fill of existing tickets: read_rule_collaborator_index, dashboard_counters).
const FILL_COLLABORATOR_IDS_SQL = `
UPDATE "Ticket" t SET "collaboratorIds" = c.ids
FROM (SELECT "ticketId", array_agg("userId" ORDER BY "userId") AS ids FROM "TicketCollaborator" GROUP BY 1) AS c
WHERE t.id = c."ticketId"`;

const TICKET_COUNTER_SUMS = `
SELECT "departmentId", "reachedCreativeAt" IS NOT NULL, "status", "priority", count(*)::int
FROM "Ticket" WHERE "deletedAt" IS NULL
GROUP BY 1, 2, 3, 4`;

const TICKET_DAY_COUNTER_SUMS = `
SELECT day, "departmentId", reached, sum(created)::int, sum(completed)::int
FROM (
  SELECT "createdAt"::date AS day, "departmentId", "reachedCreativeAt" IS NOT NULL AS reached, 1 AS created, 0 AS completed
  FROM "Ticket" WHERE "deletedAt" IS NULL
  UNION ALL
  SELECT "completedAt"::date, "departmentId", "reachedCreativeAt" IS NOT NULL, 0, 1
  FROM "Ticket" WHERE "deletedAt" IS NULL AND "completedAt" IS NOT NULL
) AS days
GROUP BY 1, 2, 3`;

const COUNTER_CELLS = `SELECT "departmentId", "reachedCreative", "status", "priority", "count" FROM "TicketCounter" WHERE "count" <> 0`;
const DAY_COUNTER_CELLS = `SELECT "day", "departmentId", "reachedCreative", "created", "completed" FROM "TicketDayCounter" WHERE "created" <> 0 OR "completed" <> 0`;

/** Cells of the counters that differ from a recount of the tickets (either way). */
const COUNTERS_DIFFERING_SQL = `
SELECT (SELECT count(*) FROM ((${COUNTER_CELLS} EXCEPT ALL ${TICKET_COUNTER_SUMS}) UNION ALL (${TICKET_COUNTER_SUMS} EXCEPT ALL ${COUNTER_CELLS})) AS d)::int AS "TicketCounter",
       (SELECT count(*) FROM ((${DAY_COUNTER_CELLS} EXCEPT ALL ${TICKET_DAY_COUNTER_SUMS}) UNION ALL (${TICKET_DAY_COUNTER_SUMS} EXCEPT ALL ${DAY_COUNTER_CELLS})) AS d)::int AS "TicketDayCounter"`;

// The notices a running system has sent already: the reminder for every open ticket due within a day (or
// past due), and the overdue notice for those past due.
const SEED_DEADLINE_NOTICES_SQL = `
INSERT INTO "DeadlineNotice" ("ticketId", "dueDate", "kind", "createdAt")
SELECT t.id, t."dueDate", k.kind::"NotificationKind", least(t."dueDate", now() AT TIME ZONE 'UTC')
FROM "Ticket" t
CROSS JOIN (VALUES ('DEADLINE_REMINDER', interval '1 day'), ('TICKET_OVERDUE', interval '0')) AS k(kind, lead)
WHERE t."deletedAt" IS NULL AND t."status" NOT IN ('COMPLETED', 'CLOSED', 'REJECTED')
  AND t."dueDate" <= (now() AT TIME ZONE 'UTC') + k.lead`;

/** The tables a seed fills in bulk. */
const BULK_TABLES = ['Ticket', 'TicketCollaborator', 'Comment', 'Attachment', 'TicketHistory', 'DeadlineNotice'];

/** Their indexes that back no constraint (primary keys stay: foreign keys depend on them), with their definitions. */
const SECONDARY_INDEXES_SQL = `
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY 1`;

export type BoardData = {
  url: string;
  reused: boolean;
  tickets: number;
  comments: number;
  replies: number;
  attachments: number;
  history: number;
  collaborators: number;
  users: number;
  /** The whole call: migrations, the seed if one ran, VACUUM/ANALYZE. */
  seedMs: number;
  /** Each seeding step with its milliseconds (empty when reused). */
  steps: [string, number][];
};

/** The data line the endpoint benchmarks print. */
export function describeData(data: BoardData): string {
  return (
    `${data.tickets} tickets, ${data.comments} comments + ${data.replies} replies, ${data.attachments} attachments, ` +
    `${data.history} history entries, ${data.collaborators} collaborators, ${data.users} users in ${new URL(data.url).pathname.slice(1)} ` +
    `(${data.reused ? 'reused' : 'seeded'}, ${(data.seedMs / 1000).toFixed(1)} s incl. migrations, checks and ANALYZE)`
  );
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const COUNT_SQL = `SELECT (SELECT count(*) FROM "Ticket")::int AS tickets,
  (SELECT count(*) FROM "Comment" WHERE "parentId" IS NULL)::int AS comments,
  (SELECT count(*) FROM "Comment" WHERE "parentId" IS NOT NULL)::int AS replies,
  (SELECT count(*) FROM "Attachment")::int AS attachments,
  (SELECT count(*) FROM "TicketHistory")::int AS history,
  (SELECT count(*) FROM "TicketCollaborator")::int AS collaborators,
  (SELECT count(*) FROM "User")::int AS users`;

type Counts = Pick<BoardData, 'tickets' | 'comments' | 'replies' | 'attachments' | 'history' | 'collaborators' | 'users'>;

/**
 * The database `perf_board_<tickets>` on the server of `serverUrl`, seeded unless it already holds this seed's
 * data. `log` hears each seeding step as it finishes (a million tickets take minutes).
 */
export async function boardDatabase(serverUrl: string, tickets: number, options: { fresh: boolean; log?: (line: string) => void }): Promise<BoardData> {
  const name = `perf_board_${tickets}`;
  const url = withDatabaseName(serverUrl, name);
  const started = performance.now();
  const exists = await onServer(serverUrl, async (client) => {
    if (options.fresh) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  });
  if (!exists) await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));

  const db = await openDatabase({ kind: 'postgres', url });
  try {
    await applyMigrations(db.adapterFactory);
  } finally {
    await db.close();
  }

  return onServer(url, async (client) => {
    const { rows } = await client.query<{ mark: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = current_database()`,
    );
    const reused = rows[0]?.mark === seedMark(tickets);
    const steps: [string, number][] = [];
    if (!reused) {
      await seed(client, tickets, name, (step, ms) => {
        steps.push([step, ms]);
        options.log?.(`seeded ${step} in ${(ms / 1000).toFixed(1)} s`);
      });
      // The visibility map (index-only counts) and statistics, as autovacuum would set them after a bulk load:
      // done now, so autovacuum has nothing to do while the benchmark runs.
      const vacuumStarted = performance.now();
      await client.query('VACUUM (ANALYZE)');
      steps.push(['VACUUM (ANALYZE)', performance.now() - vacuumStarted]);
      options.log?.(`VACUUM (ANALYZE) in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
    } else {
      await checkCounters(client);
      await client.query('ANALYZE');
    }
    const counts = (await client.query<Counts>(COUNT_SQL)).rows[0];
    if (!counts) throw new Error('no counts');
    return { url, reused, ...counts, seedMs: performance.now() - started, steps };
  });
}

async function seed(client: pg.Client, tickets: number, databaseName: string, step: (name: string, ms: number) => void): Promise<void> {
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const at = performance.now();
    const result = await work();
    step(name, performance.now() - at);
    return result;
  };
  const sql = async (text: string, params: readonly unknown[] = []) => (await client.query(text, [...params])).rowCount ?? 0;
  await client.query('BEGIN');
  try {
    // Triggers (and with them foreign-key checks) off for this transaction only; needs a superuser.
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL work_mem = '256MB'`);
    await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    await client.query(`SET LOCAL jit = off`);
    await timed('truncate', () =>
      sql(
        `TRUNCATE "Department", "User", "Ticket", "Comment", "TicketCollaborator", "Attachment", "TicketHistory", "DeadlineNotice",
                  "TicketCounter", "TicketDayCounter" RESTART IDENTITY CASCADE`,
      ),
    );
    // Bulk loads into tables without their secondary indexes, which are built afterwards in one pass each
    // (a trigram GIN index filled row by row cost most of the old seed's time).
    const indexes = (await client.query<{ name: string; definition: string }>(SECONDARY_INDEXES_SQL, [BULK_TABLES])).rows;
    await timed(`dropping ${indexes.length} secondary indexes`, () => sql(`DROP INDEX ${indexes.map((index) => index.name).join(', ')}`));
    const world = await timed(`users, ${tickets} tickets and collaborators`, () => seedBenchWorld(sql, tickets));
    const people = world.users.length;
    await timed('Ticket.collaboratorIds', () => sql(FILL_COLLABORATOR_IDS_SQL));
    await timed('TicketCounter and TicketDayCounter', async () => {
      await sql(`INSERT INTO "TicketCounter" ("departmentId", "reachedCreative", "status", "priority", "count") ${TICKET_COUNTER_SUMS}`);
      await sql(`INSERT INTO "TicketDayCounter" ("day", "departmentId", "reachedCreative", "created", "completed") ${TICKET_DAY_COUNTER_SUMS}`);
    });
    // Statistics of the fresh rows before the statements that join them (without, at 1,000,000 tickets the
    // replies' join took 134 s instead of seconds).
    await timed('ANALYZE of the tickets', () => sql('ANALYZE "User", "Ticket", "TicketCollaborator"'));
    await timed('comments', () => sql(SEED_COMMENTS_SQL, [people]));
    await timed('ANALYZE of the comments', () => sql('ANALYZE "Comment"'));
    await timed('replies', () => sql(SEED_REPLIES_SQL, [people]));
    await timed('attachments', () => sql(SEED_ATTACHMENTS_SQL));
    await timed('history', () => sql(SEED_HISTORY_SQL));
    await timed('deadline notices', () => sql(SEED_DEADLINE_NOTICES_SQL));
    await timed(`rebuilding ${indexes.length} secondary indexes`, async () => {
      for (const index of indexes) await sql(index.definition);
    });
    await timed('counter check', () => checkCounters(client));
    await client.query(`COMMENT ON DATABASE "${databaseName}" IS '${seedMark(tickets)}'`);
    await timed('commit', () => client.query('COMMIT'));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The counters against the tickets: every TicketCounter and TicketDayCounter cell equals a recount, and the
 * admin's dashboard total (services/stats.ts reads it from the counters) equals count(*) of the live tickets.
 * Run inside the seed's transaction and again on every reuse.
 */
async function checkCounters(client: pg.Client): Promise<void> {
  const differing = (await client.query<Record<string, number>>(COUNTERS_DIFFERING_SQL)).rows[0] ?? {};
  for (const [table, n] of Object.entries(differing)) if (n !== 0) throw new Error(`${table}: ${n} cells differ from a recount of the tickets`);
  const admin = (await client.query<Viewer>(`SELECT id, username, role, "departmentId", false AS "inCreativeDepartment" FROM "User" WHERE username = 'admin'`))
    .rows[0];
  if (!admin) throw new Error('no admin seeded');
  const cards = dashboardCountsSql(admin);
  const total = Number((await client.query<{ total: unknown }>(cards.text, cards.values)).rows[0]?.total ?? -1);
  const live = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Ticket" WHERE "deletedAt" IS NULL`)).rows[0]?.n;
  if (total !== live) throw new Error(`the admin's dashboard total ${total} differs from count(*) ${live}`);
}
