// Board benchmark: the board page (50 newest visible tickets with requester, assignee, department, comment
// count, and the total) served by this API in production mode against a bare node-postgres endpoint answering
// the same query with hand-written SQL and identical JSON (bench/board-bare-server.ts). Both run as child
// processes on the same database; autocannon loads them in turns (ours, bare, ours, bare…) for an admin and a
// member (whose read rule applies), so load from elsewhere on the machine falls on both alike. Prints req/s,
// p50, p99, the ratio ours/bare and the SQL statements per request. Numbers only, no assertions, except that
// both endpoints must first return equal JSON and every timed response must equal it.
//
//   npm run bench:board                                   # DATABASE_URL's server, else postgres@127.0.0.1:5432
//   npm run bench:board -- --seconds 5 --rounds 2
//   npm run bench:board -- --fresh                        # rebuild the perf_board_<N> database
//   npm run bench:board -- --cpu-prof /tmp/prof           # V8 CPU profile of the API child (on exit)
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { buildApp } from '../api/src/app.ts';
import { loadConfig } from '../api/src/config.ts';
import { openDatabase } from '../api/src/db/client.ts';
import { LOCAL_POSTGRES_URL } from '../api/src/db/scratch-database.ts';
import { BENCH_PASSWORD, boardDatabase } from './board-data.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    first: { type: 'string', default: '50' },
    fresh: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const TICKETS = positiveInt(args.tickets, '--tickets');
const CONNECTIONS = positiveInt(args.connections, '--connections');
const SECONDS = positiveInt(args.seconds, '--seconds');
const ROUNDS = positiveInt(args.rounds, '--rounds');
const FIRST = positiveInt(args.first, '--first');

function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const JWT_SECRET = 'perf-board-bench-jwt-secret-0123456789abcdef';
const VIEWERS = [
  { label: 'admin', username: 'admin' },
  { label: 'member', username: 'marketing.member01' },
] as const;

const BOARD_QUERY = `query Board($first: Int!) {
  tickets(first: $first) {
    totalCount
    nodes {
      id number title status priority dueDate createdAt commentCount
      requester { id displayName }
      assignee { id displayName }
      department { id name }
    }
  }
}`;

// --- autocannon (no type declarations shipped) ----------------------------------------------------------------

type Histogram = { average: number; p50: number; p99: number; total: number };
type CannonResult = { requests: Histogram; latency: Histogram; duration: number; errors: number; timeouts: number; non2xx: number; mismatches: number };
type CannonOptions = { url: string; connections: number; duration: number; method: 'POST'; headers: Record<string, string>; body: string; expectBody: string };
const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => Promise<CannonResult>;

// --- child processes ----------------------------------------------------------------------------------------

type Child = { url: string; process: ChildProcess; stop(): Promise<void> };
const children: Child[] = [];

async function startChild(label: string, nodeArgs: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
  const child = spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${label}] ${chunk}`));
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before listening:\n${seen}`)));
  });
  const handle: Child = {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
  children.push(handle);
  return handle;
}

// --- HTTP helpers -------------------------------------------------------------------------------------------

async function post(url: string, body: unknown, token?: string): Promise<{ json: Record<string, unknown>; statements: string | null }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (json.errors) throw new Error(`${url}: ${JSON.stringify(json.errors)}`);
  return { json, statements: response.headers.get('x-sql-statements') };
}

async function login(apiUrl: string, username: string): Promise<string> {
  const { json } = await post(apiUrl, {
    query: 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
    variables: { input: { username, password: BENCH_PASSWORD } },
  });
  const token = (json.data as { login?: { accessToken?: unknown } } | undefined)?.login?.accessToken;
  if (typeof token !== 'string') throw new Error(`login of ${username} returned no token`);
  return token;
}

/** Statements Prisma sends for one board request of `first` tickets, counted in-process through the same app. */
async function statementsPerRequest(databaseUrl: string, tokens: Map<string, string>, sizes: number[]): Promise<Map<string, number[]>> {
  let statements = 0;
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl, onQuery: () => statements++ });
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'error', SEED_DEMO_DATA: 'false', NODE_ENV: 'production' });
  const app = await buildApp(config, { database: db, ownsDatabase: true });
  try {
    const counts = new Map<string, number[]>();
    for (const [label, token] of tokens) {
      const perSize: number[] = [];
      for (const first of sizes) {
        statements = 0;
        const response = await app.yoga.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: BOARD_QUERY, variables: { first } }),
        });
        const json = (await response.json()) as { errors?: unknown };
        if (json.errors) throw new Error(`board (${label}, first ${first}): ${JSON.stringify(json.errors)}`);
        perSize.push(statements);
      }
      counts.set(label, perSize);
    }
    return counts;
  } finally {
    await app.stop();
  }
}

// --- output -------------------------------------------------------------------------------------------------

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, col) => Math.max(header.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]) => cells.map((value, col) => (col === 0 ? value.padEnd(widths[col] ?? 0) : value.padStart(widths[col] ?? 0))).join(' | ');
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('-+-'));
  for (const row of rows) console.log(line(row));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

