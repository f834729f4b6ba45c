// Prisma Migrate for this repository, on the WebAssembly schema engine (the CLI's native one cannot be
// downloaded offline). Usage:
//   node --import tsx scripts/db-migrate.ts deploy              apply pending migrations to DATABASE_URL, or
//                                                              else to the embedded PGlite in ${DATA_DIR:-./data}/pglite
//   node --import tsx scripts/db-migrate.ts create <name> [--empty]
//                                                              write a migration for the schema's changes
//                                                              (--empty: one to fill by hand when there are none)
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations, createMigration } from '../api/src/db/migrate.ts';
import { openPGlite } from '../api/src/db/pglite.ts';

const USAGE = 'usage: db-migrate deploy | db-migrate create <name> [--empty]';

async function deploy(): Promise<void> {
  const url = process.env.DATABASE_URL || undefined;
  const started = performance.now();
  let applied: string[];
  let target: string;
  if (url) {
    target = `PostgreSQL ${redact(url)}`;
    ({ applied } = await applyMigrations(new PrismaPg({ connectionString: url, max: 1 })));
  } else {
    const dataDir = path.join(process.env.DATA_DIR || './data', 'pglite');
    target = `PGlite ${dataDir}`;
    const db = await openPGlite(dataDir);
    try {
      ({ applied } = await applyMigrations(new PrismaPGlite(db)));
    } finally {
      await db.close();
    }
  }
  const ms = Math.round(performance.now() - started);
  if (applied.length === 0) console.log(`${target}: already up to date (${ms} ms)`);
  else console.log(`${target}: applied ${applied.length} migration(s) in ${ms} ms\n  ${applied.join('\n  ')}`);
}

async function create(args: string[]): Promise<void> {
  const name = args.find((arg) => !arg.startsWith('--'));
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--empty');
  if (!name || unknown.length) throw new UsageError(unknown.length ? `unknown option ${unknown.join(' ')}` : 'missing migration name');
  const result = await createMigration(name, { allowEmpty: args.includes('--empty') });
  if (result.status === 'no-changes') {
    console.log('No changes: the schema matches the migrations. Nothing written (use --empty for a hand-written one).');
    return;
  }
  console.log(`Created ${path.relative(process.cwd(), result.file)}`);
}

class UsageError extends Error {}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'deploy' && args.length === 0) await deploy();
  else if (command === 'create') await create(args);
  else throw new UsageError(command ? `unknown command ${command}` : 'missing command');
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(`db-migrate ${command ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
