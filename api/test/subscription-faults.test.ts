// Live subscriptions under faults: one event that cannot be loaded, and many writers committing at once.
// Every subscriber keeps its stream, and what it receives comes in eventId order.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { createLogger } from '../src/logger.ts';
import { seedDemoAccounts } from '../src/seed/demo.ts';
import { DEMO_PASSWORD, type GraphQLClient, graphqlClient, startTestApp, type TestApp } from './support/app.ts';
import { createTestDatabase, terminateBackends } from './support/database.ts';
import { createTicket, type DemoPerson, type Sessions, signInEveryone, ticketMutationOk } from './support/tickets.ts';
import { collect, sleep, wsClient } from './support/ws.ts';

let t: TestApp;
let s: Sessions;
let publisher: Redis;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Its own channels: other suites on the same Redis never reach this app, and this test can publish as another instance would.
const REDIS_PREFIX = `faults-${randomUUID().slice(0, 8)}:`;
const logLines: { level: number; msg: string; eventId?: string }[] = [];
/** Loads of the events of tickets with these titles fail this many more times (the injected fault). */
const failLoads = new Map<string, number>();

beforeAll(async () => {
  t = await startTestApp({
    env: { REDIS_URL, REDIS_PREFIX },
    app: {
      logger: createLogger('warn', { write: (line: string) => void logLines.push(JSON.parse(line)) }),
      // A real load, then the fault: as when the connection it ran on was ended under it.
      wrapEventLoader: (load) => async (message) => {
        const loaded = await load(message);
        const left = failLoads.get(loaded.ticket?.title ?? '') ?? 0;
        if (left > 0) {
          failLoads.set(loaded.ticket!.title, left - 1);
          throw new Error('Connection terminated unexpectedly');
        }
        return loaded;
      },
    },
  });
  s = await signInEveryone(t);
  publisher = new Redis(REDIS_URL);
});
afterAll(async () => {
  publisher?.disconnect();
  await t?.close();
});

const EVENTS = `subscription ($after: String) { ticketEvents(afterEventId: $after) { eventId type ticket { id title } } }`;
type Event = { ticketEvents: { eventId: string; type: string; ticket: { id: string; title: string } | null } };

async function latestEventId(): Promise<string> {
  const newest = await t.db.prisma.activityLog.aggregate({ _max: { id: true } });
  return (newest._max.id ?? 0n).toString();
}

/** Polls until `done` holds (or fails the test after timeoutMs). */
async function until(done: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

const titles = (stream: { received: Event[] }) => stream.received.map((event) => event.ticketEvents.ticket?.title);

describe('a per-event load that fails', () => {
  it('is tried again once, then skipped for its subscribers (logged with its id); every stream stays open', async () => {
    // The requester and the department manager may read a new request: six streams on four sockets.
    const people: DemoPerson[] = ['marketer', 'marketer', 'marketing.manager', 'marketing.manager'];
    const clients = people.map((person) => wsClient(t.wsUrl, s[person].token));
    // Subscribed after the newest event: whenever the subscriptions start, they miss nothing that follows.
    const after = await latestEventId();
    const streams = [...clients, clients[0]!, clients[2]!].map((client) => collect<Event>(client, EVENTS, { after }));
    // Every stream is live (past its replay) before the fault: what follows is one shared load per event.
    await createTicket(t, s.marketer.token, { title: 'Opening' });
    for (const stream of streams) await stream.until(1, 30_000);
    failLoads.set('Unloadable', Number.POSITIVE_INFINITY);
    failLoads.set('Flaky', 1);

    await createTicket(t, s.marketer.token, { title: 'Before' });
    const unloadable = await createTicket(t, s.marketer.token, { title: 'Unloadable' });
    await createTicket(t, s.marketer.token, { title: 'Flaky' });
    await createTicket(t, s.marketer.token, { title: 'After' });

    for (const stream of streams) {
      await stream.until(4, 30_000);
      await sleep(100);
      expect(stream.errors).toEqual([]);
      // The event that could not be loaded is the only one missing; the one that failed once came on the retry.
      expect(titles(stream)).toEqual(['Opening', 'Before', 'Flaky', 'After']);
    }
    const skipped = await t.db.prisma.activityLog.findFirstOrThrow({ where: { ticket: { title: 'Unloadable' } }, select: { id: true } });
    expect(logLines.filter((line) => line.msg.includes('skipped'))).toEqual([
      expect.objectContaining({ level: 40, eventId: skipped.id.toString(), msg: expect.stringContaining(`ticket event ${skipped.id} skipped`) }),
    ]);
    expect(failLoads.get('Flaky')).toBe(0);

    // Still open, still live: the next change reaches every one of them.
    failLoads.delete('Unloadable');
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: unloadable.id }, s['marketing.manager'].token);
    for (const stream of streams)
      expect((await stream.until(5, 30_000))[4]!.ticketEvents).toMatchObject({ type: 'STATUS_CHANGED', ticket: { title: 'Unloadable' } });
    for (const stream of streams) stream.stop();
    await Promise.all(clients.map((client) => client.dispose()));
  }, 120_000);
});

