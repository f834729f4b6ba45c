// Starting the embedded PostgreSQL. Kept apart from the Prisma client so main.ts can start it before the
// rest of the app is even loaded (the two overlap: first start on a new data directory takes seconds).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** `memory://` for a throwaway database, otherwise a data directory (created if missing). */
export async function openPGlite(dataDir: string): Promise<PGlite> {
  if (dataDir !== 'memory://') await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}
