// Two built server processes on one PostgreSQL and one Redis, as `docker compose up --scale api=2` runs them:
// ioredis and the Redis event target are loaded by the bundle. This suite needs both servers whatever engine the
// rest of the suite runs on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/seed/demo.ts';
import { BUILT_DEMO_PASSWORD, type BuiltServer, cleanUpBuiltServers, startBuiltServer } from '../support/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createTicket } from '../support/tickets.ts';
import { collect, sleep, wsClient } from '../support/ws.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let a: BuiltServer;
let b: BuiltServer;

beforeAll(async () => {
  database = await createTestDatabase({ engine: 'postgres', poolSize: 2 });
  await seedDemoAccounts(database.prisma, { password: BUILT_DEMO_PASSWORD });
  // A prefix of their own, so other suites on the same Redis never hear these instances (nor they them).
  const env = { REDIS_URL, REDIS_PREFIX: `built-${process.pid}:` };
  [a, b] = await Promise.all([startBuiltServer({ database, env }), startBuiltServer({ database, env })]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
  await cleanUpBuiltServers();
});

describe('two built instances through Redis', () => {
  it('a request made on A reaches a subscriber connected to B', async () => {
    const manager = await b.login('marketing.manager');
    const client = wsClient(b.wsUrl, manager.accessToken);
    // No afterEventId: nothing is replayed from the database, so what arrives came through Redis.
    const events = collect<{ ticketEvents: { type: string; ticket: { title: string } } }>(client, `subscription { ticketEvents { type ticket { title } } }`);
    await sleep(300);
    const marketer = await a.login('marketer');
    await createTicket(a, marketer.accessToken, { title: 'Made on built A' });
    const [event] = await events.until(1);
    expect(event!.ticketEvents).toEqual({ type: 'CREATED', ticket: { title: 'Made on built A' } });
    events.stop();
    await client.dispose();
  });

  it('both report ready, and stop cleanly on SIGTERM', async () => {
    for (const server of [a, b]) expect((await fetch(`${server.origin}/ready`)).status).toBe(200);
    expect(await a.stop()).toEqual({ code: 0, signal: null });
  });
});
