// dashboardStats benchmark: the dashboard (every card, both breakdowns and the weekly trend) served by this API
// in production mode against a bare node-postgres endpoint that sends the same two aggregates at once and
// answers identical JSON (bench/dashboard-bare-server.ts), for an admin, a department manager, a Creative
// manager and a member. The method is bench/harness.ts's, shared with bench:board: both servers run as child
// processes on the board benchmark's database (perf_board_<N>, bench/board-data.ts), autocannon loads them in
// turns, each turn after the database has no active statement and neither server has spent CPU for 300 ms,
// the order alternating over the rounds. Prints req/s, p50 / p99, Node CPU per request of each server child
// (utime + stime from /proc/<pid>/stat), ours/bare on req/s and on p50 (the bar: p50 ≤ 1.3 × bare,
// i.e. p50 ours/bare ≤ 1.3) and the SQL statements per request. Numbers only, no assertions, except that both
// endpoints must return equal JSON before the first turn and after the last (in between the overdue card may
// move with the clock, which autocannon reports as a wrong body).
//
// One connection by default: a dashboard is one person's page, what counts is how long it takes.
//
//   npm run bench:stats                                  # 100,000 tickets (perf_board_100000, seeded once)
//   npm run bench:stats -- --tickets 1000000             # perf_board_1000000 (seeded once, minutes)
//   npm run bench:stats -- --seconds 5 --rounds 3 --connections 4
//   npm run bench:stats -- --explain                     # EXPLAIN (ANALYZE, BUFFERS) of both aggregates per viewer
import { parseArgs } from 'node:util';
import pg from 'pg';
import { LOCAL_POSTGRES_URL } from '../api/src/db/scratch-database.ts';
import type { Viewer as DomainViewer } from '../api/src/domain/viewer.ts';
import { dashboardCountsSql, weeklyTrendSql } from '../api/src/services/stats.ts';
import { BENCH_PASSWORD, boardDatabase, describeData } from './board-data.ts';
import {
  type Comparison,
  compare,
  login,
  median,
  positiveInt,
  post,
  printComparison,
  printHeader,
  runBenchmark,
  startApi,
  startBare,
  statementsPerRequest,
  type Viewer,
} from './harness.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    weeks: { type: 'string', default: '8' },
    fresh: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const TICKETS = positiveInt(args.tickets, '--tickets');
const CONNECTIONS = positiveInt(args.connections, '--connections');
const SECONDS = positiveInt(args.seconds, '--seconds');
const ROUNDS = positiveInt(args.rounds, '--rounds');
const WEEKS = positiveInt(args.weeks, '--weeks');
if (ROUNDS < 3) console.warn(`  note: --rounds ${ROUNDS}; the method asks for at least three`);

const VIEWERS = [
  { label: 'admin', username: 'admin' },
  { label: 'manager', username: 'marketing.manager' },
  { label: 'creative mgr', username: 'creative.manager1' },
  { label: 'member', username: 'marketing.member01' },
] as const;

// The bare endpoint builds its JSON in this order.
const DASHBOARD_QUERY = `query Dashboard($weeks: Int!) {
  dashboardStats {
    total deptApproval creativeApproval approved inProgress completed rejected overdue
    byStatus { status count }
    byPriority { priority count }
    weeklyTrend(weeks: $weeks) { weekStart created completed }
  }
}`;

// --- EXPLAIN ------------------------------------------------------------------------------------------------

const BRIEF_LINE = /^\s*(SubPlan|InitPlan|CTE) |^(Planning|Execution) Time/;

async function explain(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c jit=off' });
  await client.connect();
  try {
    const users = await client.query<DomainViewer>(
      `SELECT u.id, u.username, u.role, u."departmentId", coalesce(d."isCreative", false) AS "inCreativeDepartment"
       FROM "User" u LEFT JOIN "Department" d ON d.id = u."departmentId" WHERE u.username = ANY ($1)`,
      [VIEWERS.map((viewer) => viewer.username)],
    );
    for (const { label, username } of VIEWERS) {
      const viewer = users.rows.find((row) => row.username === username);
      if (!viewer) continue;
      for (const [title, sql] of [
        ['cards', dashboardCountsSql(viewer)],
        [`weeklyTrend(${WEEKS})`, weeklyTrendSql(viewer, WEEKS)],
      ] as const) {
        const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql.text}`, sql.values);
        console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${title}, ${label} (${username}), nodes only`);
        for (const [index, { 'QUERY PLAN': line }] of plan.rows.entries())
          if (index === 0 || line.includes('->') || BRIEF_LINE.test(line)) console.log(`  ${line}`);
      }
    }
  } finally {
    await client.end();
  }
}

