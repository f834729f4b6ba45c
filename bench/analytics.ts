// analytics benchmark: seeds a throwaway database with N tickets (bench/bench-world.ts), then times, per viewer,
// the whole `analytics` request through Yoga next to the bare SQL it runs (its three statements straight through
// the driver, side by side as the service runs them), and prints EXPLAIN (ANALYZE, BUFFERS) of each statement. Numbers only.
//
//   npm run bench:analytics                         # 100,000 tickets on DATABASE_URL's server, else postgres@127.0.0.1
//   npm run bench:analytics -- --tickets 20000 --runs 10 --days 30
//   npm run bench:analytics -- --keep               # keep the created database (prints its URL)
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../api/src/app.ts';
import { loadConfig } from '../api/src/config.ts';
import { Prisma } from '../api/src/db/generated/prisma/client.ts';
import { applyMigrations } from '../api/src/db/migrate.ts';
import { createScratchDatabase, LOCAL_POSTGRES_URL } from '../api/src/db/scratch-database.ts';
import { analyticsScope } from '../api/src/domain/analytics.ts';
import type { Viewer } from '../api/src/domain/viewer.ts';
import { analyticsOutputSql, analyticsSummarySql, perUserSql, scopeSql } from '../api/src/services/analytics.ts';
import { BENCH_PASSWORD, seedBenchWorld } from './bench-world.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    days: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const TICKETS = Number(args.tickets);
const RUNS = Number(args.runs);
const DAYS = Number(args.days);
for (const [name, value] of [
  ['--tickets', TICKETS],
  ['--runs', RUNS],
  ['--days', DAYS],
] as const) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
}

const ANALYTICS_QUERY = `query ($range: AnalyticsRange!) { analytics(range: $range) {
  created completed rejected completionRate onTimeRate revisionRate averageRevisions averageCycleHours averageProcessingHours
  stageAverages { stage averageHours tickets } outputByCriteria { criteria tickets quantity }
  byRequestType { requestType created completed onTimeRate quantity } byProduct { productName tickets quantity }
  byDepartment { departmentName created completed onTimeRate quantity } byPriority { priority created completed onTimeRate quantity }
  perUser { displayName assigned completed inProgress output averageProcessingHours averageCycleHours } leaders { displayName output } } }`;

type Sample = { median: number; p95: number };

async function timeInTurns(runs: (() => Promise<unknown>)[]): Promise<Sample[]> {
  for (let i = 0; i < 3; i++) for (const run of runs) await run();
  const samples = runs.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [index, run] of runs.entries()) {
      const started = performance.now();
      await run();
      samples[index]?.push(performance.now() - started);
    }
  }
  return samples.map((ms) => {
    const sorted = [...ms].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
    return { median: at(0.5), p95: at(0.95) };
  });
}

