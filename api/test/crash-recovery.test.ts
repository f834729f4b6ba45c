// A crash mid-request leaves no half-applied change: the server, on a real PostgreSQL, is killed with SIGKILL
// in the middle of a stream of mutations, started again, and the database is checked against the invariants
// of the one write path. Every acknowledged write must be there; nothing may be there in part.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../src/seed/demo.ts';
import { DEMO_PASSWORD } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { rawId } from './support/tickets.ts';

const JWT_SECRET = 'crash-test-secret-that-is-long-enough-for-hs256-0123';
const MAIN = new URL('../src/main.ts', import.meta.url).pathname;

let db: TestDatabase;
let server: ChildProcess | undefined;

/** Starts `npm start`'s entry point on the test database and resolves with its GraphQL URL. */
function startServer(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, DATABASE_URL: db.url, JWT_SECRET, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/\S+\/graphql)/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
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
const APPROVE = `mutation ($input: ApproveTicketInput!) { approveTicket(input: $input) { ticket { id status } } }`;
const COMMENT = `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`;

const login = async (url: string, username: string) =>
  (await gql<{ login: { accessToken: string } }>(url, LOGIN, { input: { username, password: DEMO_PASSWORD } })).login.accessToken;

beforeAll(async () => {
  db = await createTestDatabase({ engine: 'postgres', poolSize: 2 });
  await seedDemoAccounts(db.prisma, { password: DEMO_PASSWORD });
});
afterAll(async () => {
  if (server) await kill(server);
  await db?.drop();
});

describe('SIGKILL under write load', () => {
  it('leaves every acknowledged change whole and nothing half-applied', async () => {
    let url = await startServer();
    const requester = await login(url, 'marketer');
    const manager = await login(url, 'marketing.manager');

    // What the clients were told succeeded: it must all be in the database after the crash.
    const acknowledged = { created: new Set<string>(), approved: new Set<string>(), comments: new Set<string>() };
    let stop = false;
    let failures = 0;
    const worker = async (index: number) => {
      for (let round = 0; !stop; round += 1) {
        try {
          const created = await gql<{ createTicket: { ticket: { id: string } } }>(url, CREATE, { input: { title: `Load ${index}.${round}` } }, requester);
          const id = created.createTicket.ticket.id;
          acknowledged.created.add(id);
          await gql(url, COMMENT, { input: { ticketId: id, body: `Brief for round ${round}` } }, requester).then((data) => {
            acknowledged.comments.add((data as { addComment: { comment: { id: string } } }).addComment.comment.id);
          });
          await gql(url, APPROVE, { input: { id } }, manager);
          acknowledged.approved.add(id);
        } catch {
          failures += 1; // the crash: connection refused or reset
          if (failures > 200) return;
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, index) => worker(index));
    // Kill once the stream is well under way, with requests in flight.
    while (acknowledged.approved.size < 15) await new Promise((resolve) => setTimeout(resolve, 20));
    await kill(server!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(workers);
    expect(failures).toBeGreaterThan(0);

    url = await startServer();
    // The restarted server works: sessions from before the crash still sign requests.
    const after = await gql<{ createTicket: { ticket: { id: string } } }>(url, CREATE, { input: { title: 'After the crash' } }, requester);
    expect(after.createTicket.ticket.id).toBeTruthy();
    await kill(server!);

    const prisma = db.prisma;
    const tickets = await prisma.ticket.findMany({
      include: {
        history: { orderBy: { version: 'asc' } },
        comments: { select: { id: true } },
      },
    });
    const activity = await prisma.activityLog.findMany({ select: { ticketId: true, action: true } });
    const outbox = await prisma.notificationOutbox.findMany({ where: { channel: 'TELEGRAM_GROUP' }, select: { ticketId: true, kind: true } });
    const notifications = await prisma.notification.findMany({ select: { ticketId: true, kind: true } });
    const count = <T extends { ticketId: string | null }>(rows: T[], ticketId: string, test: (row: T) => boolean) =>
      rows.filter((row) => row.ticketId === ticketId && test(row)).length;

    const ids = new Set(tickets.map((ticket) => ticket.id));
    for (const id of acknowledged.created) expect(ids.has(rawId(id)), `acknowledged ticket ${id} is missing`).toBe(true);
    for (const ticket of tickets) {
      const label = `ticket ${ticket.title}`;
      // Versions and history agree: one entry per version, the last one says the current status.
      expect(
        ticket.history.map((entry) => entry.version),
        label,
      ).toEqual(Array.from({ length: ticket.version }, (_, index) => index + 1));
      expect(ticket.history.at(-1)!.toStatus, label).toBe(ticket.status);
      if ([...acknowledged.approved].some((id) => rawId(id) === ticket.id)) expect(ticket.status, label).toBe('PENDING_CREATIVE');
      // Every history entry has its activity row; every comment too.
      const changes = ticket.history.length;
      expect(
        count(activity, ticket.id, (row) => row.action !== 'COMMENT'),
        label,
      ).toBe(changes);
      expect(
        count(activity, ticket.id, (row) => row.action === 'COMMENT'),
        label,
      ).toBe(ticket.comments.length);
      // Every announcement has its in-app notifications and its one group message.
      const approvals = ticket.history.filter((entry) => entry.action === 'APPROVED').length;
      expect(
        count(notifications, ticket.id, (row) => row.kind === 'TICKET_CREATED'),
        label,
      ).toBe(1);
      expect(
        count(notifications, ticket.id, (row) => row.kind === 'TICKET_APPROVED'),
        label,
      ).toBe(approvals * 2);
      expect(
        count(outbox, ticket.id, (row) => row.kind === 'TICKET_CREATED'),
        label,
      ).toBe(1);
      expect(
        count(outbox, ticket.id, (row) => row.kind === 'TICKET_APPROVED'),
        label,
      ).toBe(approvals);
    }
    const commentIds = new Set(tickets.flatMap((ticket) => ticket.comments.map((comment) => comment.id)));
    for (const id of acknowledged.comments) expect(commentIds.has(rawId(id)), `acknowledged comment ${id} is missing`).toBe(true);
  }, 240_000);
});
