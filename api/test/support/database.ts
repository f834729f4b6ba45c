// A fresh, migrated database per test file: on the PostgreSQL server named by DATABASE_URL when it is set
// (a new database beside it, dropped afterwards), otherwise an in-memory PGlite (api/src/db/scratch-database.ts).
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