describe('an event published late (another instance was slow)', () => {
  it('events between the last one delivered and a newer one are read from the activity log first; the late publish is dropped', async () => {
    const ticket = await createTicket(t, s.marketer.token, { title: 'Overtaken' });
    const client = wsClient(t.wsUrl, s.marketer.token);
    const events = collect<Event>(client, EVENTS, { after: await latestEventId() });
    await ticketMutationOk(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, description: 'seen live' }, s.marketer.token);
    await events.until(1, 30_000);

    // Two changes committed elsewhere, in this order; only the second one's publish has arrived so far.
    const row = await t.db.prisma.ticket.findFirstOrThrow({ where: { title: 'Overtaken' } });
    const committed = await t.db.prisma.activityLog.createManyAndReturn({
      data: ['first elsewhere', 'second elsewhere'].map((summary) => ({ ticketId: row.id, action: 'COMMENT', eventType: 'COMMENTED' as const, summary })),
      select: { id: true, createdAt: true },
    });
    const message = (index: number) =>
      JSON.stringify({
        eventId: committed[index]!.id.toString(),
        ticketId: row.id,
        type: 'COMMENTED',
        actorId: null,
        at: committed[index]!.createdAt.toISOString(),
      });
    await publisher.publish(`${REDIS_PREFIX}ticket-event`, message(1));
    await events.until(3, 30_000);
    // Then the first one's publish, late: already delivered from the log, so not again.
    await publisher.publish(`${REDIS_PREFIX}ticket-event`, message(0));
    await ticketMutationOk(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, description: 'live again' }, s.marketer.token);
    await events.until(4, 30_000);
    await sleep(200);
    expect(events.errors).toEqual([]);
    const ids = events.received.map((event) => event.ticketEvents.eventId);
    expect(ids.slice(1, 3)).toEqual(committed.map((entry) => entry.id.toString()));
    expect(events.received.map((event) => event.ticketEvents.type)).toEqual(['UPDATED', 'COMMENTED', 'COMMENTED', 'UPDATED']);
    expect(ids.map(BigInt).every((id, at, list) => at === 0 || id > list[at - 1]!)).toBe(true);
    events.stop();
    await client.dispose();
  }, 120_000);
});

const SUBSCRIBERS: DemoPerson[] = ['admin', 'creative.manager', 'marketing.manager', 'marketer', 'admin', 'marketing.manager'];

describe('events in eventId order', () => {
  it('eight concurrent writers: every subscriber receives strictly increasing eventIds, none missing', async () => {
    const after = await latestEventId();
    const clients = SUBSCRIBERS.map((person) => wsClient(t.wsUrl, s[person].token));
    const streams = clients.map((client) => collect<Event>(client, EVENTS, { after }));
    await sleep(300);

    // Each writer files a ticket and takes it through both approvals, eight at a time.
    const writer = async (worker: number) => {
      for (let round = 0; round < 2; round++) {
        const ticket = await createTicket(t, s.marketer.token, { title: `Order ${worker}.${round}` });
        await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['marketing.manager'].token);
        await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['creative.manager'].token);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, worker) => writer(worker)));

    const written = await t.db.prisma.activityLog.findMany({
      where: { id: { gt: BigInt(after) }, ticketId: { not: null }, eventType: { not: null } },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    expect(written).toHaveLength(8 * 2 * 3);
    const expected = written.map((row) => row.id.toString());
    const last = expected.at(-1)!;
    for (const [index, stream] of streams.entries()) {
      // The last event is the creative approval of a ticket everyone here may read.
      await until(() => stream.received.some((event) => event.ticketEvents.eventId === last) || stream.errors.length > 0, 45_000);
      expect(stream.errors).toEqual([]);
      const ids = stream.received.map((event) => event.ticketEvents.eventId);
      expect(
        ids.map(BigInt).every((id, at, list) => at === 0 || id > list[at - 1]!),
        `${SUBSCRIBERS[index]} received ${ids.join(' ')}`,
      ).toBe(true);
      // The requester may read all of them: each once, in eventId order, none missing.
      if (SUBSCRIBERS[index] === 'marketer') expect(ids).toEqual(expected);
    }
    for (const stream of streams) stream.stop();
    await Promise.all(clients.map((client) => client.dispose()));
  }, 120_000);
});

