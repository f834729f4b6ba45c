// The server as it ships: `node <build>/main.js`, a separate process built by scripts/build-api.mjs (the same
// bundle `npm start` and the Docker image run), configured only through its environment. Suites under
// api/test/built/ drive it over HTTP and WebSocket, so a defect that only bundling brings (a renamed class,
// a lost file beside a module, a dynamic require) fails a test instead of production.
//
// The database follows the suite's engine: on PostgreSQL (DATABASE_URL set) a scratch database is created and
// migrated here, with the demo accounts, and handed to the server by URL (the test keeps a connection to look
// at rows); on PGlite the server opens a fresh DATA_DIR from the demo template, as a first `npm start` does.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemoAccounts } from '../../src/seed/demo.ts';
import { type GraphQLClient, graphqlClient } from './app.ts';
import { createTestDatabase, type TestDatabase, testEngine } from './database.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LISTENING = /Juan365 Ticketing API on (http:\/\/[^\s"]+\/graphql)/;
export const BUILT_DEMO_PASSWORD = 'demo-password';
export const BUILT_JWT_SECRET = 'built-server-test-secret-long-enough-for-hs256-0123456789';

/**
 * Settings of the machine (CI sets DATABASE_URL and REDIS_URL for the whole suite) that must reach the server
 * only when a test passes them on purpose.
 */
const INHERITED_UNSET = [
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'JWT_SECRET',
  'DEMO_PASSWORD',
  'SEED_DEMO_DATA',
  'NODE_ENV',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_GROUP_CHAT_ID',
  'TELEGRAM_API_ROOT',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_SECRET',
  'S3_BUCKET',
  'S3_ENDPOINT',
  'METRICS_TOKEN',
];

let builtMain: string | undefined;
const builds: string[] = [];
const running = new Set<ChildProcess>();

/**
 * Builds the API from the current source with the shipping build script, once per test process, into a folder
 * of its own (inside the repository, where node_modules and the PGlite templates are found), so a test neither
 * depends on a stale dist/api nor disturbs the one `npm start` runs.
 */
export function buildServer(): string {
  if (builtMain) return builtMain;
  const outdir = path.join(ROOT, 'dist', `test-build-${process.pid}`);
  execFileSync(process.execPath, ['scripts/build-api.mjs', '--outdir', outdir], { cwd: ROOT, stdio: 'pipe' });
  // A new embedded database is a copy of the template `npm install` builds; build it when missing.
  if (!existsSync(path.join(ROOT, 'dist', 'pglite-demo-template'))) {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-pglite-template.ts'], { cwd: ROOT, stdio: 'pipe' });
  }
  builds.push(outdir);
  builtMain = path.join(outdir, 'main.js');
  return builtMain;
}

/** A port that was free a moment ago (the server prints the port it was given, so PORT=0 would also do, but a
 * test that restarts a server wants the same port back). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export type BuiltServer = GraphQLClient & {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** The scratch PostgreSQL database the server runs on (undefined on PGlite, where the server owns its data). */
  database: TestDatabase | undefined;
  /** SIGTERM, then the exit code (the server finishes what it accepted and exits 0). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export type BuiltServerOptions = {
  env?: Record<string, string>;
  /** Embedded PGlite whatever the suite's engine (the end-to-end tests read the demo month). */
  embedded?: boolean;
  /** Run on this PostgreSQL database (another instance's) instead of a new one. */
  database?: TestDatabase;
  /** A fixed port (default: a free one). */
  port?: number;
  /** How long to wait for the listening line. */
  startTimeoutMs?: number;
};

/** Starts the built server and resolves once it prints the address it serves on. */
export async function startBuiltServer(options: BuiltServerOptions = {}): Promise<BuiltServer> {
  const main = buildServer();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'juan365-built-'));
  let database = options.database;
  const ownsDatabase = !database && !options.embedded && testEngine() === 'postgres';
  if (ownsDatabase) {
    database = await createTestDatabase({ engine: 'postgres', poolSize: 2 });
    await seedDemoAccounts(database.prisma, { password: BUILT_DEMO_PASSWORD });
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_UNSET) delete env[name];
  Object.assign(env, {
    HOST: '127.0.0.1',
    PORT: String(options.port ?? (await freePort())),
    DATA_DIR: dataDir,
    JWT_SECRET: BUILT_JWT_SECRET,
    LOG_LEVEL: 'info',
    // Tests count their own rows: the daily report would add one at its hour.
    DAILY_REPORT_TIME: 'off',
    ...(database?.url ? { DATABASE_URL: database.url } : { SEED_DEMO_DATA: 'true' }),
    ...options.env,
  });

  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the built server printed no address in ${options.startTimeoutMs ?? 60_000} ms:\n${output}`)),
      options.startTimeoutMs ?? 60_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the built server exited (${code ?? signal}) before listening:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    if (ownsDatabase) await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });

  let stopped: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  return {
    ...graphqlClient(url, BUILT_DEMO_PASSWORD),
    child,
    origin: new URL(url).origin,
    output: () => output,
    database,
    stop() {
      stopped ??= (async () => {
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
          else child.once('exit', (code, signal) => resolve({ code, signal }));
        });
        child.kill('SIGTERM');
        const result = await exited;
        if (ownsDatabase) await database?.drop();
        await rm(dataDir, { recursive: true, force: true });
        return result;
      })();
      return stopped;
    },
  };
}

/** Resolves once the server has printed `text` (e.g. the demo tickets are seeded after it starts listening). */
export async function waitForOutput(server: Pick<BuiltServer, 'output'>, text: string | RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const found = () => (typeof text === 'string' ? server.output().includes(text) : text.test(server.output()));
  while (!found()) {
    if (Date.now() > deadline) throw new Error(`no ${String(text)} in the server output:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** For afterAll: kills what a failed test left running and removes this process's build. */
export async function cleanUpBuiltServers(): Promise<void> {
  for (const child of running) child.kill('SIGKILL');
  for (const outdir of builds.splice(0)) await rm(outdir, { recursive: true, force: true });
  builtMain = undefined;
}
