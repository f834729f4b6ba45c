// The start-up policy, decided once: which database, whether to migrate it, and which demo data to seed
// before and after the server listens. main.ts (to open PGlite early) and buildApp both ask here.
// Deliberately light (no Prisma, no seed code), so main.ts can import it before the heavy modules load.
import path from 'node:path';
import type { Config } from './config.ts';
import { PGLITE_DEMO_TEMPLATE_DIR, PGLITE_TEMPLATE_DIR } from './db/pglite.ts';

export type StartupPolicy = {
  /**
   * Embedded PGlite under dataDir (a new one copied from templateDir, built at install), or the PostgreSQL at
   * config.databaseUrl.
   */
  database: { kind: 'pglite'; dataDir: string; templateDir: string } | { kind: 'postgres'; url: string };
  /** Embedded databases migrate themselves; PostgreSQL is migrated by `npm run db:migrate` in deployment. */
  migrate: boolean;
  /**
   * A database the app does not migrate must answer and be migrated before the server listens: start-up waits
   * for it up to waitMs (DATABASE_WAIT_SECONDS), then gives up, rather than serving `Unexpected error.` to every
   * call. Null for the embedded database, which migrates itself.
   */
  awaitMigratedDatabase: { waitMs: number } | null;
  /** The demo accounts, so sign-in works the moment the server listens. */
  seedAccountsBeforeListening: boolean;
  /** The demo month of tickets: seconds of work, so it runs after the server listens. */
  seedTicketsAfterListening: boolean;
};

/**
 * `databaseKind` is the kind of a database handed in by the caller (tests, benchmarks, main.ts's early
 * PGlite); the policy follows the database actually used, not only the configuration.
 */
export function decideStartup(config: Config, databaseKind?: 'pglite' | 'postgres'): StartupPolicy {
  const database: StartupPolicy['database'] = config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite'), templateDir: config.seedDemoData ? PGLITE_DEMO_TEMPLATE_DIR : PGLITE_TEMPLATE_DIR };
  const embedded = (databaseKind ?? database.kind) === 'pglite';
  const demo = embedded && config.seedDemoData;
  return {
    database,
    migrate: embedded,
    awaitMigratedDatabase: embedded ? null : { waitMs: config.databaseWaitMs },
    seedAccountsBeforeListening: demo,
    seedTicketsAfterListening: demo,
  };
}

/** Start-up cannot go on, for a reason the operator fixes outside the app: main.ts prints the message alone. */
export class StartupError extends Error {}
