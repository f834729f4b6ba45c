// Search benchmark (issue 25: "under 50 ms at 100,000 tickets"): the command palette's request, `search(query,
// first: 8)` with what the palette selects, served by this API in production mode, against its bare SQL: the
// ranked-tickets statement of services/search.ts run straight through node-postgres. Latency is what a person
// at the palette waits for, so both run one request at a time (no concurrent load), each series after the
// database and the API went quiet (bench/harness.ts's quietWatch); p50 and p99 over the series, for an admin
// (the read rule lets everything through) and a member (their own tickets: the rule and the match combine).
// Before timing, each query's plan is printed in one line: the indexes it uses, or any sequential scan.
//
// The texts: a ticket number; two words of which one is in every title; a misspelt word (trigram similarity); two
// words of the comments; a word found nowhere; and "benchmark", which every title and every comment of the seeded
// data holds: through the index it read all 345,776 comments' entries before the first candidate; the statement
// now reads rows until it has its candidates (domain/search.ts documentSearch, from the indexes' statistics).
//
//   npm run bench:search                                  # DATABASE_URL's server, else postgres@127.0.0.1:5432
//   npm run bench:search -- --requests 100
//   npm run bench:search -- --tickets 1000000             # seeds perf_board_1000000 once (minutes)
import { parseArgs } from 'node:util';
import pg from 'pg';
import { LOCAL_POSTGRES_URL } from '../api/src/db/scratch-database.ts';
import { parseSearch } from '../api/src/domain/search.ts';
import { type Viewer as DomainViewer, viewerOf } from '../api/src/domain/viewer.ts';
import { readSearchStatistics, type SearchStatistics, searchTicketsSql } from '../api/src/services/search.ts';
import { BENCH_PASSWORD, boardDatabase, describeData } from './board-data.ts';
import { loadAverage, login, median, positiveInt, post, printHeader, printTable, quietWatch, runBenchmark, startApi } from './harness.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '60' },
    fresh: { type: 'boolean', default: false },
  },
});
const TICKETS = positiveInt(args.tickets, '--tickets');
const REQUESTS = positiveInt(args.requests, '--requests');
const FIRST = 8;

const VIEWERS = ['admin', 'marketing.member01'] as const;

const PALETTE_QUERY = `query PaletteSearch($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    score snippet
    ticket { id number title status }
    user { id username displayName department { id name } }
  }
}`;

function texts(number: number): { label: string; text: string }[] {
  return [
    { label: 'number', text: `#${number}` },
    { label: 'common + rare word', text: `ticket ${number}` },
    { label: 'typo (trigram)', text: 'benchmrak' },
    { label: 'comment words', text: 'comment 3' },
    { label: 'no match', text: 'zzyzx' },
    { label: 'word everywhere', text: 'benchmark' },
  ];
}

/** 0-based percentile of sorted samples (nearest rank). */
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 3; i++) await run(); // warm: plan caches, pages in memory, the API's first-request work
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: median(samples), p99: percentile(samples, 99) };
}

