// One benchmark method for the endpoint comparisons (bench/board.ts, bench/detail.ts): this API and a bare
// node-postgres endpoint run as child processes on the same database, and autocannon loads them in turns,
// round after round, for each viewer. Before every turn the harness waits until the database has no other
// active backend (leftover statements, autovacuum) and neither child spends CPU (leftover requests, background
// work), so nothing of one contender's turn falls into the next; the order of the two contenders alternates
// from round to round. Per contender it reports req/s, p50 and p99 (medians over the rounds) and the Node CPU
// per request of its child (utime + stime from /proc/<pid>/stat over the turn, divided by the requests
// completed). Every table is printed with the date, the machine, the load average at start and end and the
// command line that produced it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../api/src/app.ts';
import { loadConfig } from '../api/src/config.ts';
import { openDatabase } from '../api/src/db/client.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const JWT_SECRET = 'perf-board-bench-jwt-secret-0123456789abcdef';

export function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

// --- the machine and the command ----------------------------------------------------------------------------

export const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

const shellQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** The command that ran this benchmark, as it can be typed again. */
export function commandLine(): string {
  const args = process.argv.slice(2).map(shellQuote).join(' ');
  const env = process.env.DATABASE_URL ? `DATABASE_URL=${shellQuote(process.env.DATABASE_URL)} ` : '';
  const script = process.env.npm_lifecycle_event;
  if (script) return `${env}npm run ${script}${args ? ` -- ${args}` : ''}`;
  return `${env}node --import tsx ${process.argv[1]?.replace(REPO_ROOT, '') ?? '?'}${args ? ` ${args}` : ''}`;
}

/** The header every benchmark prints first. */
export function printHeader(title: string): void {
  console.log(title);
  console.log(`  date:       ${new Date().toISOString()}`);
  console.log(`  machine:    ${cpus().length} cores × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; load average ${loadAverage()} at start`);
  console.log(`  command:    ${commandLine()}`);
}

// --- child processes ----------------------------------------------------------------------------------------

export type Child = { label: string; url: string; pid: number; process: ChildProcess; stop(): Promise<void> };
const children: Child[] = [];

/** A Node child process in the repository; resolves with the URL its stdout announces (the first group of `ready`). */
export async function startChild(label: string, nodeArgs: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
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
  if (child.pid === undefined) throw new Error(`${label} has no pid`);
  const handle: Child = {
    label,
    url,
    pid: child.pid,
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

/** This API in production mode, as a child process on the benchmark's database. */
export function startApi(databaseUrl: string, profileDir?: string): Promise<Child> {
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  return startChild(
    'api',
    [...profile, '--import', 'tsx', 'api/src/main.ts'],
    // The load comes from one admin and one member: no query-cost rate limit, or it would answer 429.
    { DATABASE_URL: databaseUrl, JWT_SECRET, NODE_ENV: 'production', PORT: '0', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'error', RATE_LIMIT_POINTS: '0' },
    /Juan365 Ticketing API on (http:\/\/\S+\/graphql)/,
  );
}

/** A bare endpoint (bench/<script>) as a child process; it announces `<name> on <url>`. */
export function startBare(databaseUrl: string, script: string, name: string): Promise<Child> {
  return startChild(
    'bare',
    ['--import', 'tsx', script],
    { DATABASE_URL: databaseUrl, JWT_SECRET, NODE_ENV: 'production' },
    new RegExp(`${name} on (http://\\S+/graphql)`),
  );
}

/** The SQL statements this API sends for each request body, counted in-process (openDatabase's onQuery) through the same app. */
export async function statementsPerRequest(databaseUrl: string, token: string, bodies: string[]): Promise<number[]> {
  let statements = 0;
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl, onQuery: () => statements++ });
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'error', SEED_DEMO_DATA: 'false', NODE_ENV: 'production' });
  const app = await buildApp(config, { database: db, ownsDatabase: true });
  try {
    const send = async (body: string) => {
      const response = await app.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const json = (await response.json()) as { errors?: unknown };
      if (json.errors) throw new Error(`${body.slice(0, 200)}: ${JSON.stringify(json.errors)}`);
    };
    // Each body once first: a fresh app's first request shares its moment with start-up reads (the realtime
    // hub's last event id), which are not the request's statements.
    for (const body of bodies) await send(body);
    const counts: number[] = [];
    for (const body of bodies) {
      statements = 0;
      await send(body);
      counts.push(statements);
    }
    return counts;
  } finally {
    await app.stop();
  }
}

export const stopChildren = () => Promise.all(children.map((child) => child.stop()));

/** Runs main, reports a failure with exit code 1, and always stops the children. */
export async function runBenchmark(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await stopChildren();
  }
}

