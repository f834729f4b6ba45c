// The demo data, seeded once at install instead of at every first start. Playing the demo month through the
// real services takes seconds, in one PGlite transaction that holds the only connection: the first sign-in
// waited for it. So `npm run build:api` seeds a template data directory (see db/pglite.ts), marked with the time
// it was seeded; a new data directory copied from it is adopted before the server listens: every time it holds
// moves forward by (now − seeded at), as if the seed had run now, in one transaction with dropping the mark.
import type { PGlite } from '@electric-sql/pglite';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { openDatabase } from '../db/client.ts';
import type { Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import { seedDemoAccounts, seedDemoTickets } from './demo.ts';
import { DEMO_USERS } from './demo-team.ts';

type Tx = Prisma.TransactionClient;

/** Outside the public schema: Prisma and the migrations never see it. */
const MARK = '"juan365_template"."demo"';
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;
const ISO_TIME_SQL = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z';
const DATA_SCHEMA = 'public';
/** Prisma's own bookkeeping keeps the real times it was migrated at. */
const NOT_DATA = ['_prisma_migrations'];

/** For buildPGliteTemplate's `prepare`: the demo accounts (with `password`) and month, and the mark. */
export async function seedDemoTemplate(pglite: PGlite, options: { password: string }): Promise<string> {
  const db = await openDatabase({ kind: 'pglite', pglite });
  try {
    const accounts = await seedDemoAccounts(db.prisma, options);
    const tickets = await seedDemoTickets(db.prisma);
    if (!accounts || !tickets) throw new Error('the demo template must start from an empty database');
    await db.prisma.$executeRawUnsafe('CREATE SCHEMA "juan365_template"');
    await db.prisma.$executeRawUnsafe(`CREATE TABLE ${MARK} ("seededAt" timestamptz NOT NULL)`);
    await db.prisma.$executeRawUnsafe(`INSERT INTO ${MARK} VALUES (now())`);
    return `${accounts.summary}; ${tickets.summary}`;
  } finally {
    await db.prisma.$disconnect();
  }
}

/**
 * Adopts a data directory copied from the demo template: null when it is not one (or was adopted already).
 * The demo accounts get `password` when the template's differs (DEMO_PASSWORD).
 */
export async function adoptDemoTemplate(prisma: PrismaClient, options: { password: string }): Promise<{ summary: string } | null> {
  const [marked] = await prisma.$queryRawUnsafe<{ mark: string | null }[]>(`SELECT to_regclass('${MARK}')::text AS mark`);
  if (!marked?.mark) return null;
  const passwordHash = await demoPasswordHash(prisma, options.password);
  return prisma.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ shiftMs: number }[]>(
        `SELECT (extract(epoch FROM now() - "seededAt") * 1000)::float8 AS "shiftMs" FROM ${MARK} FOR UPDATE`,
      );
      if (!row) return null;
      await shiftEveryTime(tx, row.shiftMs);
      if (passwordHash) {
        await tx.user.updateMany({ where: { username: { in: DEMO_USERS.map((user) => user.username) } }, data: { passwordHash } });
      }
      await tx.$executeRawUnsafe('DROP SCHEMA "juan365_template" CASCADE');
      const [counts] = await tx.$queryRawUnsafe<{ users: number; tickets: number; comments: number }[]>(
        `SELECT (SELECT count(*) FROM "User")::int AS users, (SELECT count(*) FROM "Ticket")::int AS tickets, (SELECT count(*) FROM "Comment")::int AS comments`,
      );
      return {
        summary:
          `seeded demo data from the install-time template: ${counts?.users} users; ` +
          `seeded demo tickets: ${counts?.tickets} tickets, ${counts?.comments} comments, moved ${(row.shiftMs / 86_400_000).toFixed(2)} days forward`,
      };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** A new hash when the demo accounts' password is not `password` (checked on one of them), else null. */
async function demoPasswordHash(prisma: PrismaClient, password: string): Promise<string | null> {
  const someone = await prisma.user.findFirst({ where: { username: { in: DEMO_USERS.map((user) => user.username) } }, select: { passwordHash: true } });
  if (!someone || (await verifyPassword(someone.passwordHash, password))) return null;
  return hashPassword(password);
}

type Column = { table: string; column: string; type: string };

/**
 * Moves every time in the data by shiftMs: every timestamp column, and the ISO times quoted inside text and
 * JSON (history snapshots, notification bodies, outbox payloads). Found from the catalogue, so a column added
 * by a later migration moves too.
 */
async function shiftEveryTime(tx: Tx, shiftMs: number): Promise<void> {
  const columns = await tx.$queryRawUnsafe<Column[]>(
    `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS "type"
     FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND NOT (c.table_name = ANY ($2::text[]))
       AND c.data_type IN ('timestamp without time zone', 'timestamp with time zone', 'jsonb', 'text')
     ORDER BY 1, 2`,
    DATA_SCHEMA,
    NOT_DATA,
  );
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const shift = (iso: string) => new Date(Date.parse(iso) + shiftMs).toISOString();

  // Text first: its rows are found by ctid, which the timestamp UPDATEs below change.
  for (const { table, column, type } of columns.filter((c) => c.type === 'jsonb' || c.type === 'text')) {
    const rows = await tx.$queryRawUnsafe<{ ctid: string; value: string }[]>(
      `SELECT ctid::text AS ctid, ${quote(column)}::text AS value FROM ${quote(table)} WHERE ${quote(column)}::text ~ $1`,
      ISO_TIME_SQL,
    );
    if (!rows.length) continue;
    const moved = rows.map((row) => ({ ctid: row.ctid, value: row.value.replace(ISO_TIME, shift) }));
    await tx.$executeRawUnsafe(
      `UPDATE ${quote(table)} AS t SET ${quote(column)} = v.value::${type}
       FROM jsonb_to_recordset($1::jsonb) AS v(ctid text, value text) WHERE t.ctid = v.ctid::tid`,
      JSON.stringify(moved),
    );
  }

  const byTable = new Map<string, string[]>();
  for (const { table, column, type } of columns) {
    if (type.startsWith('timestamp')) byTable.set(table, [...(byTable.get(table) ?? []), column]);
  }
  for (const [table, stamps] of byTable) {
    const assignments = stamps.map((column) => `${quote(column)} = ${quote(column)} + $1::float8 * interval '1 millisecond'`);
    await tx.$executeRawUnsafe(`UPDATE ${quote(table)} SET ${assignments.join(', ')}`, shiftMs);
  }
}