// --- main ---------------------------------------------------------------------------------------------------

/** p50 of ours over p50 of bare, medians over the rounds: the bar for the dashboard is ≤ 1.3. */
function p50Ratio(comparison: Comparison, viewer: Viewer): string {
  const p50 = (name: string) => median((comparison.turns.get(`${viewer.label}/${name}`) ?? []).map((turn) => turn.p50));
  const bare = p50('bare');
  return bare > 0 ? (p50('ours') / bare).toFixed(2) : '–';
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || LOCAL_POSTGRES_URL;
  printHeader('dashboardStats benchmark');
  const data = await boardDatabase(serverUrl, TICKETS, { fresh: args.fresh, log: (line) => console.log(`  ${line}`) });
  console.log(`  data:       ${describeData(data)}`);

  const [api, bare] = await Promise.all([
    startApi(data.url, args['cpu-prof']),
    startBare(data.url, 'bench/dashboard-bare-server.ts', 'bare dashboard endpoint'),
  ]);

  const body = JSON.stringify({ query: DASHBOARD_QUERY, variables: { weeks: WEEKS } });
  const viewers: Viewer[] = [];
  for (const viewer of VIEWERS) viewers.push({ label: viewer.label, token: await login(api.url, viewer.username, BENCH_PASSWORD), body });
  const bareStatements = new Map<string, string>();
  for (const viewer of viewers) bareStatements.set(viewer.label, (await post(bare.url, body, viewer.token)).statements ?? '?');
  // The second request's count: a freshly built app sends a start-up statement of its own during the first one.
  const ourStatements = new Map<string, number>();
  for (const viewer of viewers) ourStatements.set(viewer.label, (await statementsPerRequest(data.url, viewer.token, [body, body]))[1] ?? Number.NaN);

  const comparison = await compare({
    databaseUrl: data.url,
    viewers,
    contenders: [
      { name: 'ours', child: api },
      { name: 'bare', child: bare },
    ],
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
    describe: (_viewer, json) => {
      const stats = (json.data as { dashboardStats: { total: number; overdue: number } }).dashboardStats;
      return `${stats.total} tickets visible, ${stats.overdue} overdue; `;
    },
  });
  printComparison(
    `dashboardStats (cards, breakdowns, weeklyTrend(${WEEKS})), ${data.tickets} tickets, NODE_ENV=production, ${CONNECTIONS} connection(s), ${SECONDS} s × ${ROUNDS} rounds`,
    comparison,
    {
      headers: ['p50 ours/bare', 'ours SQL/req', 'bare SQL/req'],
      cells: (viewer) => [p50Ratio(comparison, viewer), String(ourStatements.get(viewer.label) ?? '?'), bareStatements.get(viewer.label) ?? '?'],
    },
  );

  // The overdue card follows the clock (open tickets pass their due date during the run), so timed responses can
  // differ from the bodies taken before the first turn ("wrong body" above); the endpoints must still agree now.
  // (Three tries: a due date may also pass between the two requests.)
  for (const viewer of viewers) {
    for (let attempt = 1; ; attempt++) {
      const [ours, theirs] = [await post(api.url, body, viewer.token), await post(bare.url, body, viewer.token)];
      if (ours.text === theirs.text) break;
      if (attempt === 3) throw new Error(`${viewer.label}: ours and bare disagree after the run\nours: ${ours.text}\nbare: ${theirs.text}`);
    }
  }
  console.log('after the run: same JSON from ours and bare for every viewer');

  if (args.explain) await explain(data.url);
}

await runBenchmark(main);
