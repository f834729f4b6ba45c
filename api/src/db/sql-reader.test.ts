// Statements read with { prepare: true } stay prepared on the connection (parsed and planned once), at most
// MAX_PREPARED_STATEMENTS distinct ones per process; others run unprepared. On PostgreSQL (DATABASE_URL's server,
// else the local one): PGlite has no named statements.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Prisma } from './generated/prisma/client.ts';
import { LOCAL_POSTGRES_URL } from './scratch-database.ts';
import { postgresReader } from './sql-reader.ts';

// One connection, so the statements prepared are all on the one pg_prepared_statements asks.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL || LOCAL_POSTGRES_URL, max: 1 });
afterAll(() => pool.end());

const preparedTexts = async () => (await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map((row) => row.statement);

describe('postgresReader', () => {
  it('prepares a statement read with prepare once, keeps others unprepared, and stops preparing at the limit', async () => {
    const sql = postgresReader(pool, pg.types);
    const prepared = Prisma.sql`SELECT ${7}::int AS "n", 'prepared' AS "kind"`;
    expect(await sql.rows(prepared, { prepare: true })).toEqual([{ n: 7, kind: 'prepared' }]);
    expect(await sql.rows(Prisma.sql`SELECT ${8}::int AS "n", 'prepared' AS "kind"`, { prepare: true })).toEqual([{ n: 8, kind: 'prepared' }]);
    await sql.rows(Prisma.sql`SELECT ${1}::int AS "n", 'plain' AS "kind"`);
    expect(await preparedTexts()).toEqual([prepared.text]);

    for (let i = 1; i < 100; i++) await sql.rows(Prisma.sql`SELECT ${i}::int AS "n", ${Prisma.raw(String(i))} AS "distinct"`, { prepare: true });
    expect(await preparedTexts()).toHaveLength(100);
    const past = Prisma.sql`SELECT ${5}::int AS "n", 'past the limit' AS "kind"`;
    expect(await sql.rows(past, { prepare: true })).toEqual([{ n: 5, kind: 'past the limit' }]);
    expect(await preparedTexts()).toHaveLength(100);
    expect(await preparedTexts()).not.toContain(past.text);
  });
});