describe('events in eventId order across two instances (PostgreSQL + Redis)', () => {
  it('writers on both instances: every subscriber on either receives strictly increasing eventIds, none missing', async () => {
    const shared = await createTestDatabase({ engine: 'postgres' });
    await seedDemoAccounts(shared.prisma, { password: DEMO_PASSWORD });
    const secondPool: Database = await openDatabase({ kind: 'postgres', url: shared.url! });
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: shared.url!,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      // Its own channels: other suites on the same Redis never reach these instances.
      REDIS_PREFIX: `order-${randomUUID().slice(0, 8)}:`,
      JWT_SECRET: 'subscription-order-secret-that-is-long-enough-0123456789',
      LOG_LEVEL: 'error',
    });
    const apps: App[] = [];
    try {
      for (const database of [shared, secondPool]) apps.push(await buildApp(config, { database }));
      const clientsOf = await Promise.all(apps.map((app) => testClient(app)));
      await sleep(500);
      const sessions = await Promise.all(clientsOf.map((client) => signInEveryone(client)));
      const after = (await shared.prisma.activityLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      const sockets = clientsOf.flatMap((client, instance) =>
        SUBSCRIBERS.slice(0, 3).map((person) => ({ person, socket: wsClient(client.wsUrl, sessions[instance]![person].token) })),
      );
      const streams = sockets.map(({ socket }) => collect<Event>(socket, EVENTS, { after: after.toString() }));
      await sleep(300);
      await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let round = 0; round < 3; round++) {
            // Each step on a different instance than the one before.
            const on = (step: number) => ({ client: clientsOf[(worker + round + step) % 2]!, session: sessions[(worker + round + step) % 2]! });
            const ticket = await createTicket(on(0).client, on(0).session.marketer.token, { title: `Spread ${worker}.${round}` });
            await ticketMutationOk(on(1).client, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, on(1).session['marketing.manager'].token);
            await ticketMutationOk(on(2).client, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, on(2).session['creative.manager'].token);
          }
        }),
      );
      const written = await shared.prisma.activityLog.findMany({
        where: { id: { gt: after }, ticketId: { not: null }, eventType: { not: null } },
        orderBy: { id: 'asc' },
        select: { id: true },
      });
      const expected = written.map((row) => row.id.toString());
      for (const [index, stream] of streams.entries()) {
        await until(() => stream.received.some((event) => event.ticketEvents.eventId === expected.at(-1)) || stream.errors.length > 0, 45_000);
        expect(stream.errors).toEqual([]);
        const ids = stream.received.map((event) => event.ticketEvents.eventId);
        expect(
          ids.map(BigInt).every((id, at, list) => at === 0 || id > list[at - 1]!),
          `${sockets[index]!.person} received ${ids.join(' ')}`,
        ).toBe(true);
        if (sockets[index]!.person === 'marketing.manager') expect(ids).toEqual(expected);
      }
      for (const stream of streams) stream.stop();
      await Promise.all(sockets.map(({ socket }) => socket.dispose()));
    } finally {
      for (const app of apps) await app.stop();
      await secondPool.close();
      await shared.drop();
    }
  }, 120_000);
});