/** The plan in one line: each index used, or "Seq Scan on X" where a table is read (to its LIMIT); and the execution time. */
async function planSummary(client: pg.Client, sql: { text: string; values: unknown[] }): Promise<string> {
  const rows = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, FORMAT TEXT) ${sql.text}`, sql.values)).rows.map((row) => row['QUERY PLAN']);
  const used = new Set<string>();
  for (const line of rows) {
    if (line.includes('(never executed)')) continue; // planned, skipped at run time (a guess found enough)
    const index = /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "?([\w]+)"?/.exec(line)?.[1];
    if (index) used.add(index);
    const seq = /Seq Scan on "?(\w+)"?/.exec(line)?.[1];
    if (seq) used.add(`SEQ SCAN ${seq}`);
  }
  const time = rows.find((line) => line.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
  return `${time}; ${[...used].join(', ')}`;
}

async function viewerFor(client: pg.Client, username: string): Promise<DomainViewer> {
  const row = (
    await client.query(
      `SELECT u.id, u.username, u.role, u."departmentId", d."isCreative" FROM "User" u LEFT JOIN "Department" d ON d.id = u."departmentId" WHERE u.username = $1`,
      [username],
    )
  ).rows[0];
  if (!row) throw new Error(`no user ${username}`);
  return viewerOf({ ...row, department: row.departmentId ? { isCreative: row.isCreative } : null });
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || LOCAL_POSTGRES_URL;
  printHeader('search benchmark');
  const data = await boardDatabase(serverUrl, TICKETS, { fresh: args.fresh, log: (line) => console.log(`  ${line}`) });
  console.log(`  data:       ${describeData(data)}`);
  const client = new pg.Client({ connectionString: data.url, options: '-c jit=off' });
  await client.connect();
  // The new indexes of a database migrated just now have no statistics yet: the planner would guess.
  await client.query('ANALYZE "Ticket"; ANALYZE "Comment"');
  // The statistics the API reads (services/search.ts, kept a minute): the bare statement is built with the same.
  const statistics: SearchStatistics = await readSearchStatistics({
    rows: async (query) => (await client.query(query.text, query.values as unknown[])).rows,
  });
  console.log(
    `  statistics: ${Object.entries(statistics)
      .map(([index, { rows, common }]) => `${index} ${rows} rows, common words ${[...common].map(([word, share]) => `${word} ${share.toFixed(2)}`).join(', ')}`)
      .join('; ')}`,
  );
  console.log(`  load average before timing: ${loadAverage()}`);
  const api = await startApi(data.url);
  const quiet = await quietWatch(data.url, [api.pid]);
  console.log(
    `  method:     ${REQUESTS} requests one after another per text and viewer, after 3 warm-up ones; before each series the database and the API quiet`,
  );
  try {
    const number = Math.floor(TICKETS / 2) + 123;
    const rows: string[][] = [];
    for (const username of VIEWERS) {
      const viewer = await viewerFor(client, username);
      const token = await login(api.url, username, BENCH_PASSWORD);
      const label = username === 'admin' ? 'admin' : 'member';
      for (const { label: what, text } of texts(number)) {
        const terms = parseSearch(text);
        if (!terms?.prefixQuery) throw new Error(`no words in ${text}`);
        const sql = searchTicketsSql(viewer, { ...terms, prefixQuery: terms.prefixQuery }, FIRST, statistics);
        const statement = { text: sql.text, values: sql.values as unknown[] };
        const body = JSON.stringify({ query: PALETTE_QUERY, variables: { query: text, first: FIRST } });
        const hits = ((await post(api.url, body, token)).json.data as { search: unknown[] }).search.length;
        const bareRows = (await client.query(statement.text, statement.values)).rows.length;
        console.log(`  ${label.padEnd(6)} ${JSON.stringify(text).padEnd(14)} plan: ${await planSummary(client, statement)}`);
        await quiet.wait();
        const bare = await timed(() => client.query(statement.text, statement.values));
        await quiet.wait();
        const ours = await timed(() => post(api.url, body, token));
        rows.push([
          label,
          `${what} ${JSON.stringify(text)}`,
          `${ours.p50.toFixed(1)} / ${ours.p99.toFixed(1)}`,
          `${bare.p50.toFixed(1)} / ${bare.p99.toFixed(1)}`,
          `${hits} (${bareRows} tickets)`,
        ]);
        console.log(`  ${label.padEnd(6)} ${JSON.stringify(text).padEnd(14)} ours ${rows.at(-1)?.[2]} ms, bare ${rows.at(-1)?.[3]} ms (load ${loadAverage()})`);
      }
    }
    console.log(`\nSearch (first: ${FIRST}), ${data.tickets} tickets / ${data.comments + data.replies} comments, NODE_ENV=production, one request at a time`);
    console.log(
      "(ours: the GraphQL request over HTTP, 3 statements: tickets, people, the tickets' rows; the index statistics read once a minute; bare: the tickets statement alone)",
    );
    printTable(['viewer', 'text', 'ours p50 / p99 ms', 'bare SQL p50 / p99 ms', 'hits'], rows);
    console.log(`date ${new Date().toISOString()}; load average at end: ${loadAverage()}`);
  } finally {
    await quiet.close();
    await client.end();
  }
}

await runBenchmark(main);
