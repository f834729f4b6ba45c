import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, createMigration, DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, pendingMigrations, type RawQueryable } from './migrate.ts';
import { openPGlite } from './pglite.ts';
import { createEmptyPostgresDatabase, type EmptyPostgresDatabase, LOCAL_POSTGRES_URL } from './scratch-database.ts';

const SERVER_URL = process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL;

const committed = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

type Sql = { query(sql: string): Promise<Record<string, unknown>[]> };

async function expectMigratedSchema(sql: Sql, raw: RawQueryable): Promise<void> {
  const tables = (await sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((row) => row.tablename);
  expect(tables).toEqual(expect.arrayContaining(['Ticket', 'User', 'SlaRule', '_prisma_migrations']));
  const indexes = (await sql.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'Ticket'`)).map((row) => row.indexname);
  expect(indexes).toEqual(expect.arrayContaining(['Ticket_title_trgm_idx', 'Ticket_description_trgm_idx']));
  const rules = await sql.query(`SELECT priority::text, criteria::text, hours FROM "SlaRule" ORDER BY hours`);
  expect(rules).toEqual([
    { priority: 'URGENT', criteria: null, hours: 2 },
    { priority: 'URGENT', criteria: 'VIDEO', hours: 3 },
    { priority: 'HIGH', criteria: null, hours: 24 },
    { priority: 'MEDIUM', criteria: null, hours: 72 },
    { priority: 'LOW', criteria: null, hours: 168 },
  ]);
  expect(await pendingMigrations(raw)).toEqual([]);
}

const migrationRows = (sql: Sql) =>
  sql.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'migrate-test-'));
}

async function writeMigrations(dir: string, migrations: Record<string, string>): Promise<void> {
  await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
}

describe('applyMigrations on PostgreSQL', () => {
  const created: EmptyPostgresDatabase[] = [];

  async function freshDatabase(): Promise<{ url: string; client: pg.Client; sql: Sql; raw: RawQueryable }> {
    const database = await createEmptyPostgresDatabase(SERVER_URL, 'migrate_test');
    created.push(database);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const sql: Sql = { query: async (text) => (await client.query<Record<string, unknown>>(text)).rows };
    return { url: database.url, client, sql, raw: { $queryRawUnsafe: (text) => sql.query(text) } };
  }

  afterAll(async () => {
    for (const database of created) await database.drop();
  });

  it('applies every committed migration to an empty database, then nothing', async () => {
    const { url, client, sql, raw } = await freshDatabase();
    try {
      expect(await pendingMigrations(raw)).toEqual(committed);
      expect(await applyMigrations(new PrismaPg({ connectionString: url }))).toEqual({ applied: committed });
      await expectMigratedSchema(sql, raw);
      const rows = await migrationRows(sql);
      expect(rows.map((row) => row.migration_name)).toEqual(committed);

      expect(await applyMigrations(new PrismaPg({ connectionString: url }))).toEqual({ applied: [] });
      expect(await migrationRows(sql)).toEqual(rows);
      expect(await sql.query('SELECT count(*)::int AS n FROM "SlaRule"')).toEqual([{ n: 5 }]);
    } finally {
      await client.end();
    }
  });

  it('runs a script whole, so semicolons inside bodies and strings survive', async () => {
    const { url, client, sql } = await freshDatabase();
    const dir = await tempDir();
    try {
      await writeMigrations(dir, {
        '20240101000000_fn': `CREATE TABLE t (note text);
INSERT INTO t VALUES ('a; b');
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;`,
      });
      expect(await applyMigrations(new PrismaPg({ connectionString: url }), { migrationsDir: dir })).toEqual({
        applied: ['20240101000000_fn'],
      });
      expect(await sql.query('SELECT note, f() AS f FROM t')).toEqual([{ note: 'a; b', f: 1 }]);
    } finally {
      await client.end();
      await rm(dir, { recursive: true });
    }
  });
});

describe('applyMigrations on PGlite', () => {
  const open = () => openPGlite('memory://');
  const sqlOf = (db: PGlite): Sql => ({ query: async (text) => (await db.query<Record<string, unknown>>(text)).rows });

  it('applies every committed migration to an empty database, then nothing', async () => {
    const db = await open();
    try {
      const sql = sqlOf(db);
      const raw: RawQueryable = { $queryRawUnsafe: (text) => sql.query(text) };
      expect(await pendingMigrations(raw)).toEqual(committed);
      expect(await applyMigrations(new PrismaPGlite(db))).toEqual({ applied: committed });
      await expectMigratedSchema(sql, raw);
      const rows = await migrationRows(sql);
      expect(rows).toHaveLength(committed.length);

      expect(await applyMigrations(new PrismaPGlite(db))).toEqual({ applied: [] });
      expect(await migrationRows(sql)).toEqual(rows);
    } finally {
      await db.close();
    }
  });

  it('records a failing migration as failed and stops there', async () => {
    const db = await open();
    const dir = await tempDir();
    try {
      await writeMigrations(dir, {
        '20240101000000_ok': 'CREATE TABLE a (id int);',
        '20240101000001_bad': 'CREATE TABLE b (id int);\nSELEC broken;',
        '20240101000002_after': 'CREATE TABLE c (id int);',
      });
      await expect(applyMigrations(new PrismaPGlite(db), { migrationsDir: dir })).rejects.toThrow(/SELEC/);
      const sql = sqlOf(db);
      expect(await sql.query('SELECT migration_name, finished_at IS NOT NULL AS done FROM "_prisma_migrations" ORDER BY 1')).toEqual([
        { migration_name: '20240101000000_ok', done: true },
        { migration_name: '20240101000001_bad', done: false },
      ]);
      expect(await sql.query(`SELECT tablename FROM pg_tables WHERE tablename IN ('a', 'b', 'c')`)).toEqual([{ tablename: 'a' }]);
      // Like `prisma migrate deploy`: nothing more until the failure is resolved.
      await expect(applyMigrations(new PrismaPGlite(db), { migrationsDir: dir })).rejects.toThrow(/failed migrations/);
    } finally {
      await db.close();
      await rm(dir, { recursive: true });
    }
  });
});

describe('createMigration', () => {
  it('finds nothing to do: the committed migrations match the schema (trigram indexes included)', async () => {
    expect(await createMigration('nothing')).toEqual({ status: 'no-changes' });
  });

  it('writes the SQL for a changed schema', async () => {
    const dir = await tempDir();
    try {
      const migrationsDir = path.join(dir, 'migrations');
      await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
      const schemaPath = path.join(dir, 'schema.prisma');
      const schema = await readFile(DEFAULT_SCHEMA_PATH, 'utf8');
      await writeFile(schemaPath, `${schema}\nmodel Widget {\n  id   String @id @db.Uuid\n  name String\n}\n`);

      const now = new Date(Date.UTC(2099, 0, 2, 3, 4, 5));
      const result = await createMigration('Add widgets!', { migrationsDir, schemaPath, now });
      expect(result).toMatchObject({ status: 'created', name: '20990102030405_add_widgets' });
      if (result.status !== 'created') return;
      expect(result.sql).toContain('CREATE TABLE "Widget"');
      expect(result.sql).not.toContain('CREATE EXTENSION');
      expect(await readFile(path.join(migrationsDir, result.name, 'migration.sql'), 'utf8')).toBe(result.sql);

      expect(await createMigration('again', { migrationsDir, schemaPath })).toEqual({ status: 'no-changes' });
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