describe('PostgreSQL ending every connection while events flow', () => {
  it('streams stay open and in eventId order; every event is delivered or logged as skipped; a subscribe whose context fails fails alone, a connect 1011', async () => {
    const db = await createTestDatabase({ engine: 'postgres' });
    await seedDemoAccounts(db.prisma, { password: DEMO_PASSWORD });
    const lines: { msg: string; eventId?: string }[] = [];
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: db.url!,
      JWT_SECRET: 'subscription-faults-secret-that-is-long-enough-0123456789',
      LOG_LEVEL: 'warn',
      DATA_DIR: '/tmp/juan365-test-data',
      SEED_DEMO_DATA: 'false',
    });
    // The app's own pool from DATABASE_URL, as in production: those are the connections ended below.
    const app = await buildApp(config, {
      logger: createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line)) }),
      notices: { deadlineScheduler: false, dailyReportScheduler: false, polling: false },
    });
    try {
      const client = await testClient(app);
      const sessions = await signInEveryone(client);
      const after = (await db.prisma.activityLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      const sockets = ['marketer', 'marketer', 'marketing.manager', 'marketing.manager'].map((person) =>
        wsClient(client.wsUrl, sessions[person as DemoPerson].token),
      );
      const streams = [...sockets, ...sockets].map((socket) => collect<Event>(socket, EVENTS, { after: after.toString() }));
      // Every stream is open before the first cut.
      await createTicket(client, sessions.marketer.token, { title: 'Before the cuts' });
      for (const stream of streams) await stream.until(1, 45_000);

      let running = true;
      const writer = async (worker: number) => {
        for (let round = 0; running; round++) {
          // Requests caught by a cut fail (INTERNAL_SERVER_ERROR, database-faults.test.ts); the writers go on.
          await client.gql(
            `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }`,
            { input: { title: `Cut ${worker}.${round}` } },
            sessions.marketer.token,
          );
        }
      };
      const writers = Array.from({ length: 6 }, (_, worker) => writer(worker));
      const ended: number[] = [];
      try {
        for (let cut = 0; cut < 3; cut++) {
          await sleep(400);
          ended.push(await terminateBackends(db.url!));
        }
        await sleep(400);
      } finally {
        running = false;
        await Promise.all(writers);
      }
      expect(ended.every((count) => count > 0)).toBe(true);

      // A new operation whose context cannot be loaded (its connection is ended while it waits) fails alone:
      // the socket and the two streams already on it stay.
      let late: { errors: unknown[] } = { errors: [] };
      await failViewerRead(
        db.url!,
        () => (late = collect<Event>(sockets[0]!, EVENTS)),
        () => late.errors.length > 0,
      );
      expect(late.errors).toEqual([[expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]]);
      // A socket whose token cannot be checked is closed as a server failure (the client retries), not 4403:
      // its session did not end.
      let closedWith: number | undefined;
      await failViewerRead(
        db.url!,
        () => wsClient(client.wsUrl, sessions.marketer.token, { onClose: (code) => (closedWith = code) }),
        () => closedWith !== undefined,
      );
      expect(closedWith).toBe(1011);

      const last = await createTicket(client, sessions.marketer.token, { title: 'After the cuts' });

      const written = await db.prisma.activityLog.findMany({
        where: { id: { gt: after }, ticketId: { not: null }, eventType: { not: null } },
        orderBy: { id: 'asc' },
        select: { id: true },
      });
      const skipped = new Set(lines.filter((line) => line.msg.includes('skipped')).map((line) => line.eventId));
      const expected = written.map((row) => row.id.toString()).filter((id) => !skipped.has(id));
      expect(expected.length).toBeGreaterThan(5);
      for (const stream of streams) {
        await until(() => stream.received.some((event) => event.ticketEvents.ticket?.id === last.id) || stream.errors.length > 0, 45_000);
        expect(stream.errors).toEqual([]);
        // Everyone here may read every one of these requests: all that could be loaded, in eventId order.
        expect(stream.received.map((event) => event.ticketEvents.eventId)).toEqual(expected);
      }
      for (const stream of streams) stream.stop();
      await Promise.all(sockets.map((socket) => socket.dispose()));
    } finally {
      await app.stop();
      await db.drop();
    }
  }, 120_000);
});

/**
 * Starts something that reads the viewer's row while "User" is locked, so it waits on the lock, then ends the
 * waiting connection: that read fails with 57P01, deterministically. Resolves once `failed` holds.
 */
async function failViewerRead(url: string, start: () => void, failed: () => boolean) {
  const admin = new pg.Client({ connectionString: url });
  admin.on('error', () => {});
  await admin.connect();
  try {
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE "User" IN ACCESS EXCLUSIVE MODE');
    start();
    let waiting: number[] = [];
    for (let tries = 0; tries < 200 && waiting.length === 0; tries++) {
      if (tries > 0) await sleep(25);
      const result = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      );
      waiting = result.rows.map((row) => row.pid);
    }
    for (const pid of waiting) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.query('ROLLBACK');
    await until(failed, 10_000);
  } finally {
    await admin.end();
  }
}

/** gql/ok/login against an app built here (startTestApp builds only one). */
async function testClient(app: App): Promise<GraphQLClient> {
  return graphqlClient((await app.start()).url);
}
