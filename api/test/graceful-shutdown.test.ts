// SIGTERM under write load loses nothing: the server (npm start's entry point, on a real PostgreSQL) gets
// SIGTERM while a dozen clients create tickets as fast as they can. It stops accepting, finishes what it
// accepted, closes WebSockets with 1001 and exits 0. Afterwards the database holds exactly the tickets whose
// creation was acknowledged, each whole; a request that failed left nothing behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../src/seed/demo.ts';
import { DEMO_PASSWORD } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { collect, wsClient } from './support/ws.ts';

const JWT_SECRET = 'shutdown-test-secret-that-is-long-enough-for-hs256';
const MAIN = new URL('../src/main.ts', import.meta.url).pathname;
const TITLE = 'Shutdown load';

let db: TestDatabase;
let server: ChildProcess | undefined;

function startServer(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, DATABASE_URL: db.url, JWT_SECRET, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', REDIS_URL: '', SHUTDOWN_TIMEOUT_SECONDS: '30' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/\S+\/graphql)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
const CREATE = `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }`;

beforeAll(async () => {
  db = await createTestDatabase({ engine: 'postgres', poolSize: 2 });
  await seedDemoAccounts(db.prisma, { password: DEMO_PASSWORD });
});
afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  await db?.drop();
});

describe('SIGTERM under write load', () => {
  it('finishes every accepted mutation, closes sockets with 1001, exits 0 and leaves nothing half-applied', async () => {
    const url = await startServer();
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    const token = (await gql<{ login: { accessToken: string } }>(url, LOGIN, { input: { username: 'marketer', password: DEMO_PASSWORD } })).login.accessToken;

    let closeCode: number | undefined;
    const socket = wsClient(url.replace(/^http/, 'ws'), token, { onClose: (code) => (closeCode ??= code) });
    const events = collect(socket, 'subscription { ticketEvents { eventId } }');
    await gql(url, CREATE, { input: { title: `${TITLE} warm-up` } }, token);
    await events.until(1);

    const acknowledged = new Set<string>();
    const failed = new Set<string>();
    let signalled = false;
    let acknowledgedAfterSignal = 0;
    let stop = false;
    const worker = async (index: number) => {
      for (let round = 0; !stop; round += 1) {
        const title = `${TITLE} ${index}.${round}`;
        const sentBeforeSignal = !signalled;
        try {
          await gql(url, CREATE, { input: { title } }, token);
          acknowledged.add(title);
          if (signalled && sentBeforeSignal) acknowledgedAfterSignal += 1;
        } catch {
          failed.add(title);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    };
    const workers = Array.from({ length: 12 }, (_, index) => worker(index));
    while (acknowledged.size < 30) await new Promise((resolve) => setTimeout(resolve, 10));
    signalled = true;
    server!.kill('SIGTERM');
    const code = await exited;
    stop = true;
    await Promise.all(workers);
    await socket.dispose();

    expect(code).toBe(0);
    expect(closeCode).toBe(1001);
    // The load went on through the shutdown: requests sent before the signal were answered after it, and
    // later ones were refused.
    expect(acknowledgedAfterSignal).toBeGreaterThan(0);
    expect(failed.size).toBeGreaterThan(0);

    const tickets = await db.prisma.ticket.findMany({
      where: { title: { startsWith: `${TITLE} ` }, NOT: { title: `${TITLE} warm-up` } },
      include: { history: true, activities: true },
    });
    const outbox = await db.prisma.notificationOutbox.findMany({ where: { channel: 'TELEGRAM_GROUP', kind: 'TICKET_CREATED' }, select: { ticketId: true } });
    expect(new Set(tickets.map((ticket) => ticket.title))).toEqual(acknowledged);
    for (const ticket of tickets) {
      expect(
        ticket.history.map((entry) => entry.version),
        ticket.title,
      ).toEqual([1]);
      expect(ticket.activities.length, ticket.title).toBe(1);
      expect(outbox.filter((row) => row.ticketId === ticket.id).length, ticket.title).toBe(1);
    }
  }, 240_000);
});
