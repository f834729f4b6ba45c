// A fresh, migrated database per test file: on the PostgreSQL server named by DATABASE_URL when it is set
// (a new database beside it, dropped afterwards), otherwise an in-memory PGlite (api/src/db/scratch-database.ts).
import pg from 'pg';
import { createScratchDatabase, LOCAL_POSTGRES_URL, type ScratchDatabase } from '../../src/db/scratch-database.ts';

export type TestDatabase = ScratchDatabase;

export const testEngine = (): 'postgres' | 'pglite' => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/** The machine's PostgreSQL server, for tests that need a real one whatever the suite's engine. */
export const postgresServerUrl = () => process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL;

export function createTestDatabase(
  options: { poolSize?: number; onQuery?: (sql: string) => void; engine?: 'postgres' | 'pglite' } = {},
): Promise<TestDatabase> {
  return createScratchDatabase({ ...options, engine: options.engine ?? testEngine(), serverUrl: postgresServerUrl(), prefix: 'juan365_test' });
}

/**
 * Ends every connection to the database at `url` but the one asking (pg_terminate_backend, as a failover or a
 * restart would); returns how many. Asked from a connection of its own to the server, which it closes.
 */
export async function terminateBackends(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: postgresServerUrl() });
  admin.on('error', () => {});
  await admin.connect();
  try {
    const result = await admin.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [new URL(url).pathname.slice(1)],
    );
    return result.rows.filter((row) => row.ended).length;
  } finally {
    await admin.end();
  }
}
