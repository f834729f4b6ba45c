// Two built server processes on one PostgreSQL and one Redis, as `docker compose up --scale api=2` runs them:
// ioredis and the Redis event target are loaded by the bundle. Redis is the test's own redis-server, so it can go
// away under the running processes and come back. This suite needs PostgreSQL whatever engine the rest runs on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/seed/demo.ts';
import { BUILT_DEMO_PASSWORD, type BuiltServer, cleanUpBuiltServers, startBuiltServer } from '../support/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startRedisServer, type TestRedisServer } from '../support/redis-server.ts';
import { createTicket } from '../support/tickets.ts';
import { collect, sleep, wsClient } from '../support/ws.ts';

/** How long the processes must survive without Redis (the operators' check is a minute; this proves the class). */
const OUTAGE_MS = 8_000;

let redis: TestRedisServer;
let database: TestDatabase;
let a: BuiltServer;
let b: BuiltServer;

beforeAll(async () => {
  redis = await startRedisServer();
  database = await createTestDatabase({ engine: 'postgres', poolSize: 2 });
  await seedDemoAccounts(database.prisma, { password: BUILT_DEMO_PASSWORD });
  const env = { REDIS_URL: redis.url };
  [a, b] = await Promise.all([startBuiltServer({ database, env }), startBuiltServer({ database, env })]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
  await redis?.stop();
  await cleanUpBuiltServers();
});

/** A subscriber on B for ticket events; resolves with the title of the first one. */
async function heardOnB(title: string) {
  const manager = await b.login('marketing.manager');
  const client = wsClient(b.wsUrl, manager.accessToken);
  // No afterEventId: nothing is replayed from the database, so what arrives came through Redis.
  const events = collect<{ ticketEvents: { type: string; ticket: { title: string } } }>(client, `subscription { ticketEvents { type ticket { title } } }`);
  await sleep(300);
  const marketer = await a.login('marketer');
  await createTicket(a, marketer.accessToken, { title });
  const [event] = await events.until(1);
  events.stop();
  await client.dispose();
  return event!.ticketEvents;
}

const readiness = async (server: BuiltServer) => {
  const response = await fetch(`${server.origin}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

describe('two built instances through Redis', () => {
  it('a request made on A reaches a subscriber connected to B', async () => {
    expect(await heardOnB('Made on built A')).toEqual({ type: 'CREATED', ticket: { title: 'Made on built A' } });
  });

  it('without Redis both stay up, sign people in and say Redis is unreachable; with it back, events flow again', async () => {
    await redis.kill();
    await sleep(OUTAGE_MS);
    for (const server of [a, b]) {
      expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();
      expect((await server.login('designer')).accessToken).toBeTruthy();
      const ready = await readiness(server);
      expect(ready.status).toBe(503);
      expect(ready.body.redis).toBe('unreachable');
    }
    await redis.restart();
    for (const server of [a, b]) {
      const deadline = Date.now() + 20_000;
      while ((await readiness(server)).status !== 200 && Date.now() < deadline) await sleep(250);
      expect((await readiness(server)).status).toBe(200);
    }
    expect(await heardOnB('Made on A after the outage')).toEqual({ type: 'CREATED', ticket: { title: 'Made on A after the outage' } });
    for (const server of [a, b]) expect(server.output()).not.toMatch(/Unhandled|MaxRetriesPerRequest/);
  });

  it('both stop cleanly on SIGTERM', async () => {
    expect(await a.stop()).toEqual({ code: 0, signal: null });
    expect(await b.stop()).toEqual({ code: 0, signal: null });
  });
});
