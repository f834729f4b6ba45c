// The README's promise for a fresh machine: the real server process, built the way `npm install` builds it
// (scripts/build-api.mjs: plain JavaScript, no TypeScript compiled at run time) and started with nothing
// configured (no DATABASE_URL, no JWT_SECRET), serves the demo from embedded PGlite; a restart on the same
// DATA_DIR keeps the data, does not seed again, and keeps the JWT secret, so earlier sessions stay valid.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLResponse } from './support/app.ts';
import { wsClient, wsQuery } from './support/ws.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LISTENING = /Juan365 Ticketing API on (http:\/\/\S+\/graphql)/;
/** Settings a fresh machine does not have: CI sets some of them for the rest of the suite. */
const UNSET = ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'DEMO_PASSWORD', 'SEED_DEMO_DATA', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_GROUP_CHAT_ID'];

type Server = { child: ChildProcess; url: string; output: () => string };

/** A port that was free a moment ago (main.ts prints the port it was given, so PORT=0 would not do). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const running = new Set<ChildProcess>();

async function startServer(dataDir: string, label: string): Promise<Server> {
  // LOG_LEVEL info: the "seeded demo data" line is part of what is checked.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  for (const name of UNSET) delete env[name];
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(buildDir, 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`)));
  });
  console.log(`${label}: serving after ${Math.round(performance.now() - started)} ms`);
  return { child, url, output: () => output };
}

/** Resolves once the server has printed `text` (the demo tickets are seeded after it starts listening). */
async function waitForOutput(server: Server, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!server.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in the server output:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopServer(server: Server): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (server.child.exitCode !== null) resolve({ code: server.child.exitCode, signal: null });
    else server.child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  server.child.kill('SIGTERM');
  return exited;
}

// biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
async function gql<T = Record<string, any>>(server: Server, query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as GraphQLResponse<T>;
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

const LOGIN = `mutation { login(input: { username: "admin", password: "demo-password" }) { accessToken } }`;
const COUNTS = `{ tickets(first: 5) { totalCount } dashboardStats { total overdue } }`;

let buildDir: string;
let dataDir: string;
let first: Server;
let token: string;
let ticketCount: number;

beforeAll(async () => {
  // Built from the current source into a folder of its own (inside the repository, where node_modules is found),
  // so the test neither depends on nor disturbs the dist/api that `npm start` runs.
  buildDir = path.join(ROOT, 'dist', `test-build-${process.pid}`);
  execFileSync(process.execPath, ['scripts/build-api.mjs', '--outdir', buildDir], { cwd: ROOT, stdio: 'pipe' });
  dataDir = await mkdtemp(path.join(tmpdir(), 'juan365-embedded-'));
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
  await rm(buildDir, { recursive: true, force: true });
});

describe('first start on an empty DATA_DIR', () => {
  it('seeds the demo data and serves GraphQL', async () => {
    first = await startServer(dataDir, 'first start');
    expect(first.output()).toContain('seeded demo data');
  });

  it('lets admin sign in with the demo password and see themselves', async () => {
    token = (await gql<{ login: { accessToken: string } }>(first, LOGIN)).login.accessToken;
    const { viewer } = await gql(first, `{ viewer { username role } }`, {}, token);
    expect(viewer).toEqual({ username: 'admin', role: 'ADMIN' });
  });

  it('has the demo month: about 40 tickets, some of them overdue', async () => {
    await waitForOutput(first, 'seeded demo tickets');
    const counts = await gql(first, COUNTS, {}, token);
    ticketCount = counts.tickets.totalCount;
    expect(ticketCount).toBeGreaterThanOrEqual(35);
    expect(counts.dashboardStats.total).toBe(ticketCount);
    expect(counts.dashboardStats.overdue).toBeGreaterThanOrEqual(3);
  });

  it('answers over graphql-ws on the same port', async () => {
    const client = wsClient(first.url.replace(/^http/, 'ws'), token);
    try {
      const result = await wsQuery<{ viewer: { username: string } }>(client, `{ viewer { username } }`);
      expect(result.data?.viewer).toEqual({ username: 'admin' });
    } finally {
      await client.dispose();
    }
  });

  it('writes every line as JSON (pino): the start-up banner, the demo logins and the warnings of Prisma and Pothos too', () => {
    const output = first.output();
    const lines = output.slice(0, output.lastIndexOf('\n')).split('\n').filter(Boolean);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const banner = lines.map((line) => JSON.parse(line) as { level: number; msg?: string }).find((line) => LISTENING.test(line.msg ?? ''));
    expect(banner?.level).toBe(30);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    expect(await stopServer(first)).toEqual({ code: 0, signal: null });
  });
});

describe('restart on the same DATA_DIR', () => {
  let second: Server;

  it('serves again without seeding a second time', async () => {
    second = await startServer(dataDir, 'restart');
    expect(second.output()).not.toContain('seeded demo');
  });

  it('keeps the JWT secret: a token from the first run still works', async () => {
    const { viewer } = await gql(second, `{ viewer { username } }`, {}, token);
    expect(viewer).toEqual({ username: 'admin' });
  });

  it('keeps the data as it was', async () => {
    const counts = await gql(second, COUNTS, {}, token);
    expect(counts.tickets.totalCount).toBe(ticketCount);
  });

  it('shuts down cleanly again', async () => {
    expect(await stopServer(second)).toEqual({ code: 0, signal: null });
  });
});