const cell = (sample: Sample | undefined) => (sample ? `${sample.median.toFixed(1)} / ${sample.p95.toFixed(1)}` : '?');
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const db = await createScratchDatabase({
  engine: 'postgres',
  serverUrl: process.env.DATABASE_URL || LOCAL_POSTGRES_URL,
  prefix: 'juan365_bench',
  migrate: false,
});
const cleanups: (() => Promise<unknown>)[] = [
  async () => {
    if (args.keep) {
      await db.close();
      console.log(`kept database ${db.kind === 'postgres' ? db.url : ''}`);
    } else await db.drop();
  },
];
try {
  if (db.kind !== 'postgres') throw new Error('PostgreSQL only');
  const { prisma } = db;
  await applyMigrations(db.adapterFactory);
  const seededAt = performance.now();
  const seeded = await seedBenchWorld(prisma, TICKETS);
  await prisma.$executeRawUnsafe('ANALYZE');
  const seedMs = performance.now() - seededAt;
  // Three connections: the service runs its three statements side by side on the app's pool, and so does this.
  const pool = new pg.Pool({ connectionString: db.url, options: '-c jit=off', max: 3 });
  cleanups.unshift(() => pool.end());

  const users = await prisma.user.findMany({ include: { department: true } });
  const viewerOf = (username: string): Viewer => {
    const row = users.find((user) => user.username === username);
    if (!row) throw new Error(`${username} was not seeded`);
    return { id: row.id, username: row.username, role: row.role, departmentId: row.departmentId, inCreativeDepartment: row.department?.isCreative ?? false };
  };
  const viewers = [
    ['ADMIN', viewerOf('admin')],
    ['MANAGER Marketing', viewerOf('marketing.manager')],
    ['MANAGER Creative', viewerOf('creative.manager1')],
  ] as const;

  const to = new Date();
  const period = { from: new Date(to.getTime() - DAYS * 86_400_000), to };
  const app = await buildApp(
    loadConfig({ PORT: '0', JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0123456789', LOG_LEVEL: 'error', SEED_DEMO_DATA: 'false', RATE_LIMIT_POINTS: '0' }),
    {
      database: db,
    },
  );
  cleanups.unshift(() => app.stop());
  const post = async (body: unknown, token?: string) => {
    const response = await app.yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data ?? {};
  };

  console.log('analytics benchmark');
  console.log(
    `  seed:     ${seeded.tickets} tickets, ${seeded.collaborators} collaborators, ${seeded.users.length} users in ${seedMs.toFixed(0)} ms (incl. ANALYZE)`,
  );
  console.log(`  range:    the last ${DAYS} days (tickets span 12 weeks)`);
  console.log(`  load avg: ${load()} before timing; cells are median / p95 ms over ${RUNS} runs (after 3 warm-ups), the two paths taking turns`);
  console.log('');
  console.log('viewer            | created | completed | analytics (yoga.fetch) | bare SQL (3 statements, pg, parallel) | share of the request in SQL');
  console.log('------------------+---------+-----------+------------------------+---------------------------------------+----------------------------');
  const statements: [string, Prisma.Sql][] = [];
  for (const [label, viewer] of viewers) {
    const where = scopeSql(viewer, analyticsScope(viewer, null));
    const sqls = [analyticsSummarySql(where, period), analyticsOutputSql(where, period), perUserSql(where, period)];
    if (label !== 'MANAGER Marketing')
      statements.push(...sqls.map((sql, index) => [`${label}: ${['summary', 'output', 'perUser'][index]}`, sql] as [string, Prisma.Sql]));
    const login = await post({
      query: 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }',
      variables: { input: { username: viewer.username, password: BENCH_PASSWORD } },
    });
    const token = (login.login as { accessToken: string }).accessToken;
    const variables = { range: { from: period.from.toISOString(), to: period.to.toISOString() } };
    const first = (await post({ query: ANALYTICS_QUERY, variables }, token)).analytics as { created: number; completed: number };
    const [request, bare] = await timeInTurns([
      () => post({ query: ANALYTICS_QUERY, variables }, token),
      () => Promise.all(sqls.map((sql) => pool.query(sql.text, sql.values))),
    ]);
    const share = request && bare ? `${((bare.median / request.median) * 100).toFixed(0)} %` : '?';
    console.log(
      `${label.padEnd(17)} | ${String(first.created).padStart(7)} | ${String(first.completed).padStart(9)} | ${cell(request).padStart(22)} | ${cell(bare).padStart(37)} | ${share.padStart(26)}`,
    );
  }
  console.log(`\nload avg after timing: ${load()}`);

  for (const [title, sql] of statements) {
    const rows = await prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${title} (nodes only)`);
    for (const row of rows) {
      const line = row['QUERY PLAN'].replace(/ {2}\(cost=[^)]*\)/, '');
      if (line.includes('->') || /^(Planning|Execution) Time|^\S/.test(line)) console.log(`  ${line}`);
    }
  }
} finally {
  for (const step of cleanups) await step().catch((error) => console.error('cleanup failed:', error));
}
