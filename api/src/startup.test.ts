// The start-up policy: embedded PGlite migrates itself and gets the demo data (accounts before listening,
// tickets after), unless SEED_DEMO_DATA=false; PostgreSQL is never migrated or seeded by the app.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { PGLITE_DEMO_TEMPLATE_DIR, PGLITE_TEMPLATE_DIR } from './db/pglite.ts';
import { decideStartup } from './startup.ts';

const embedded = loadConfig({ DATA_DIR: '/srv/juan365' });
const postgres = loadConfig({ DATABASE_URL: 'postgresql://app@db:5432/juan365', JWT_SECRET: 'x'.repeat(32) });

describe('decideStartup', () => {
  it('a fresh machine: embedded PGlite under DATA_DIR, migrated, with the demo data', () => {
    expect(decideStartup(embedded)).toEqual({
      database: { kind: 'pglite', dataDir: '/srv/juan365/pglite', templateDir: PGLITE_DEMO_TEMPLATE_DIR },
      migrate: true,
      awaitMigratedDatabase: null,
      seedAccountsBeforeListening: true,
      seedTicketsAfterListening: true,
    });
  });

  it('embedded without demo data when SEED_DEMO_DATA=false', () => {
    const policy = decideStartup(loadConfig({ SEED_DEMO_DATA: 'false' }));
    expect(policy).toMatchObject({ migrate: true, seedAccountsBeforeListening: false, seedTicketsAfterListening: false });
    // A new data directory starts from the template without the demo data.
    expect(policy.database).toMatchObject({ templateDir: PGLITE_TEMPLATE_DIR });
  });

  it('PostgreSQL: migrated by the deployment (the app waits until it is), never seeded by the app', () => {
    expect(decideStartup(postgres)).toEqual({
      database: { kind: 'postgres', url: 'postgresql://app@db:5432/juan365' },
      migrate: false,
      awaitMigratedDatabase: { waitMs: 30_000 },
      seedAccountsBeforeListening: false,
      seedTicketsAfterListening: false,
    });
  });

  it('follows the database actually handed in (tests, benchmarks)', () => {
    expect(decideStartup(embedded, 'postgres')).toMatchObject({
      migrate: false,
      awaitMigratedDatabase: { waitMs: 30_000 },
      seedAccountsBeforeListening: false,
    });
    expect(decideStartup(postgres, 'pglite')).toMatchObject({ migrate: true, awaitMigratedDatabase: null });
  });
});
