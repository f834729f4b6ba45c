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
  rows<Row>(query: Prisma.Sql, options?: ReadOptions): Promise<Row[]>;
};

export type ReadOptions = {
  /**
   * Keep the statement prepared on each connection (PostgreSQL): parsed and planned once, not on every call.
   * For statements keyed by an id (the session check, the ticket page), whose plan is the same for every
   * value: their planning cost PostgreSQL more than running them (the ticket page's 2.4–6 ms against 1.3 ms,
   * the session check's 1–3 ms against 0.1 ms under load). Not for statements whose best plan depends on the
   * values (the lists' read rule), where a generic plan could be the wrong one.
   */
  prepare?: boolean;
};

/**
 * Distinct statements kept prepared per process (each one on every pooled connection): the ticket page's text
 * follows the selection, so a client sending ever new selections must not grow every backend's memory.
 * Statements past the limit run unprepared.
 */
const MAX_PREPARED_STATEMENTS = 100;

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
  // A name per statement text, the same on every connection (node-postgres prepares it on each the first time).
  const prepared = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = prepared.get(text);
    if (name === undefined && prepared.size < MAX_PREPARED_STATEMENTS) {
      name = `read_${prepared.size}`;
      prepared.set(text, name);
    }
    return name;
  };
  return {
    async rows<Row>(query: Prisma.Sql, options?: ReadOptions) {
      onQuery?.(query.text);
      const name = options?.prepare ? nameOf(query.text) : undefined;
      const result = await pool.query({ name, text: query.text, values: query.values as unknown[], types: parsers });
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
