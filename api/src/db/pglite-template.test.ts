// A new embedded data directory starts as a copy of the install-time template (pglite.ts): it has what the
// template had, the migrations newer than the template still apply on top, an existing directory is never
// replaced, and a broken template only costs the time of a normal initdb.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, pendingMigrations } from './migrate.ts';
import { isPGliteDataDir, openPGlite } from './pglite.ts';
import { buildPGliteTemplate } from './pglite-template.ts';

const committed = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let root: string;
let templateDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pglite-template-test-'));
  // A template from an older checkout: only the first committed migration.
  const olderMigrations = path.join(root, 'older-migrations');
  await mkdir(olderMigrations);
  await cp(path.join(DEFAULT_MIGRATIONS_DIR, 'migration_lock.toml'), path.join(olderMigrations, 'migration_lock.toml'));
  await cp(path.join(DEFAULT_MIGRATIONS_DIR, committed[0]!), path.join(olderMigrations, committed[0]!), { recursive: true });
  templateDir = path.join(root, 'template');
  const { applied } = await buildPGliteTemplate(templateDir, { migrationsDir: olderMigrations });
  expect(applied).toEqual([committed[0]]);
  // Something only the template has, to tell a copy from a new initdb.
  const template = await openPGlite(templateDir, { templateDir: null });
  await template.exec(`CREATE TABLE "TemplateMark" (id int); INSERT INTO "TemplateMark" VALUES (42)`);
  await template.close();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a new data directory from the template', () => {
  it('starts as a copy of the template, and the newer migrations apply on top', async () => {
    const dataDir = path.join(root, 'data-new', 'pglite');
    const pglite = await openPGlite(dataDir, { templateDir });
    try {
      expect((await pglite.query('SELECT id FROM "TemplateMark"')).rows).toEqual([{ id: 42 }]);
      const factory = new PrismaPGlite(pglite);
      const { applied } = await applyMigrations(factory);
      expect(applied).toEqual(committed.slice(1));
      const raw = { $queryRawUnsafe: async (sql: string) => (await pglite.query(sql)).rows };
      expect(await pendingMigrations(raw)).toEqual([]);
    } finally {
      await pglite.close();
    }
    // The staging copy was renamed into place, nothing is left beside it.
    expect(await readdir(path.dirname(dataDir))).toEqual(['pglite']);
  });

  it('fills an empty directory too', async () => {
    const dataDir = path.join(root, 'data-empty');
    await mkdir(dataDir);
    const pglite = await openPGlite(dataDir, { templateDir });
    try {
      expect((await pglite.query('SELECT id FROM "TemplateMark"')).rows).toEqual([{ id: 42 }]);
    } finally {
      await pglite.close();
    }
  });

  it('never replaces an existing data directory', async () => {
    const dataDir = path.join(root, 'data-existing');
    const own = await openPGlite(dataDir, { templateDir: null });
    await own.exec(`CREATE TABLE "Mine" (id int)`);
    await own.close();
    const pglite = await openPGlite(dataDir, { templateDir });
    try {
      expect((await pglite.query(`SELECT to_regclass('"TemplateMark"')::text AS t, to_regclass('"Mine"')::text AS m`)).rows).toEqual([
        { t: null, m: '"Mine"' },
      ]);
    } finally {
      await pglite.close();
    }
  });

  it('starts from an empty database when the template cannot be opened', async () => {
    const broken = path.join(root, 'broken-template');
    await mkdir(broken);
    await writeFile(path.join(broken, 'PG_VERSION'), 'not a data directory\n');
    const dataDir = path.join(root, 'data-broken');
    const pglite = await openPGlite(dataDir, { templateDir: broken });
    try {
      expect((await pglite.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(isPGliteDataDir(dataDir)).toBe(true);
    } finally {
      await pglite.close();
    }
  });
});
