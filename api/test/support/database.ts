// A fresh, migrated database per test file: on the PostgreSQL server named by DATABASE_URL when it is set
// (a new database beside it, dropped afterwards), otherwise an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';

export type TestDatabase = Database & { url: string | undefined; drop(): Promise<void> };

export const testEngine = (): 'postgres' | 'pglite' => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The machine's PostgreSQL server, for tests that need a real one whatever the suite's engine. */
export const postgresServerUrl = () => process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(
  options: { poolSize?: number; onQuery?: (sql: string) => void; engine?: 'postgres' | 'pglite' } = {},
): Promise<TestDatabase> {
  const engine = options.engine ?? testEngine();
  const serverUrl = postgresServerUrl();
  if (engine === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://', onQuery: options.onQuery });
    await applyMigrations(db.adapterFactory);
    return { ...db, url: undefined, drop: () => db.close() };
  }
  const name = `juan365_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const db = await openDatabase({ kind: 'postgres', url, poolSize: options.poolSize ?? 10, onQuery: options.onQuery });
  await applyMigrations(db.adapterFactory);
  return {
    ...db,
    url,
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
