// Starting the embedded PostgreSQL. Kept apart from the Prisma client and the migrations so main.ts can start
// it before the rest of the app is even loaded (the two overlap).
//
// A new data directory is the slow case: PGlite's initdb takes ≈4 s. `npm run build:api` (postinstall) leaves
// a template beside the build (dist/pglite-template: a cleanly closed data directory with the committed
// migrations applied), and a new data directory starts as a copy of it: a file copy and an ordinary open,
// ≈0.5 s. Migrations newer than the template are applied on top at start-up like on any existing directory.
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** Where `npm run build:api` writes the template data directory (git-ignored, like the rest of dist/). */
export const PGLITE_TEMPLATE_DIR = fileURLToPath(new URL('../../../dist/pglite-template', import.meta.url));
/** The same with the demo data seeded (seed/demo-template.ts), for embedded starts with SEED_DEMO_DATA. */
export const PGLITE_DEMO_TEMPLATE_DIR = fileURLToPath(new URL('../../../dist/pglite-demo-template', import.meta.url));

export type OpenPGliteOptions = {
  /** The data directory a new one starts from; null never copies one. Default PGLITE_TEMPLATE_DIR when it exists. */
  templateDir?: string | null;
};

/** `memory://` for a throwaway database, otherwise a data directory (created if missing). */
export async function openPGlite(dataDir: string, options: OpenPGliteOptions = {}): Promise<PGlite> {
  if (dataDir === 'memory://') return create(dataDir);
  await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  const templateDir = options.templateDir === undefined ? PGLITE_TEMPLATE_DIR : options.templateDir;
  if (templateDir && isPGliteDataDir(templateDir) && (await isNewDataDir(dataDir))) {
    try {
      await copyInto(templateDir, dataDir);
      return await create(dataDir);
    } catch {
      // A template that cannot be used (copied from another PGlite version, say) costs only time: start over
      // from an empty directory the way PGlite always could.
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return create(dataDir);
}

/**
 * PostgreSQL's 128 MB of shared buffers (initdb's default) are zeroed memory WebAssembly must first grow to: ≈0.6 s
 * of CPU at every open. 32 MB holds the demo data several times over; beyond it pages come from the operating
 * system's file cache.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

function create(dataDir: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm }, startParams: START_PARAMS });
}

/** PostgreSQL writes PG_VERSION first into a data directory it initialises. */
export function isPGliteDataDir(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

async function isNewDataDir(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  return (await readdir(dir)).length === 0;
}

/** Copied beside the target and renamed into place, so a start that dies half-way never leaves half a copy. */
async function copyInto(templateDir: string, dataDir: string): Promise<void> {
  const staging = `${path.resolve(dataDir)}.copying-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await cp(templateDir, staging, { recursive: true });
  if (existsSync(dataDir)) await rmdir(dataDir);
  await rename(staging, dataDir);
}
