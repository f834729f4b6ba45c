// Builds the template data directory that new embedded databases start from (see pglite.ts): a new PGlite data
// directory with the committed migrations applied, closed cleanly. `npm run build:api` runs this once at install.
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations, type MigrateOptions } from './migrate.ts';
import { openPGlite, PGLITE_TEMPLATE_DIR } from './pglite.ts';

export type TemplateOptions = MigrateOptions & {
  /** Fills the migrated database before it is closed (the demo template's seed). */
  prepare?: (pglite: PGlite) => Promise<unknown>;
};

/** Writes a fresh template to templateDir (replacing the old one only once the new one is complete). */
export async function buildPGliteTemplate(templateDir: string = PGLITE_TEMPLATE_DIR, options: TemplateOptions = {}): Promise<{ applied: string[] }> {
  const staging = `${path.resolve(templateDir)}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const pglite = await openPGlite(staging, { templateDir: null });
  try {
    const { applied } = await applyMigrations(new PrismaPGlite(pglite), options);
    await options.prepare?.(pglite);
    await pglite.close();
    await rm(templateDir, { recursive: true, force: true });
    await rename(staging, templateDir);
    return { applied };
  } catch (error) {
    await pglite.close().catch(() => {});
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
