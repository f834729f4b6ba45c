// The Prisma client on one of two engines: embedded PGlite (no server needed) or a real PostgreSQL.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** For the migration engine, which needs its own connection through the same driver. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
};

type CommonOptions = {
  /** Called with every SQL statement Prisma sends (tests count statements with it). */
  onQuery?: (sql: string) => void;
};

export type DatabaseOptions = CommonOptions &
  (
    | { kind: 'postgres'; url: string; poolSize?: number }
    /** `memory://` for a throwaway database, otherwise a data directory. */
    | { kind: 'pglite'; dataDir: string }
  );

function createClient(adapter: SqlMigrationAwareDriverAdapterFactory, onQuery: CommonOptions['onQuery']): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ level: 'query', emit: 'event' }] });
  client.$on('query', (event) => onQuery(event.query));
  return client as unknown as PrismaClient;
}

export async function openPGlite(dataDir: string): Promise<PGlite> {
  if (dataDir !== 'memory://') await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const adapterFactory = new PrismaPg({ connectionString: options.url, max: options.poolSize ?? 10 });
    const prisma = createClient(adapterFactory, options.onQuery);
    return {
      kind: 'postgres',
      prisma,
      adapterFactory,
      close: () => prisma.$disconnect(),
    };
  }
  const pglite = await openPGlite(options.dataDir);
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = createClient(adapterFactory, options.onQuery);
  return {
    kind: 'pglite',
    prisma,
    adapterFactory,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
