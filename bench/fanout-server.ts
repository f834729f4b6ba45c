// The API under test as a child process (its memory measured alone), for bench/fanout.ts: start, probe memory
// and CPU, stop. Also the PostgreSQL database the child may run on (created, migrated and seeded here).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTokenIssuer, hashRefreshToken, newRefreshToken } from '../api/src/auth/tokens.ts';
import { createScratchDatabase, type ScratchDatabase } from '../api/src/db/scratch-database.ts';
import { seedDemoData } from '../api/src/seed/demo.ts';
import type { GcTotals, ProbeReply, ProbeRequest } from './fanout-probe.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROBE = pathToFileURL(fileURLToPath(new URL('./fanout-probe.ts', import.meta.url))).href;
const READY_LINE = /Juan365 Ticketing API on (http:\/\/\S+\/graphql)/;
/** Log lines worth showing after the run: the app's warn/error levels, and anything unprefixed on stderr. */
const PROBLEM_LINE = /^\[(warn|error)\]|error|exception|unhandled|ECONN|EMFILE|heap/i;
const MAX_LOG_LINES = 20_000;

export type MemorySample = {
  /** VmRSS and VmHWM (peak RSS) from /proc/<pid>/status. */
  rssBytes: number;
  peakRssBytes: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  heapUsedAfterGc: number | null;
  /** The child's garbage-collection pauses so far. */
  gc: GcTotals;
};

export type ServerLogLine = { stream: 'stdout' | 'stderr'; at: number; text: string };

export type ServerHandle = {
  pid: number;
  url: string;
  wsUrl: string;
  log: ServerLogLine[];
  /** Lines that look like trouble (warn/error level, stack traces, stderr). */
  problems(): ServerLogLine[];
  /** RSS from /proc, heap through the preloaded probe (after a forced GC when `gc`). */
  memory(options?: { gc?: boolean; timeoutMs?: number }): Promise<MemorySample>;
  /** User + system CPU seconds the child has used so far. */
  cpuSeconds(): number;
  exited(): { code: number | null; signal: NodeJS.Signals | null; at: number; requested: boolean } | null;
  /** Called when the child exits without stop() having been asked for. */
  onUnexpectedExit(listener: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void): void;
  /** SIGTERM (the server's graceful shutdown), SIGKILL after graceMs. Idempotent. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }>;
  /** Last resort, synchronous (process 'exit' handler). */
  killNow(): void;
};

export type StartOptions = {
  dataDir: string;
  /** Run the API from this checkout instead of this one (to compare a baseline in the same conditions). */
  apiRoot?: string;
  databaseUrl?: string;
  jwtSecret?: string;
  redisUrl?: string;
  startTimeoutMs: number;
  /** Echo the child's output as it arrives. */
  verbose: boolean;
  /** Write a V8 CPU profile of the child into this directory (on exit). */
  cpuProfileDir?: string;
  /** More flags for the child's node (V8 heap sizes, say). */
  nodeFlags?: readonly string[];
  /** More settings for the child (bench/webhooks.ts: WEBHOOK_ALLOW_PRIVATE_TARGETS). */
  env?: Readonly<Record<string, string>>;
  signal: AbortSignal;
};

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function isProbeReply(value: unknown): value is ProbeReply {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'fanout-probe' && 'memory' in value;
}

