// /ready: what each check reports, 503 unless all are ok, one check per cache period however many probes
// arrive, a time limit on each check, a log line per change (not per probe), and 503 while draining.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch-database.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createLocalBlobStore } from '../storage/local-blob-store.ts';
import { createReadinessCheck, type ReadinessDeps, readiness } from './health.ts';

function call(handler: ReturnType<typeof readiness>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const res = {
      statusCode: 200,
      setHeader() {},
      end(text: string) {
        resolve({ status: res.statusCode, body: JSON.parse(text) });
      },
    };
    handler({} as IncomingMessage, res as unknown as ServerResponse, () => {});
  });
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: unknown) => lines.push(`${level} ${String(message)}`);
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

const never = () => new Promise<never>(() => {});

let db: ScratchDatabase;
let dir: string;
let deps: Omit<ReadinessDeps, 'logger'>;

beforeAll(async () => {
  db = await createScratchDatabase({ engine: 'pglite' });
  dir = await mkdtemp(join(tmpdir(), 'juan365-ready-'));
  deps = { db: db.prisma, blobStore: createLocalBlobStore(join(dir, 'uploads')) };
});
afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('readiness report', () => {
  it('is 200 and ready when the database is migrated and the blob store writable; no redis field without Redis', async () => {
    const answer = await call(readiness(createReadinessCheck({ ...deps, logger: createLogger('silent') })));
    expect(answer).toEqual({ status: 200, body: { status: 'ready', database: 'ok', migrations: 'applied', blobStore: 'ok' } });
  });

  it('is 503 naming Redis when Redis is configured and unreachable; 200 with redis ok when it answers', async () => {
    const down = await call(readiness(createReadinessCheck({ ...deps, redis: { check: async () => false }, logger: createLogger('silent') })));
    expect(down).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'ok', migrations: 'applied', redis: 'unreachable', blobStore: 'ok' },
    });
    const up = await call(readiness(createReadinessCheck({ ...deps, redis: { check: async () => true }, logger: createLogger('silent') })));
    expect(up).toEqual({ status: 200, body: { status: 'ready', database: 'ok', migrations: 'applied', redis: 'ok', blobStore: 'ok' } });
  });

  it('is 503 when the blob store directory cannot be written', async () => {
    // A directory below a regular file can never be created, whoever runs the test (root included).
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const check = createReadinessCheck({ ...deps, blobStore: createLocalBlobStore(join(file, 'uploads')), logger: createLogger('silent') });
    expect(await call(readiness(check))).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'ok', migrations: 'applied', blobStore: 'unreachable' },
    });
  });

  it('is 503 with migrations pending when the last migration is not applied', async () => {
    const last = '(SELECT max(migration_name) FROM _prisma_migrations)';
    await db.prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last}`);
    try {
      const answer = await call(readiness(createReadinessCheck({ ...deps, logger: createLogger('silent') })));
      expect(answer).toEqual({ status: 503, body: { status: 'unavailable', database: 'ok', migrations: 'pending', blobStore: 'ok' } });
    } finally {
      await db.prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`);
    }
  });

  it('gives up on a check that does not answer within the time limit', async () => {
    const started = Date.now();
    const check = createReadinessCheck({
      db: { $queryRawUnsafe: never },
      redis: { check: never },
      blobStore: { check: never },
      timeoutMs: 100,
      logger: createLogger('silent'),
    });
    expect(await call(readiness(check))).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'unreachable', migrations: 'unknown', redis: 'unreachable', blobStore: 'unreachable' },
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('readiness cache', () => {
  it('checks once per cache period however many probes arrive, and again after it', async () => {
    let now = 1_000;
    let databaseQueries = 0;
    let redisChecks = 0;
    let redisUp = true;
    const check = createReadinessCheck({
      ...deps,
      db: {
        $queryRawUnsafe: (sql: string) => {
          databaseQueries += 1;
          return db.prisma.$queryRawUnsafe(sql);
        },
      },
      redis: {
        check: async () => {
          redisChecks += 1;
          return redisUp;
        },
      },
      cacheMs: 2000,
      now: () => now,
      logger: createLogger('silent'),
    });
    const probes = await Promise.all(Array.from({ length: 20 }, () => check()));
    expect(probes.every((report) => report.status === 'ready')).toBe(true);
    expect(redisChecks).toBe(1);
    const queriesPerCheck = databaseQueries;
    expect(queriesPerCheck).toBeGreaterThan(0);

    redisUp = false;
    now += 1999;
    expect((await check()).status).toBe('ready');
    expect(redisChecks).toBe(1);

    now += 1;
    expect(await check()).toMatchObject({ status: 'unavailable', redis: 'unreachable' });
    expect(redisChecks).toBe(2);
    expect(databaseQueries).toBe(2 * queriesPerCheck);
  });

  it('logs when the answer changes, not on every probe', async () => {
    let now = 0;
    let redisUp = false;
    const logger = recordingLogger();
    const check = createReadinessCheck({ ...deps, redis: { check: async () => redisUp }, cacheMs: 10, now: () => now, logger });
    for (let probe = 0; probe < 5; probe++, now += 10) await check();
    redisUp = true;
    for (let probe = 0; probe < 5; probe++, now += 10) await check();
    // The line is written after the report is handed out.
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.lines).toEqual(['warn not ready', 'info ready again']);
  });
});

describe('readiness while draining', () => {
  it('turns 503 at once, without running the checks', async () => {
    const unasked = () => {
      throw new Error('nothing must be checked while draining');
    };
    expect(await call(readiness(unasked, () => true))).toEqual({ status: 503, body: { status: 'shutting down' } });
  });
});
