// A server that cannot serve says why and exits, instead of announcing a URL that answers `Unexpected error.`
// to every call. The built server (scripts/build-api.mjs, what `npm start` and the image run) is started as a
// process against a PostgreSQL that is unreachable, a database that does not exist, one without the migrations,
// and a port that is taken. Always on the machine's PostgreSQL (DATABASE_URL's server, else the local one).
import { execFileSync, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, createScratchDatabase, LOCAL_POSTGRES_URL, type ScratchDatabase, withDatabaseName } from '../src/db/scratch-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_URL = process.env.DATABASE_URL || LOCAL_POSTGRES_URL;
const WAIT_SECONDS = 2;
/** Loading the bundle and the app before the wait starts, on a busy two-core machine. */
const START_SLACK_MS = 10_000;
const ANNOUNCED = 'API on';

type Run = { code: number | null; output: string; ms: number };

let buildDir: string;
let migrated: ScratchDatabase;
let migratedUrl: string;

beforeAll(async () => {
  // Built from the current source into a folder of its own, as embedded-start.test.ts does.
  buildDir = path.join(ROOT, 'dist', `test-build-startup-${process.pid}`);
  execFileSync(process.execPath, ['scripts/build-api.mjs', '--outdir', buildDir], { cwd: ROOT, stdio: 'pipe' });
  migrated = await createScratchDatabase({ engine: 'postgres', serverUrl: SERVER_URL, prefix: 'juan365_startup' });
  migratedUrl = migrated.url as string;
}, 120_000);

afterAll(async () => {
  await migrated?.drop();
  await rm(buildDir, { recursive: true, force: true });
});

/** Starts the built server with these settings; resolves when it exits, or stops it once it announces itself. */
async function run(env: Record<string, string>): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
    DATABASE_WAIT_SECONDS: String(WAIT_SECONDS),
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
    ...env,
  };
  for (const name of ['REDIS_URL', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_GROUP_CHAT_ID', 'S3_BUCKET']) delete childEnv[name];
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(buildDir, 'main.js')], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stopping = false;
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    // A server that announces itself is stopped: the assertion on its output then fails with the output shown.
    if (!stopping && output.includes(ANNOUNCED)) {
      stopping = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const killer = setTimeout(() => child.kill('SIGKILL'), WAIT_SECONDS * 1000 + START_SLACK_MS + 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(killer);
  return { code, output, ms: performance.now() - started };
}

async function freePort(): Promise<number> {
  const server = await occupyPort();
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function occupyPort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function expectFailedWithinTheWait(result: Run) {
  expect(result.output).not.toContain(ANNOUNCED);
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  // It waited (a try, a pause, another try…) and gave up when the wait was over. The wait is read off the lines'
  // own times, from the first try's line to the last word, so loading the bundle on a busy machine does not count.
  expect(result.ms).toBeGreaterThanOrEqual(WAIT_SECONDS * 1000);
  const times = result.output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => Date.parse((JSON.parse(line) as { time: string }).time));
  const waited = times[times.length - 1]! - times[0]!;
  expect(waited).toBeLessThan(WAIT_SECONDS * 1000 + 5_000);
  expect(result.output).toMatch(/waiting for the database at DATABASE_URL .*\(try 1\)/);
  expect(result.output).toContain(`Gave up after ${WAIT_SECONDS} s (DATABASE_WAIT_SECONDS)`);
  // The last word is one message, not a stack trace.
  expect(result.output).not.toMatch(/^\s+at /m);
}

describe('the built server on a database it cannot use', () => {
  it('an unreachable server: waits DATABASE_WAIT_SECONDS, one line per try, then exits naming DATABASE_URL', async () => {
    const result = await run({ DATABASE_URL: 'postgresql://app:s3cret@127.0.0.1:1/juan365' });
    expectFailedWithinTheWait(result);
    expect(result.output).toContain(
      "Cannot start: the database at DATABASE_URL (postgresql://app:***@127.0.0.1:1/juan365) cannot be used: Can't reach database server",
    );
    // The password never reaches the log.
    expect(result.output).not.toContain('s3cret');
    // One line per try: tries at 0, 1 and 3 s of a 2 s wait give two "waiting" lines before the final message.
    expect(result.output.match(/waiting for the database/g)?.length).toBeGreaterThanOrEqual(1);
    expect(result.output.match(/waiting for the database/g)?.length).toBeLessThanOrEqual(WAIT_SECONDS + 1);
  }, 60_000);

  it('a database that does not exist: exits naming DATABASE_URL and the database', async () => {
    const missing = `juan365_missing_${process.pid}`;
    const result = await run({ DATABASE_URL: withDatabaseName(SERVER_URL, missing) });
    expectFailedWithinTheWait(result);
    // As it stands inside the JSON line (quotes escaped).
    expect(result.output).toContain(JSON.stringify(`cannot be used: database "${missing}" does not exist`).slice(1, -1));
  }, 60_000);

  it('a database without the migrations: exits naming DATABASE_URL and npm run db:migrate', async () => {
    const empty = await createEmptyPostgresDatabase(SERVER_URL, 'juan365_unmigrated');
    try {
      const result = await run({ DATABASE_URL: empty.url });
      expectFailedWithinTheWait(result);
      expect(result.output).toMatch(/Cannot start: the database at DATABASE_URL \(.*juan365_unmigrated_.*\) lacks \d+ migration\(s\)/);
      expect(result.output).toContain('Run `npm run db:migrate` with the same DATABASE_URL.');
    } finally {
      await empty.drop();
    }
  }, 60_000);

  it('a migrated database: serves at once (the check refuses nothing it should not)', async () => {
    const result = await run({ DATABASE_URL: migratedUrl });
    expect(result.output).toContain(ANNOUNCED);
    expect(result.output).not.toContain('waiting for the database');
    // Stopped by run() once it announced itself: a clean SIGTERM shutdown.
    expect(result.code, result.output).toBe(0);
  }, 60_000);
});

describe('the built server on a port that is taken', () => {
  let taken: Server;

  beforeAll(async () => {
    taken = await occupyPort();
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
  });

  it('exits non-zero with one line naming the port and PORT', async () => {
    const port = (taken.address() as { port: number }).port;
    const result = await run({ DATABASE_URL: migratedUrl, PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`port ${port} is in use (PORT)`);
    expect(result.output).not.toContain(ANNOUNCED);
    // ws used to re-emit the HTTP server's error, which graphql-ws reported as its own.
    expect(result.output).not.toContain('Internal error emitted on the WebSocket server');
    expect(result.output).not.toMatch(/^\s+at /m);
  }, 60_000);
});
