// dashboardStats benchmark: seeds a throwaway database with N tickets (set-based SQL), then times the
// dashboard's two aggregates per viewer three ways (the stats service, Prisma $queryRaw of the same SQL, and the
// same SQL straight through the driver), the full GraphQL operation through Yoga, and prints EXPLAIN summaries.
// Numbers only, no assertions. The database it creates is dropped at the end unless --keep.
//
//   npm run bench:stats                                # DATABASE_URL's server, else postgres@127.0.0.1:5432
//   npm run bench:stats -- --tickets 20000 --runs 30
//   npm run bench:stats -- --pglite --tickets 20000    # in-memory PGlite
//   npm run bench:stats -- --keep                      # keep the created database (prints its URL)
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type App, buildApp } from '../api/src/app.ts';
import { loadConfig } from '../api/src/config.ts';
import type { Database } from '../api/src/db/client.ts';
import { Prisma, type PrismaClient } from '../api/src/db/generated/prisma/client.ts';
import { applyMigrations } from '../api/src/db/migrate.ts';
import { createScratchDatabase, LOCAL_POSTGRES_URL } from '../api/src/db/scratch-database.ts';
import type { Viewer } from '../api/src/domain/viewer.ts';
import { createStatsService, dashboardCountsSql, weeklyTrendSql } from '../api/src/services/stats.ts';
import { BENCH_PASSWORD, seedBenchWorld } from './bench-world.ts';

const WEEKS = 8;
const WARMUP_RUNS = 3;

// --- options ------------------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    tickets: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const TICKETS = positiveInt(args.tickets, '--tickets');
const RUNS = positiveInt(args.runs, '--runs');

function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

// --- cleanup (also on Ctrl-C) -------------------------------------------------------------------------------

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error('cleanup step failed:', error);
      }
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// --- target database ----------------------------------------------------------------------------------------

/** Runs a statement outside Prisma: node-postgres, or the PGlite instance itself. */
type Driver = { name: string; query(sql: Prisma.Sql): Promise<unknown[]> };

type Target = { label: string; db: Database; driver: Driver };

async function openTarget(): Promise<Target> {
  const db = await createScratchDatabase({
    engine: args.pglite ? 'pglite' : 'postgres',
    serverUrl: process.env.DATABASE_URL || LOCAL_POSTGRES_URL,
    prefix: 'juan365_bench',
    // main() applies and times them.
    migrate: false,
  });
  if (db.kind === 'pglite') {
    cleanups.push(() => db.drop());
    // The same PGlite the Prisma client talks to.
    const { pglite } = db;
    const driver: Driver = { name: 'PGlite.query', query: async (sql) => (await pglite.query(sql.text, sql.values)).rows };
    return { label: 'PGlite (memory://)', db, driver };
  }

  const benchUrl = db.url;
  cleanups.push(async () => {
    if (args.keep) {
      await db.close();
      console.log(`\nkept database: ${redact(benchUrl)}`);
    } else {
      await db.drop();
      console.log(`\ndropped database ${new URL(benchUrl).pathname.slice(1)}`);
    }
  });
  // The same session settings as the app's pool (api/src/db/client.ts: JIT off), so the comparison is fair.
  const client = new pg.Client({ connectionString: benchUrl, options: '-c jit=off' });
  await client.connect();
  cleanups.push(() => client.end());
  const driver: Driver = { name: 'pg (node-postgres)', query: async (sql) => (await client.query(sql.text, sql.values)).rows };
  return { label: `PostgreSQL ${redact(benchUrl)}`, db, driver };
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

// --- seed ---------------------------------------------------------------------------------------------------

type Seeded = { viewers: { label: string; viewer: Viewer }[]; users: number; tickets: number; collaborators: number; ms: number };

async function seed(prisma: PrismaClient): Promise<Seeded> {
  const started = performance.now();
  const { users, tickets, collaborators } = await seedBenchWorld(prisma, TICKETS);
  const rows = await prisma.user.findMany({ include: { department: true } });
  const byName = new Map(rows.map((row) => [row.username, row]));
  // As autovacuum does after a bulk load: statistics, and the visibility map that lets index-only scans skip the heap.
  await prisma.$executeRawUnsafe('VACUUM ANALYZE');

  const viewer = (username: string): Viewer => {
    const row = byName.get(username);
    if (!row) throw new Error(`${username} was not seeded`);
    return {
      id: row.id,
      username: row.username,
      role: row.role,
      departmentId: row.departmentId,
      inCreativeDepartment: row.department?.isCreative ?? false,
    };
  };
  return {
    viewers: [
      { label: 'ADMIN', viewer: viewer('admin') },
      { label: 'MANAGER Marketing', viewer: viewer('marketing.manager') },
      { label: 'MANAGER Creative', viewer: viewer('creative.manager1') },
      { label: `MEMBER (1/${users.length} requester)`, viewer: viewer('marketing.member01') },
    ],
    users: users.length,
    tickets,
    collaborators,
    ms: performance.now() - started,
  };
}

// --- timing -------------------------------------------------------------------------------------------------

type Sample = { median: number; p95: number };

/**
 * Warms up, then times each function RUNS times, taking turns (a, b, c, a, b, c, …) so that load from elsewhere
 * on the machine falls on all of them alike.
 */
async function timeInTurns(runs: (() => Promise<unknown>)[]): Promise<Sample[]> {
  for (let i = 0; i < WARMUP_RUNS; i++) for (const run of runs) await run();
  const samples = runs.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [index, run] of runs.entries()) {
      const started = performance.now();
      await run();
      samples[index]?.push(performance.now() - started);
    }
  }
  return samples.map(summarize);
}

