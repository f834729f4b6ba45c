// What the start-up policy (startup.ts) asks for, done: migrations and demo accounts before the server
// listens, the demo month of tickets after it.
import type { Database } from './db/client.ts';
import { applyMigrations, pendingMigrations } from './db/migrate.ts';
import { DatabaseNotReadyError, waitForDatabase } from './db/wait-for-database.ts';
import type { Logger } from './logger.ts';
import { seedDemoAccounts, seedDemoTickets } from './seed/demo.ts';
import { adoptDemoTemplate } from './seed/demo-template.ts';
import { StartupError, type StartupPolicy } from './startup.ts';

export async function prepareBeforeListening(db: Database, policy: StartupPolicy, options: { demoPassword: string; logger: Logger }) {
  if (policy.awaitMigratedDatabase) {
    const url = policy.database.kind === 'postgres' ? policy.database.url : undefined;
    try {
      await waitForDatabase(db.prisma, { waitMs: policy.awaitMigratedDatabase.waitMs, url, log: (line) => options.logger.warn(line) });
    } catch (error) {
      throw error instanceof DatabaseNotReadyError ? new StartupError(error.message) : error;
    }
  }
  // A new data directory copied from the demo template: its times move to now before a migration newer than
  // the template writes rows stamped now (which must not move).
  if (policy.seedAccountsBeforeListening) {
    const adopted = await adoptDemoTemplate(db.prisma, { password: options.demoPassword });
    if (adopted) options.logger.info(adopted.summary);
  }
  // Asking which migrations are pending is one query; loading the migration engine (WebAssembly) to learn that
  // none are costs ≈0.5 s of every restart and of every start from the template (see db/pglite.ts).
  if (policy.migrate && (await pendingMigrations(db.prisma)).length > 0) {
    const { applied } = await applyMigrations(db.adapterFactory);
    if (applied.length) options.logger.info(`applied migrations: ${applied.join(', ')}`);
  }
  if (policy.seedAccountsBeforeListening) {
    const seeded = await seedDemoAccounts(db.prisma, { password: options.demoPassword });
    if (seeded) options.logger.info(seeded.summary);
  }
}

/** Never rejects: a failed seed is logged and retried on the next start (the seed skips what exists). */
export async function seedAfterListening(db: Database, policy: StartupPolicy, logger: Logger): Promise<void> {
  if (!policy.seedTicketsAfterListening) return;
  try {
    const seeded = await seedDemoTickets(db.prisma);
    if (seeded) logger.info(seeded.summary);
  } catch (error) {
    logger.error('seeding the demo tickets failed (they are seeded on the next start)', error);
  }
}