// --- main ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || LOCAL_POSTGRES_URL;
  console.log('board benchmark');
  console.log(`  machine:    ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; load average ${load()} at start`);
  const data = await boardDatabase(serverUrl, TICKETS, { fresh: args.fresh });
  console.log(
    `  data:       ${data.tickets} tickets, ${data.comments} comments, ${data.users} users in ${new URL(data.url).pathname.slice(1)} ` +
      `(${data.reused ? 'reused' : 'built'}, ${(data.seedMs / 1000).toFixed(1)} s incl. migrations and ANALYZE)`,
  );

  const profile = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', args['cpu-prof']] : [];
  const env = { DATABASE_URL: data.url, JWT_SECRET };
  const [api, bare] = await Promise.all([
    startChild(
      'api',
      [...profile, '--import', 'tsx', 'api/src/main.ts'],
      // The load comes from one admin and one member: no query-cost rate limit, or it would answer 429.
      { ...env, NODE_ENV: 'production', PORT: '0', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'error', RATE_LIMIT_POINTS: '0' },
      /Juan365 Ticketing API on (http:\/\/\S+\/graphql)/,
    ),
    startChild('bare', ['--import', 'tsx', 'bench/board-bare-server.ts'], { ...env, NODE_ENV: 'production' }, /bare board endpoint on (http:\/\/\S+\/graphql)/),
  ]);

  const tokens = new Map<string, string>();
  for (const viewer of VIEWERS) tokens.set(viewer.label, await login(api.url, viewer.username));

  // Same JSON from both, once per viewer, before any timing; the bodies become autocannon's expected bodies.
  const request = JSON.stringify({ query: BOARD_QUERY, variables: { first: FIRST } });
  const expected = new Map<string, string>();
  const bareStatements = new Map<string, string>();
  for (const [label, token] of tokens) {
    const ours = await post(api.url, JSON.parse(request), token);
    const theirs = await post(bare.url, JSON.parse(request), token);
    if (!isDeepStrictEqual(ours.json, theirs.json)) {
      throw new Error(
        `${label}: the two endpoints disagree\nours: ${JSON.stringify(ours.json).slice(0, 600)}\nbare: ${JSON.stringify(theirs.json).slice(0, 600)}`,
      );
    }
    const tickets = (ours.json.data as { tickets: { totalCount: number; nodes: unknown[] } }).tickets;
    console.log(`  ${label.padEnd(10)}  ${tickets.nodes.length} tickets of ${tickets.totalCount} visible; same JSON from both endpoints`);
    for (const [target, url] of [
      ['ours', api.url],
      ['bare', bare.url],
    ] as const) {
      const body = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: request });
      expected.set(`${label}/${target}`, await body.text());
    }
    bareStatements.set(label, theirs.statements ?? '?');
  }

  const sizes = [1, FIRST, 100];
  const ourStatements = await statementsPerRequest(data.url, tokens, sizes);

  console.log(
    `  load:       autocannon, ${CONNECTIONS} connections, ${SECONDS} s per turn, ${ROUNDS} rounds of (admin: ours, bare; member: ours, bare); first: ${FIRST}`,
  );
  const samples = new Map<string, CannonResult[]>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [label, token] of tokens) {
      for (const [target, url] of [
        ['ours', api.url],
        ['bare', bare.url],
      ] as const) {
        const key = `${label}/${target}`;
        const result = await autocannon({
          url,
          connections: CONNECTIONS,
          duration: SECONDS,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: request,
          expectBody: expected.get(key) ?? '',
        });
        const failed = result.errors + result.timeouts + result.non2xx + result.mismatches;
        if (failed)
          console.warn(
            `  ${key}: ${failed} failed responses (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, wrong body ${result.mismatches})`,
          );
        samples.set(key, [...(samples.get(key) ?? []), result]);
        console.log(
          `  round ${round} ${key.padEnd(12)} ${(result.requests.total / result.duration).toFixed(1).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (load ${load()})`,
        );
      }
    }
  }

  const rows: string[][] = [];
  for (const [label] of tokens) {
    const rate = (target: string) => {
      const runs = samples.get(`${label}/${target}`) ?? [];
      return runs.reduce((sum, run) => sum + run.requests.total, 0) / runs.reduce((sum, run) => sum + run.duration, 0);
    };
    const latency = (target: string, key: 'p50' | 'p99') => median((samples.get(`${label}/${target}`) ?? []).map((run) => run.latency[key]));
    const ours = rate('ours');
    const bareRate = rate('bare');
    rows.push([
      label,
      ours.toFixed(1),
      `${latency('ours', 'p50')} / ${latency('ours', 'p99')}`,
      bareRate.toFixed(1),
      `${latency('bare', 'p50')} / ${latency('bare', 'p99')}`,
      (ours / bareRate).toFixed(2),
      (ourStatements.get(label) ?? []).join(' / '),
      bareStatements.get(label) ?? '?',
    ]);
  }
  console.log(`\nBoard query, ${data.tickets} tickets / ${data.comments} comments, NODE_ENV=production (latency ms: median over rounds of p50 / p99)`);
  printTable(
    ['viewer', 'ours req/s', 'ours p50 / p99', 'bare req/s', 'bare p50 / p99', 'ours/bare', `ours SQL/request (first ${sizes.join(', ')})`, 'bare SQL/request'],
    rows,
  );
  console.log(`load average at end: ${load()}`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await Promise.all(children.map((child) => child.stop()));
}