function summarize(ms: number[]): Sample {
  const sorted = [...ms].sort((a, b) => a - b);
  // Nearest rank.
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(run: () => Promise<unknown>): Promise<Sample> {
  const [sample] = await timeInTurns([run]);
  if (!sample) throw new Error('no sample');
  return sample;
}

const fmt = (ms: number) => ms.toFixed(2);
const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const cell = (sample: Sample) => `${fmt(sample.median)} / ${fmt(sample.p95)}`;

function printTable(headers: string[], rows: string[][], rightAlignFrom = 1): void {
  const widths = headers.map((header, col) => Math.max(header.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((value, col) => (col >= rightAlignFrom ? value.padStart(widths[col] ?? 0) : value.padEnd(widths[col] ?? 0))).join(' | ');
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('-+-'));
  for (const row of rows) console.log(line(row));
}

// --- GraphQL through the app ----------------------------------------------------------------------------------

const DASHBOARD_QUERY =
  '{ dashboardStats { total deptApproval creativeApproval approved inProgress completed rejected overdue byStatus { status count } byPriority { priority count } weeklyTrend { weekStart created completed } } }';
const LOGIN_MUTATION = 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }';

async function graphql(app: App, body: { query: string; variables?: Record<string, unknown> }, token?: string): Promise<unknown> {
  const response = await app.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json();
  if (!isRecord(json) || json.errors !== undefined) throw new Error(`GraphQL error: ${JSON.stringify(json)}`);
  return json.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function field(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), value);
}

// --- EXPLAIN ------------------------------------------------------------------------------------------------

const BRIEF_LINE = /^\s*(SubPlan|InitPlan|CTE) |^\s*(JIT:|Timing:)|^(Planning|Execution) Time/;

/**
 * EXPLAIN (ANALYZE, BUFFERS) without the cost estimates: the whole plan, or (brief) only its nodes and timings.
 */
async function explainSummary(prisma: PrismaClient, title: string, sql: Prisma.Sql, brief = false): Promise<void> {
  const rows = await prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
  const lines = rows
    .map((row) => row['QUERY PLAN'].replace(/ {2}\(cost=[^)]*\)/, ''))
    .filter((line, index) => !brief || index === 0 || line.includes('->') || BRIEF_LINE.test(line));
  console.log(`\n${title}`);
  for (const line of lines) console.log(`  ${line}`);
}