// --- CPU time and quiet -------------------------------------------------------------------------------------

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process in milliseconds (/proc/<pid>/stat fields 14 and 15; the name may hold spaces). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Quiet = {
  /** Waits until the database is idle and the children spend no CPU; answers how long it waited. */
  wait(): Promise<number>;
  close(): Promise<void>;
};

/**
 * Quiet means: no backend of the benchmark's database is doing anything but this check (pg_stat_activity:
 * state other than idle, autovacuum workers included), and the CPU time of every child has not advanced for
 * `stillMs`. After `timeoutMs` it prints a warning and lets the turn start anyway.
 */
export async function quietWatch(databaseUrl: string, pids: number[], options: { stillMs?: number; timeoutMs?: number } = {}): Promise<Quiet> {
  const stillMs = options.stillMs ?? 300;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const busyBackends = async () =>
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'
           AND backend_type IN ('client backend', 'autovacuum worker', 'parallel worker')`,
      )
    ).rows[0]?.n ?? 0;
  const cpuOfAll = () => pids.map(cpuMs);
  return {
    async wait() {
      const started = performance.now();
      for (;;) {
        const busy = await busyBackends();
        if (busy === 0) {
          const before = cpuOfAll();
          await sleep(stillMs);
          const after = cpuOfAll();
          if (after.every((value, i) => value === before[i]) && (await busyBackends()) === 0) return performance.now() - started;
        } else await sleep(50);
        if (performance.now() - started > timeoutMs) {
          console.warn(`  warning: not quiet after ${(timeoutMs / 1000).toFixed(0)} s (database backends busy: ${busy}); starting the turn anyway`);
          return performance.now() - started;
        }
      }
    },
    close: () => client.end(),
  };
}

// --- HTTP ---------------------------------------------------------------------------------------------------

export async function post(url: string, body: unknown, token?: string): Promise<{ json: Record<string, unknown>; text: string; statements: string | null }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const json = JSON.parse(text) as Record<string, unknown>;
  if (json.errors) throw new Error(`${url}: ${JSON.stringify(json.errors)}`);
  return { json, text, statements: response.headers.get('x-sql-statements') };
}

export async function login(apiUrl: string, username: string, password: string): Promise<string> {
  const { json } = await post(apiUrl, {
    query: 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
    variables: { input: { username, password } },
  });
  const token = (json.data as { login?: { accessToken?: unknown } } | undefined)?.login?.accessToken;
  if (typeof token !== 'string') throw new Error(`login of ${username} returned no token`);
  return token;
}

// --- turns --------------------------------------------------------------------------------------------------

type Histogram = { average: number; p50: number; p99: number; total: number };
type CannonResult = { requests: Histogram; latency: Histogram; duration: number; errors: number; timeouts: number; non2xx: number; mismatches: number };
type CannonOptions = { url: string; connections: number; duration: number; method: 'POST'; headers: Record<string, string>; body: string; expectBody: string };
// autocannon ships no type declarations.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => Promise<CannonResult>;

export type Contender = { name: string; child: Child };
export type Viewer = { label: string; token: string; body: string };
/** One timed turn: rate, latency, and the child's CPU per completed request. */
export type Turn = { rps: number; p50: number; p99: number; cpuMsPerRequest: number; requests: number; waitedMs: number };

export type Comparison = {
  viewers: Viewer[];
  contenders: Contender[];
  /** Samples per `${viewer}/${contender}`, one per round. */
  turns: Map<string, Turn[]>;
};

/**
 * The comparison itself: first every contender must answer every viewer with equal JSON (the body becomes the
 * expected body of every timed response); then `rounds` rounds of one turn per viewer and contender, the
 * contenders' order reversed every other round, each turn after the database and all children went quiet.
 */
export async function compare(options: {
  databaseUrl: string;
  viewers: Viewer[];
  contenders: Contender[];
  rounds: number;
  seconds: number;
  connections: number;
  /** A line about each viewer's answer once all contenders agreed (e.g. how many tickets it holds). */
  describe?: (viewer: Viewer, json: Record<string, unknown>) => string;
}): Promise<Comparison> {
  const { viewers, contenders } = options;
  const expected = new Map<string, string>();
  for (const viewer of viewers) {
    const answers: Awaited<ReturnType<typeof post>>[] = [];
    for (const contender of contenders) answers.push(await post(contender.child.url, viewer.body, viewer.token));
    const [first, ...rest] = answers;
    if (!first) throw new Error('no contenders');
    rest.forEach((answer, i) => {
      if (JSON.stringify(answer.json) !== JSON.stringify(first.json)) {
        throw new Error(
          `${viewer.label}: ${contenders[i + 1]?.name} answers differently from ${contenders[0]?.name}\n` +
            `${contenders[0]?.name}: ${first.text.slice(0, 1500)}\n${contenders[i + 1]?.name}: ${answer.text.slice(0, 1500)}`,
        );
      }
    });
    console.log(`  ${viewer.label.padEnd(10)}  ${options.describe?.(viewer, first.json) ?? ''}same JSON from ${contenders.map((c) => c.name).join(' and ')}`);
    contenders.forEach((contender, i) => {
      expected.set(`${viewer.label}/${contender.name}`, answers[i]?.text ?? '');
    });
  }

  const quiet = await quietWatch(
    options.databaseUrl,
    contenders.map((contender) => contender.child.pid),
  );
  console.log(
    `  load:       autocannon, ${options.connections} connections, ${options.seconds} s per turn, ${options.rounds} rounds; before each turn: ` +
      'database without active backends and both servers without CPU for 300 ms',
  );
  const turns = new Map<string, Turn[]>();
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const order = round % 2 === 1 ? contenders : [...contenders].reverse();
      for (const viewer of viewers) {
        for (const contender of order) {
          const key = `${viewer.label}/${contender.name}`;
          const waitedMs = await quiet.wait();
          const cpuBefore = cpuMs(contender.child.pid);
          const result = await autocannon({
            url: contender.child.url,
            connections: options.connections,
            duration: options.seconds,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
            body: viewer.body,
            expectBody: expected.get(key) ?? '',
          });
          // The turn ends when its last request is answered: its CPU is counted once the child is quiet again.
          await quiet.wait();
          const cpu = cpuMs(contender.child.pid) - cpuBefore;
          const failed = result.errors + result.timeouts + result.non2xx + result.mismatches;
          if (failed)
            console.warn(
              `  ${key}: ${failed} failed responses (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, wrong body ${result.mismatches})`,
            );
          const turn: Turn = {
            rps: result.requests.total / result.duration,
            p50: result.latency.p50,
            p99: result.latency.p99,
            cpuMsPerRequest: result.requests.total ? cpu / result.requests.total : Number.NaN,
            requests: result.requests.total,
            waitedMs,
          };
          turns.set(key, [...(turns.get(key) ?? []), turn]);
          console.log(
            `  round ${round} ${key.padEnd(14)} ${turn.rps.toFixed(1).padStart(7)} req/s  p50 ${turn.p50} ms  p99 ${turn.p99} ms  ` +
              `CPU ${turn.cpuMsPerRequest.toFixed(2)} ms/req  (waited ${(waitedMs / 1000).toFixed(1)} s for quiet; load ${loadAverage()})`,
          );
        }
      }
    }
  } finally {
    await quiet.close();
  }
  return { viewers, contenders, turns };
}

// --- output -------------------------------------------------------------------------------------------------

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, col) => Math.max(header.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]) => cells.map((value, col) => (col === 0 ? value.padEnd(widths[col] ?? 0) : value.padStart(widths[col] ?? 0))).join(' | ');
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('-+-'));
  for (const row of rows) console.log(line(row));
}

/**
 * The comparison's table: per viewer, each contender's req/s, p50 / p99 and CPU per request (medians over
 * the rounds), the first contender's rate over the second's, and any further columns per viewer.
 */
export function printComparison(
  title: string,
  comparison: Comparison,
  extra: { headers: string[]; cells: (viewer: Viewer) => string[] } = { headers: [], cells: () => [] },
): void {
  const { viewers, contenders, turns } = comparison;
  const of = (viewer: Viewer, contender: Contender) => turns.get(`${viewer.label}/${contender.name}`) ?? [];
  const rate = (viewer: Viewer, contender: Contender) => median(of(viewer, contender).map((turn) => turn.rps));
  const [ours, bare] = contenders;
  const headers = ['viewer'];
  for (const contender of contenders) headers.push(`${contender.name} req/s`, `${contender.name} p50 / p99`, `${contender.name} CPU/req`);
  if (ours && bare) headers.push(`${ours.name}/${bare.name}`);
  headers.push(...extra.headers);
  const rows = viewers.map((viewer) => {
    const row = [viewer.label];
    for (const contender of contenders) {
      const samples = of(viewer, contender);
      row.push(
        rate(viewer, contender).toFixed(1),
        `${median(samples.map((turn) => turn.p50))} / ${median(samples.map((turn) => turn.p99))}`,
        `${median(samples.map((turn) => turn.cpuMsPerRequest)).toFixed(2)} ms`,
      );
    }
    if (ours && bare) row.push((rate(viewer, ours) / rate(viewer, bare)).toFixed(2));
    row.push(...extra.cells(viewer));
    return row;
  });
  console.log(`\n${title}`);
  console.log(`(latency ms; req/s, latency and Node CPU per request of the server process: medians over the rounds)`);
  printTable(headers, rows);
  console.log(`date ${new Date().toISOString()}; ${cpus().length} cores × ${cpus()[0]?.model ?? '?'}; load average at end: ${loadAverage()}`);
  console.log(`command: ${commandLine()}`);
}
