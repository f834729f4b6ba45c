// Start-up benchmark: runs the package's `start` script (the same command `npm start` runs, without npm's
// own start-up) on a new, empty data directory and again on the same directory, and prints the time from
// spawning the process to the first successful `login` mutation, and the CPU time the server process had used by
// then (all its threads, from /proc: on a loaded machine the wall time is mostly waiting for a core, the CPU time
// is what the start costs). Numbers only, no assertions.
//
//   npm run bench:startup                       # 3 runs, the `start` script of package.json
//   npm run bench:startup -- --runs 5
//   npm run bench:startup -- --command "node --import tsx api/src/main.ts"   # another way to start
//   npm run bench:startup -- --compare /path/to/other/checkout              # and another checkout's, taking turns
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const HERE = path.resolve(import.meta.dirname, '..');
const POLL_MS = 25;
const GIVE_UP_MS = 600_000;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    command: { type: 'string' },
    compare: { type: 'string' },
  },
});
/** Checkouts whose start is measured, taking turns run by run so load from elsewhere falls on each alike. */
const CHECKOUTS = [HERE, ...(args.compare ? [path.resolve(args.compare)] : [])];
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive integer, got ${JSON.stringify(args.runs)}`);

async function startCommand(root: string): Promise<string[]> {
  if (args.command && root === HERE) return args.command.split(/\s+/).filter(Boolean);
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string | undefined> };
  const start = manifest.scripts.start;
  if (!start) throw new Error('package.json has no start script');
  // `exec node …` (npm's shell hands its signals to node): spawned without a shell, `exec` is not a program.
  const words = start.split(/\s+/).filter(Boolean);
  return words[0] === 'exec' ? words.slice(1) : words;
}

/** A port nobody listens on right now (the server is told it, so the benchmark needs no log parsing). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function loginWorks(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { login(input: { username: "admin", password: "demo-password" }) { accessToken } }',
      }),
    });
    const body = (await response.json()) as { data?: { login?: { accessToken?: string } } };
    return Boolean(body.data?.login?.accessToken);
  } catch {
    return false;
  }
}

type Started = { child: ChildProcess; ms: number; cpuMs: number };

/** Clock ticks per second of /proc's CPU times (100 on Linux almost everywhere). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU of a process so far, every thread included; NaN where /proc is missing. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces), from the third: utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

async function startAndLogin(root: string, command: string[], dataDir: string): Promise<Started> {
  const port = await freePort();
  const [executable, ...rest] = command;
  if (!executable) throw new Error('empty start command');
  const begin = performance.now();
  const child = spawn(executable, rest, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...withoutDatabaseServers(process.env),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_PASSWORD: 'demo-password',
      SEED_DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
    },
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (!(await loginWorks(port))) {
    if (exited) throw new Error(`the server exited before a login worked (${command.join(' ')})`);
    if (performance.now() - begin > GIVE_UP_MS) {
      child.kill('SIGKILL');
      throw new Error('no working login after 600 s');
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { child, ms: performance.now() - begin, cpuMs: processCpuMs(child.pid) };
}

/** The embedded mode is what is measured: a DATABASE_URL or REDIS_URL of the caller's shell would change it. */
function withoutDatabaseServers(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...rest } = env;
  return rest;
}

/** SIGTERM and wait for a clean exit, so the next start finds the data directory as a normal stop left it. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

async function main() {
  const targets = await Promise.all(
    CHECKOUTS.map(async (root) => ({
      root,
      command: await startCommand(root),
      first: [] as number[],
      restart: [] as number[],
      firstCpu: [] as number[],
      restartCpu: [] as number[],
    })),
  );
  console.log(`runs: ${RUNS}   load average (1, 5, 15 min): ${loadAverage()}`);
  for (const target of targets) console.log(`  ${target.root}: ${target.command.join(' ')}`);
  for (let run = 1; run <= RUNS; run++) {
    for (const target of targets) {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'juan365-bench-startup-'));
      try {
        const cold = await startAndLogin(target.root, target.command, dataDir);
        target.first.push(cold.ms);
        target.firstCpu.push(cold.cpuMs);
        await stop(cold.child);
        const warm = await startAndLogin(target.root, target.command, dataDir);
        target.restart.push(warm.ms);
        target.restartCpu.push(warm.cpuMs);
        await stop(warm.child);
        console.log(
          `run ${run} ${target.root}: first start ${cold.ms.toFixed(0)} ms (${cold.cpuMs.toFixed(0)} ms CPU), restart ${warm.ms.toFixed(0)} ms (${warm.cpuMs.toFixed(0)} ms CPU)   load ${loadAverage()}`,
        );
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  console.log(
    "\nspawn to the first successful login mutation, ms: wall, and the server process's CPU by then\n| checkout | start | median | min | max | CPU median | CPU min | CPU max |\n|---|---|---|---|---|---|---|---|",
  );
  for (const target of targets) {
    for (const [label, values, cpu] of [
      ['first start, empty data directory', target.first, target.firstCpu],
      ['restart, same data directory', target.restart, target.restartCpu],
    ] as const) {
      console.log(
        `| ${path.basename(target.root)} | ${label} | ${median(values).toFixed(0)} | ${Math.min(...values).toFixed(0)} | ${Math.max(...values).toFixed(0)} | ${median(cpu).toFixed(0)} | ${Math.min(...cpu).toFixed(0)} | ${Math.max(...cpu).toFixed(0)} |`,
      );
    }
  }
  console.log(`load average after: ${loadAverage()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
