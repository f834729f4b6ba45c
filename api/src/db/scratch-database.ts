// Throwaway databases for tests and benchmarks: a new database on a PostgreSQL server (beside the one a URL
// names, dropped afterwards) or an in-memory PGlite. The one place that creates and drops them, so tests,
// bench/dashboard-stats.ts and bench/fanout.ts agree on names, clean-up and migrations.
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from './client.ts';
import { applyMigrations } from './migrate.ts';
import { openPGlite } from './pglite.ts';

/** The machine's PostgreSQL when DATABASE_URL is unset (the development and CI machines run one there). */
export const LOCAL_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** `url` with its database name replaced by `database`. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  // A connection the server ends emits 'error' (fatal to Node when unheard); the statement waiting on it
  // rejects with the same error, which is what the caller sees.
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type EmptyPostgresDatabase = { name: string; url: string; drop(): Promise<void> };

/**
 * Creates an empty database (no migrations) on the server that `serverUrl` points at, named
 * `<prefix>_<time>_<random>` so parallel runs never collide; drop() removes it even with connections open.
 */
export async function createEmptyPostgresDatabase(serverUrl: string, prefix: string): Promise<EmptyPostgresDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  // The name goes into SQL unquoted by any driver: allow only what cannot break out of the identifier.
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: withDatabaseName(serverUrl, name),
    drop: async () => {
      await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export type ScratchDatabaseOptions = {
  engine: 'postgres' | 'pglite';
  /** PostgreSQL only: a URL on the server to create the database on (default LOCAL_POSTGRES_URL). */
  serverUrl?: string | undefined;
  /** PostgreSQL only: the start of the database's name, e.g. `juan365_test`. */
  prefix?: string;
  poolSize?: number;
  onQuery?: (sql: string) => void;
  /** Apply the committed migrations (default true); a benchmark that times them passes false. */
  migrate?: boolean;
};

type Disposable = {
  /** Closes the connections; drop() may still follow. */
  close(): Promise<void>;
  /** Closes the connections and throws the database away. */
  drop(): Promise<void>;
};
/** `url`: the new database, so a server process can be pointed at it. */
type OnPostgres = { kind: 'postgres'; url: string; pglite: undefined };
/** `pglite`: the instance behind Prisma, for statements sent straight to it. */
type OnPGlite = { kind: 'pglite'; url: undefined; pglite: PGlite };

export type ScratchDatabase = Database & Disposable & (OnPostgres | OnPGlite);

/** A fresh database, migrated unless told otherwise, open through the app's own client (db/client.ts). */
export async function createScratchDatabase(options: ScratchDatabaseOptions): Promise<ScratchDatabase> {
  const migrate = async (db: Database) => {
    if (options.migrate ?? true) await applyMigrations(db.adapterFactory);
  };
  const once = (close: () => Promise<void>) => {
    let closing: Promise<void> | undefined;
    return () => {
      closing ??= close();
      return closing;
    };
  };

  if (options.engine === 'pglite') {
    const pglite = await openPGlite('memory://');
    const db = await openDatabase({ kind: 'pglite', pglite, onQuery: options.onQuery });
    const close = once(db.close);
    await migrate(db).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    return { ...db, kind: 'pglite', url: undefined, pglite, close, drop: close };
  }

  const empty = await createEmptyPostgresDatabase(options.serverUrl ?? LOCAL_POSTGRES_URL, options.prefix ?? 'juan365_scratch');
  const db = await openDatabase({ kind: 'postgres', url: empty.url, poolSize: options.poolSize ?? 10, onQuery: options.onQuery });
  const close = once(db.close);
  const drop = async () => {
    await close();
    await empty.drop();
  };
  await migrate(db).catch(async (error: unknown) => {
    await drop();
    throw error;
  });
  return { ...db, kind: 'postgres', url: empty.url, pglite: undefined, close, drop };
}