export async function startServer(options: StartOptions): Promise<ServerHandle> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Only what this run asks for: nothing inherited may switch the child to another database or Redis.
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'PORT', 'HOST', 'DATA_DIR', 'SEED_DEMO_DATA', 'DEMO_PASSWORD', 'NODE_OPTIONS']) {
    delete env[name];
  }
  Object.assign(env, {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'info',
    // One client drives every change: no query-cost rate limit.
    RATE_LIMIT_POINTS: '0',
    SEED_DEMO_DATA: 'true',
    DEMO_PASSWORD: 'demo-password',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.jwtSecret ? { JWT_SECRET: options.jwtSecret } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });

  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', ...profiling, ...(options.nodeFlags ?? []), '--import', 'tsx', '--import', PROBE, 'api/src/main.ts'],
    {
      cwd: options.apiRoot ?? REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: a terminal's Ctrl-C reaches only the bench, which then stops the server itself
      // (and if the bench dies outright, the probe stops the server when the IPC channel closes).
      detached: true,
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the API child process');

  const log: ServerLogLine[] = [];
  let exit: { code: number | null; signal: NodeJS.Signals | null; at: number; requested: boolean } | null = null;
  let stopRequested = false;
  const unexpectedExitListeners: ((exit: { code: number | null; signal: NodeJS.Signals | null }) => void)[] = [];
  const exitPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal, at: Date.now(), requested: stopRequested };
      if (!stopRequested) for (const listener of unexpectedExitListeners) listener({ code, signal });
      resolve({ code, signal });
    });
  });
  child.on('error', (error) => log.push({ stream: 'stderr', at: Date.now(), text: `[spawn error] ${error.message}` }));

  let onLine: ((line: ServerLogLine) => void) | undefined;
  const lines = (stream: 'stdout' | 'stderr') => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) {
        const line = { stream, at: Date.now(), text };
        if (log.length < MAX_LOG_LINES) log.push(line);
        if (options.verbose) process.stderr.write(`  [server ${stream}] ${text}\n`);
        onLine?.(line);
      }
    };
  };
  child.stdout?.on('data', lines('stdout'));
  child.stderr?.on('data', lines('stderr'));

  const pending = new Map<number, (reply: ProbeReply) => void>();
  let nextProbeId = 1;
  child.on('message', (message: unknown) => {
    if (isProbeReply(message)) pending.get(message.id)?.(message);
  });

  let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }> | undefined;
  const handle: ServerHandle = {
    pid,
    url: '',
    wsUrl: '',
    log,
    problems: () => log.filter((line) => line.stream === 'stderr' || PROBLEM_LINE.test(line.text)),
    async memory({ gc = false, timeoutMs = 10_000 } = {}) {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      const rssBytes = kb('VmRSS');
      const peakRssBytes = kb('VmHWM');
      const id = nextProbeId++;
      const reply = await new Promise<ProbeReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error('memory probe timed out'));
        }, timeoutMs);
        pending.set(id, (value) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(value);
        });
        const request: ProbeRequest = { kind: 'fanout-probe', id, gc };
        child.send(request, (error) => {
          if (error) {
            clearTimeout(timer);
            pending.delete(id);
            reject(error);
          }
        });
      });
      const { heapUsed, heapTotal, external, arrayBuffers } = reply.memory;
      return { rssBytes, peakRssBytes, heapUsed, heapTotal, external, arrayBuffers, heapUsedAfterGc: reply.heapUsedAfterGc, gc: reply.gc };
    },
    cpuSeconds() {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after "(comm)": state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    exited: () => exit,
    onUnexpectedExit: (listener) => void unexpectedExitListeners.push(listener),
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        if (exit) return { code: exit.code, signal: exit.signal, forced: false };
        stopRequested = true;
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const graceful = await Promise.race([
          exitPromise.then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
        ]);
        clearTimeout(timer);
        if (!graceful) child.kill('SIGKILL');
        const result = await exitPromise;
        return { ...result, forced: !graceful };
      })();
      return stopping;
    },
    killNow() {
      stopRequested = true;
      if (!exit) child.kill('SIGKILL');
    },
  };

  // Ready when it prints its URL; a child that exits first, or the bench aborting, fails the start.
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not print its URL within ${options.startTimeoutMs} ms`)), options.startTimeoutMs);
    const done = () => {
      clearTimeout(timer);
      onLine = undefined;
      options.signal.removeEventListener('abort', aborted);
    };
    const aborted = () => {
      done();
      reject(options.signal.reason);
    };
    options.signal.addEventListener('abort', aborted, { once: true });
    onLine = (line) => {
      const match = READY_LINE.exec(line.text);
      if (!match?.[1]) return;
      done();
      resolve(match[1]);
    };
    void exitPromise.then(({ code, signal }) => {
      done();
      reject(new Error(`the API exited during startup (code ${code}, signal ${signal})`));
    });
  }).catch(async (error: unknown) => {
    await handle.stop(2_000);
    throw error;
  });
  handle.url = url;
  handle.wsUrl = url.replace(/^http/, 'ws');
  return handle;
}

// --- PostgreSQL ---------------------------------------------------------------------------------------------

/** Users the bench adds beside the demo people, with an access token each (minted here, no password check). */
export type BenchUser = { username: string; token: string; mayRead: boolean };

export type BenchUsersSpec = {
  /** Users who may read the measured ticket (admins, Marketing managers, Creative managers, in turn). */
  readers: number;
  /** Sales managers: they may not read it (a Marketing ticket), and must never receive its events. */
  outsiders: number;
  /** The API's JWT_SECRET, to sign their access tokens as it would. */
  jwtSecret: string;
  /** The API's access-token lifetime (config.ts). */
  accessTokenTtlSeconds: number;
};

/**
 * A fresh database on the server with the migrations and the demo data (and the bench's extra users), its
 * connections closed again: the API child opens it by URL. drop() throws it away.
 */
export async function createSeededDatabase(serverUrl: string, password: string, extra?: BenchUsersSpec): Promise<{ db: ScratchDatabase; users: BenchUser[] }> {
  const db = await createScratchDatabase({ engine: 'postgres', serverUrl, prefix: 'juan365_fanout', poolSize: 2 });
  try {
    await seedDemoData(db.prisma, { password });
    const users = extra ? await addBenchUsers(db, extra) : [];
    await db.close();
    return { db, users };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/**
 * Hundreds of distinct users, so the fan-out cannot lean on everyone being one of three people. Each gets a
 * sign-in session (a refresh-token family) and an access token for it, as login would issue, without
 * hundreds of password hashes.
 */
async function addBenchUsers(db: ScratchDatabase, spec: BenchUsersSpec): Promise<BenchUser[]> {
  const departments = await db.prisma.department.findMany();
  const departmentId = (name: string) => {
    const department = departments.find((candidate) => candidate.name === name);
    if (!department) throw new Error(`the demo data has no ${name} department`);
    return department.id;
  };
  const { passwordHash } = await db.prisma.user.findUniqueOrThrow({ where: { username: 'admin' }, select: { passwordHash: true } });
  const readerKinds = [
    { role: 'ADMIN', departmentId: null },
    { role: 'MANAGER', departmentId: departmentId('Marketing') },
    { role: 'MANAGER', departmentId: departmentId('Creative') },
  ] as const;
  const now = new Date();
  const rows = [
    ...Array.from({ length: spec.readers }, (_, index) => ({
      username: `fanout.reader.${index}`,
      mayRead: true,
      ...(readerKinds[index % readerKinds.length] ?? readerKinds[0]),
    })),
    ...Array.from({ length: spec.outsiders }, (_, index) => ({
      username: `fanout.outsider.${index}`,
      mayRead: false,
      role: 'MANAGER' as const,
      departmentId: departmentId('Sales'),
    })),
  ];
  const users = await db.prisma.user.createManyAndReturn({
    data: rows.map(({ username, role, departmentId }) => ({
      username,
      email: `${username}@bench.example`,
      displayName: username,
      passwordHash,
      role,
      departmentId,
      approvedAt: now,
    })),
    select: { id: true, username: true, tokenVersion: true },
  });
  const tokens = createTokenIssuer(spec.jwtSecret, spec.accessTokenTtlSeconds);
  const sessions = users.map((user) => ({ user, familyId: randomUUID() }));
  await db.prisma.refreshToken.createMany({
    data: sessions.map(({ user, familyId }) => ({
      userId: user.id,
      tokenHash: hashRefreshToken(newRefreshToken()),
      familyId,
      expiresAt: new Date(Date.now() + 86_400_000),
    })),
  });
  return Promise.all(
    sessions.map(async ({ user, familyId }) => ({
      username: user.username,
      token: (await tokens.signAccessToken(user, familyId)).token,
      mayRead: rows.find((row) => row.username === user.username)?.mayRead ?? false,
    })),
  );
}