// --- main ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const target = await openTarget();
  const { prisma } = target.db;
  const [server] = await prisma.$queryRaw<{ version: string; jit: string; jitAvailable: boolean }[]>`
    SELECT version() AS version, current_setting('jit') AS jit, pg_jit_available() AS "jitAvailable"`;

  const migrateStarted = performance.now();
  await applyMigrations(target.db.adapterFactory);
  const migrateMs = performance.now() - migrateStarted;
  const seeded = await seed(prisma);
  const [sizes] = await prisma.$queryRaw<{ trashed: bigint; overdue: bigint; size: string }[]>`
    SELECT (SELECT count(*) FROM "Ticket" WHERE "deletedAt" IS NOT NULL) AS trashed,
           (SELECT count(*) FROM "Ticket" WHERE "deletedAt" IS NULL AND "dueDate" < now() AND "status" NOT IN ('COMPLETED', 'CLOSED', 'REJECTED')) AS overdue,
           pg_size_pretty(pg_total_relation_size('"Ticket"')) AS size`;

  console.log(`dashboardStats benchmark`);
  console.log(`  target:     ${target.label}`);
  console.log(`  server:     ${server?.version ?? '?'}`);
  // pg_jit_available() is also false when jit is off; with jit on it tells whether a JIT compiler is installed.
  const jitNote = server?.jitAvailable === false && server.jit === 'on' ? ' (no JIT compiler: JIT never runs)' : '';
  console.log(`  jit:        ${server?.jit ?? '?'}${jitNote}`);
  console.log(`  migrate:    ${fmt(migrateMs)} ms`);
  console.log(
    `  seed:       ${seeded.tickets} tickets (${sizes?.trashed} trashed, ${sizes?.overdue} overdue), ` +
      `${seeded.collaborators} collaborators, ${seeded.users} users, 3 departments in ${fmt(seeded.ms)} ms (incl. VACUUM ANALYZE); Ticket table ${sizes?.size}`,
  );
  console.log(`  load avg:   ${loadAverage()} (1, 5, 15 min) before timing; the machine is shared, read the numbers with it`);
  console.log(`  timing:     ${WARMUP_RUNS} warm-up runs, then ${RUNS} runs each (paths of one row take turns); cells are median / p95 in ms`);

  const stats = createStatsService(prisma);
  const rows: string[][] = [];
  for (const { label, viewer } of seeded.viewers) {
    const cardsSql = dashboardCountsSql(viewer);
    const trendSql = weeklyTrendSql(viewer, WEEKS);
    const counts = await stats.dashboardCounts(viewer);
    const measures: { query: string; service: () => Promise<unknown>; raw: () => Promise<unknown>; driver: () => Promise<unknown> }[] = [
      {
        query: 'cards',
        service: () => stats.dashboardCounts(viewer),
        raw: () => prisma.$queryRaw(cardsSql),
        driver: () => target.driver.query(cardsSql),
      },
      {
        query: `weeklyTrend(${WEEKS})`,
        service: () => stats.weeklyTrend(viewer, WEEKS),
        raw: () => prisma.$queryRaw(trendSql),
        driver: () => target.driver.query(trendSql),
      },
      {
        query: 'dashboardStats (both)',
        service: async () => [await stats.dashboardCounts(viewer), await stats.weeklyTrend(viewer, WEEKS)],
        raw: async () => [await prisma.$queryRaw(cardsSql), await prisma.$queryRaw(trendSql)],
        driver: async () => [await target.driver.query(cardsSql), await target.driver.query(trendSql)],
      },
    ];
    for (const measure of measures) {
      const [service, raw, driver] = await timeInTurns([measure.service, measure.raw, measure.driver]);
      if (!service || !raw || !driver) throw new Error('no sample');
      rows.push([label, String(counts.total), measure.query, cell(service), cell(raw), cell(driver), fmt(raw.median - driver.median)]);
    }
  }
  console.log(`\nStats service vs bare SQL (Prisma $queryRaw) vs the driver (${target.driver.name}), ms median / p95`);
  printTable(['viewer', 'visible', 'query', 'service', '$queryRaw', 'driver', 'ORM overhead (median)'], rows, 1);

  // The full operation through Yoga: token check + viewer lookup + both aggregates + GraphQL execution.
  const config = loadConfig({
    PORT: '0',
    JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0123456789',
    LOG_LEVEL: 'error',
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_POINTS: '0',
  });
  const app = await buildApp(config, { database: target.db });
  cleanups.push(() => app.stop());
  const gqlRows: string[][] = [];
  for (const { label, viewer } of seeded.viewers) {
    const login = await graphql(app, { query: LOGIN_MUTATION, variables: { input: { username: viewer.username, password: BENCH_PASSWORD } } });
    const token = field(login, 'login', 'accessToken');
    if (typeof token !== 'string') throw new Error(`login of ${viewer.username} returned no token`);
    const first = await graphql(app, { query: DASHBOARD_QUERY }, token);
    const sample = await time(() => graphql(app, { query: DASHBOARD_QUERY }, token));
    gqlRows.push([label, String(field(first, 'dashboardStats', 'total')), String(field(first, 'dashboardStats', 'overdue')), cell(sample)]);
  }
  console.log(`\nGraphQL dashboardStats through app.yoga.fetch (auth + viewer lookup + cards + weeklyTrend), ms median / p95`);
  printTable(['viewer', 'total', 'overdue', 'yoga.fetch'], gqlRows, 1);

  console.log(`\nload average after timing: ${loadAverage()}`);

  const admin = seeded.viewers[0]?.viewer;
  if (admin) {
    await explainSummary(prisma, `EXPLAIN (ANALYZE, BUFFERS) cards SQL, ADMIN (counters + index-only overdue)`, dashboardCountsSql(admin));
    await explainSummary(prisma, `EXPLAIN (ANALYZE, BUFFERS) weeklyTrend(${WEEKS}) SQL, ADMIN (day counters, nodes only)`, weeklyTrendSql(admin, WEEKS), true);
  }
  const member = seeded.viewers[3]?.viewer;
  const manager = seeded.viewers[1]?.viewer;
  const creativeManager = seeded.viewers[2]?.viewer;
  if (member) {
    await explainSummary(prisma, `EXPLAIN (ANALYZE, BUFFERS) cards SQL, MEMBER ${member.username}`, dashboardCountsSql(member));
    await explainSummary(
      prisma,
      `EXPLAIN (ANALYZE, BUFFERS) weeklyTrend(${WEEKS}) SQL, MEMBER ${member.username} (nodes only)`,
      weeklyTrendSql(member, WEEKS),
      true,
    );
  }
  if (manager) {
    await explainSummary(prisma, `EXPLAIN (ANALYZE, BUFFERS) cards SQL, MANAGER ${manager.username} (nodes only)`, dashboardCountsSql(manager), true);
  }
  if (creativeManager) {
    const who = `MANAGER ${creativeManager.username} (Creative)`;
    await explainSummary(prisma, `EXPLAIN (ANALYZE, BUFFERS) cards SQL, ${who} (nodes only)`, dashboardCountsSql(creativeManager), true);
    await explainSummary(prisma, `EXPLAIN (ANALYZE, BUFFERS) weeklyTrend(${WEEKS}) SQL, ${who} (nodes only)`, weeklyTrendSql(creativeManager, WEEKS), true);
  }
}

try {
  await main();
} catch (error) {
  // After Ctrl-C the in-flight query fails because cleanup closed its connection: not worth a stack trace.
  if (!cleaning) console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
