// `npm start` forwards SIGTERM: npm signals its child, and the script execs node, so the server itself gets the
// signal and shuts down gracefully. Before, npm's child was a shell that died and left node serving, orphaned.
// Runs the dist/api that `npm install` built (what `npm start` runs), on the machine's PostgreSQL.
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDatabase, LOCAL_POSTGRES_URL, type ScratchDatabase } from '../src/db/scratch-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase({ engine: 'postgres', serverUrl: process.env.DATABASE_URL || LOCAL_POSTGRES_URL, prefix: 'juan365_npm_start' });
});

afterAll(async () => {
  await db?.drop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

it('SIGTERM to npm start stops the server gracefully: nothing is left listening', async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  for (const name of ['REDIS_URL', 'TELEGRAM_BOT_TOKEN', 'S3_BUCKET']) delete env[name];
  // Its own process group: if node is orphaned (the bug), killing the group in `finally` still ends it.
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk));
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + 40_000;
    while (!output.includes('API on') && Date.now() < deadline && npm.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output).toContain('API on');
    expect(await accepts(port)).toBe(true);

    npm.kill('SIGTERM');
    await exited;
    const closedBy = Date.now() + 15_000;
    while ((await accepts(port)) && Date.now() < closedBy) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await accepts(port), output).toBe(false);
    expect(output).toContain('SIGTERM: shutting down');
  } finally {
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch {
      // The group is gone: everything exited.
    }
  }
}, 90_000);
