// The board benchmark's data: the world of bench/bench-world.ts (the one bench/dashboard-stats.ts seeds too:
// departments, 28 users with password BENCH_PASSWORD, N tickets, ~10% with collaborators) plus ~3 comments a
// ticket.
//
// The database has a fixed name per size (perf_board_<N>) and is reused when it already holds that data, so
// repeated runs skip the minute of seeding; migrations are applied either way (idempotent).
import pg from 'pg';
import { openDatabase } from '../api/src/db/client.ts';
import { applyMigrations } from '../api/src/db/migrate.ts';
import { withDatabaseName } from '../api/src/db/scratch-database.ts';
import { h, seedBenchWorld } from './bench-world.ts';

export { BENCH_PASSWORD } from './bench-world.ts';

// One to five comments a ticket (three on average), by the requester or someone else, after the ticket was made.
const SEED_COMMENTS_SQL = `
WITH people AS (
  SELECT u.id, (row_number() OVER (ORDER BY u.username) - 1)::int AS k FROM "User" u
)
INSERT INTO "Comment" ("id", "ticketId", "authorId", "body", "createdAt", "updatedAt")
SELECT gen_random_uuid(), t.id, CASE WHEN n = 1 THEN t."requesterId" ELSE p.id END, 'Benchmark comment ' || n,
       t."createdAt" + n * interval '1 hour', t."createdAt" + n * interval '1 hour'
FROM "Ticket" t
CROSS JOIN generate_series(1, 5) AS n
JOIN people p ON p.k = ${h("t.number || '/' || n", 'author', '$1::int')}
WHERE n <= 1 + ${h('t.number', 'comments', 5)}`;

export type BoardData = {
  url: string;
  reused: boolean;
  tickets: number;
  comments: number;
  users: number;
  seedMs: number;
};

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The database `perf_board_<tickets>` on the server of `serverUrl`, seeded unless it already holds the data. */
export async function boardDatabase(serverUrl: string, tickets: number, options: { fresh: boolean }): Promise<BoardData> {
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
    const prisma = db.prisma;
    const count = async () => {
      const [row] = await prisma.$queryRawUnsafe<{ tickets: number; comments: number; users: number }[]>(
        'SELECT (SELECT count(*) FROM "Ticket")::int AS tickets, (SELECT count(*) FROM "Comment")::int AS comments, (SELECT count(*) FROM "User")::int AS users',
      );
      return row ?? { tickets: 0, comments: 0, users: 0 };
    };
    const before = await count();
    const reused = before.tickets === tickets && before.comments > 0;
    if (!reused) {
      await prisma.$executeRawUnsafe('TRUNCATE "Department", "User", "Ticket", "Comment", "TicketCollaborator" CASCADE');
      await seed(prisma, tickets);
    }
    await prisma.$executeRawUnsafe('ANALYZE');
    const after = await count();
    return { url, reused, ...after, seedMs: performance.now() - started };
  } finally {
    await db.close();
  }
}

type Prisma = Awaited<ReturnType<typeof openDatabase>>['prisma'];

async function seed(prisma: Prisma, tickets: number): Promise<void> {
  const world = await seedBenchWorld(prisma, tickets);
  await prisma.$executeRawUnsafe(SEED_COMMENTS_SQL, world.users.length);
}
