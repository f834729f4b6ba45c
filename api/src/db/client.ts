// The Prisma client on one of two engines: embedded PGlite (no server needed) or a real PostgreSQL.
import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { createLogger, type Logger } from '../logger.ts';
import { PrismaClient } from './generated/prisma/client.ts';
import { openPGlite } from './pglite.ts';
import { pgliteReader, postgresReader, type SqlReader } from './sql-reader.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** For the migration engine, which needs its own connection through the same driver. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Hand-written reads for the hottest paths, on the same connections as Prisma (db/sql-reader.ts). */
  sql: SqlReader;
  close(): Promise<void>;
};

type CommonOptions = {
  /** Called with every SQL statement Prisma sends (tests count statements with it). */
  onQuery?: (sql: string) => void;
  /** Told of PostgreSQL connections lost outside a query (a backend ended by the server, a network cut), and of Prisma's warnings. */
  logger?: Logger;
};

export type DatabaseOptions = CommonOptions &
  (
    | { kind: 'postgres'; url: string; poolSize?: number }
    /** `memory://` for a throwaway database, otherwise a data directory; or an instance already started. */
    | { kind: 'pglite'; dataDir: string; templateDir?: string | null }
    | { kind: 'pglite'; pglite: PGlite }
  );

function createClient(adapter: SqlMigrationAwareDriverAdapterFactory, options: CommonOptions): PrismaClient {
  const { onQuery } = options;
  // Prisma's own warnings and notices become lines of the JSON log instead of plain text on stdout (a database
  // opened before the app's logger exists, by main.ts, gets a logger of its own at warn level).
  const logger = options.logger ?? createLogger('warn');
  const client = new PrismaClient({
    adapter,
    log: [{ level: 'warn', emit: 'event' }, { level: 'info', emit: 'event' }, ...(onQuery ? [{ level: 'query' as const, emit: 'event' as const }] : [])],
  });
  client.$on('warn', (event) => logger.warn(`prisma: ${event.message}`, { target: event.target }));
  client.$on('info', (event) => logger.debug(`prisma: ${event.message}`, { target: event.target }));
  if (onQuery) client.$on('query', (event) => onQuery(event.query));
  return client as unknown as PrismaClient;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    // Loaded here, not at the top: the embedded mode never needs node-postgres and its adapter (start-up time).
    const [{ PrismaPg }, { default: pg }] = await Promise.all([import('@prisma/adapter-pg'), import('pg')]);
    // One pool for Prisma and the hand-written reads (db/sql-reader.ts), so both count against one limit.
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Our statements are short OLTP queries and aggregates; PostgreSQL's JIT spent 130–220 ms compiling
      // each dashboard aggregate at 100k tickets for nothing (bench/dashboard-stats.ts).
      options: '-c jit=off',
    });
    // The adapter listens for idle connections ended by the server once Prisma has connected (below); a read
    // of ours can run before that, and an 'error' nobody listens to ends the process.
    pool.on('error', () => {});
    const adapterFactory = new PrismaPg(pool, {
      // node-postgres emits 'error' on a pooled connection the server ended (57P01 on a restart or
      // pg_terminate_backend) and Node ends a process for an 'error' nobody listens to; the adapter listens
      // and drops the connection, and the next query opens a new one. Here it is also said in the log.
      onPoolError: (error) => options.logger?.warn('database connection lost (idle); the pool opens a new one', error),
      onConnectionError: (error) => options.logger?.warn('database connection lost during a transaction', error),
    });
    const prisma = createClient(adapterFactory, options);
    return {
      kind: 'postgres',
      prisma,
      adapterFactory,
      sql: postgresReader(pool, pg.types, options.onQuery),
      close: async () => {
        await prisma.$disconnect();
        if (!pool.ending) await pool.end();
      },
    };
  }
  const pglite = 'pglite' in options ? options.pglite : await openPGlite(options.dataDir, { templateDir: options.templateDir });
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = createClient(adapterFactory, options);
  return {
    kind: 'pglite',
    prisma,
    adapterFactory,
    sql: pgliteReader(pglite, options.onQuery),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
