// Reads on the hottest paths (every request's session check, the ticket lists, the ticket page) sent straight to
// the driver both engines already use, not through Prisma's client. On those reads the client cost more CPU
// than the statement cost PostgreSQL: planning each query in its compiler, mapping arguments, decoding every
// column of every row (a quarter of a board request's CPU, issue 23's profile). Writes and everything else stay
// on Prisma. The statements are Prisma.sql templates, so values are always parameters, never spliced in.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Prisma } from './generated/prisma/client.ts';

export type SqlReader = {
  /**
   * The rows of one statement: a read, or a read with a small write riding in it (an API token's lastUsedAt
   * stamp, context.ts); never a change that needs a transaction. Timestamps come back as Dates (UTC, as Prisma
   * writes them).
   */
  rows<Row>(query: Prisma.Sql): Promise<Row[]>;
};

/** PostgreSQL type ids whose text form we parse ourselves: the same on both engines, whatever the process's zone. */
const TIMESTAMP = 1114;
const TIMESTAMP_ARRAY = 1115;

/** `timestamp(3)` without a zone holds UTC (Prisma writes it so); node-postgres would read it as local time. */
function parseUtcTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

function parseUtcTimestampArray(text: string): Date[] {
  // {"2026-01-01 10:00:00.5","2026-01-02 11:00:00"}: timestamps never contain commas or quotes.
  const inner = text.slice(1, -1);
  return inner ? inner.split(',').map((item) => parseUtcTimestamp(item.replace(/^"|"$/g, ''))) : [];
}

/** `types` is node-postgres' type registry (pg.types), whose parsers serve every other type (json, arrays, numbers). */
export function postgresReader(pool: pg.Pool, types: typeof pg.types, onQuery?: (sql: string) => void): SqlReader {
  const parsers = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === TIMESTAMP) return parseUtcTimestamp;
      if (oid === TIMESTAMP_ARRAY) return parseUtcTimestampArray;
      return types.getTypeParser(oid, format ?? 'text');
    },
  };
  return {
    async rows<Row>(query: Prisma.Sql) {
      onQuery?.(query.text);
      const result = await pool.query({ text: query.text, values: query.values as unknown[], types: parsers });
      return result.rows as Row[];
    },
  };
}

export function pgliteReader(pglite: PGlite, onQuery?: (sql: string) => void): SqlReader {
  const parsers = { [TIMESTAMP]: parseUtcTimestamp, [TIMESTAMP_ARRAY]: parseUtcTimestampArray };
  return {
    async rows<Row>(query: Prisma.Sql) {
      onQuery?.(query.text);
      const result = await pglite.query<Row>(query.text, query.values as unknown[], { parsers });
      return result.rows;
    },
  };
}
