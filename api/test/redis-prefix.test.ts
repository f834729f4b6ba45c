// Two deployments sharing one Redis (the local one, whatever engine the rest of the suite runs on) stay
// apart when their REDIS_PREFIX differs: neither hears the other's ticket events nor shares its rate-limit
// budget. The control: two instances of one deployment (the same prefix) do share both.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemoAccounts } from '../src/seed/demo.ts';
import { DEMO_PASSWORD } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { collect, sleep, wsClient } from './support/ws.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = randomUUID();

let db: TestDatabase;
const apps: { app: App; url: string }[] = [];

async function start(prefix: string) {
  const config = loadConfig({
    PORT: '0',
    REDIS_URL,
    REDIS_PREFIX: prefix,
    RATE_LIMIT_POINTS: '50',
    JWT_SECRET: 'redis-prefix-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'error',
    DATA_DIR: '/tmp/juan365-test-data',
    SEED_DEMO_DATA: 'false',
  });
  const app = await buildApp(config, { database: db, ownsDatabase: false });
  const started = { app, url: (await app.start()).url };
  apps.push(started);
  return started;
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
  return { remaining: Number(response.headers.get('x-ratelimit-remaining')), body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

const login = async (url: string, username: string) =>
  (await post(url, `mutation ($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: username, p: DEMO_PASSWORD }))
    .body.data.login.accessToken as string;

let deploymentA: { app: App; url: string };
let deploymentB: { app: App; url: string };
let secondOfA: { app: App; url: string };

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoAccounts(db.prisma, { password: DEMO_PASSWORD });
  deploymentA = await start(`ops-a-${run}:`);
  deploymentB = await start(`ops-b-${run}:`);
  secondOfA = await start(`ops-a-${run}:`);
  // Let every instance finish subscribing to Redis.
  await sleep(500);
});
afterAll(async () => {
  for (const { app } of apps) await app.stop();
  await db?.drop();
});

describe('REDIS_PREFIX', () => {
  it("keeps each deployment's events to itself; instances of one deployment share them", async () => {
    const token = await login(deploymentA.url, 'marketer');
    const subscribe = (url: string) => {
      const client = wsClient(url.replace(/^http/, 'ws'), token);
      return { client, events: collect<{ ticketEvents: { ticket: { title: string } } }>(client, 'subscription { ticketEvents { ticket { title } } }') };
    };
    const onB = subscribe(deploymentB.url);
    const onSecondA = subscribe(secondOfA.url);
    try {
      // Both subscriptions are open (each instance counts its own) before anything is published.
      for (const { app } of [deploymentB, secondOfA]) {
        while ((await app.metrics.activeSubscriptions.get()).values[0]?.value !== 1) await sleep(20);
      }
      const created = await post(deploymentA.url, 'mutation { createTicket(input: { title: "Only for deployment A" }) { ticket { id } } }', {}, token);
      expect(created.body.errors).toBeUndefined();
      // The same-prefix instance hears it through Redis...
      const [event] = await onSecondA.events.until(1);
      expect(event?.ticketEvents.ticket.title).toBe('Only for deployment A');
      // ...and by then the other deployment, on the same Redis and the same database, would have too.
      await sleep(500);
      expect(onB.events.received).toEqual([]);

      // Its own changes reach its own subscribers, not A's.
      const createdOnB = await post(deploymentB.url, 'mutation { createTicket(input: { title: "Only for deployment B" }) { ticket { id } } }', {}, token);
      expect(createdOnB.body.errors).toBeUndefined();
      // B delivers in event-id order and reads the ids it never heard of from the database before its own event
      // (realtime/event-order.ts): the two deployments share one database here, which real ones never do, so A's
      // ticket may come first that way. What arrived through Redis from A was nothing (above).
      const titles = async () => (await onB.events.until(1)).map((received) => received.ticketEvents.ticket.title);
      const deadline = Date.now() + 10_000;
      while (!(await titles()).includes('Only for deployment B') && Date.now() < deadline) await sleep(50);
      expect((await titles()).at(-1)).toBe('Only for deployment B');
      await sleep(500);
      expect(onSecondA.events.received.map((received) => received.ticketEvents.ticket.title)).toEqual(['Only for deployment A']);
    } finally {
      await Promise.all([onB.client.dispose(), onSecondA.client.dispose()]);
    }
  });

  it('keeps rate-limit budgets per deployment; instances of one deployment share one', async () => {
    const token = await login(deploymentA.url, 'designer');
    const viewer = '{ viewer { id } }';
    const first = await post(deploymentA.url, viewer, {}, token);
    const sameDeployment = await post(secondOfA.url, viewer, {}, token);
    const otherDeployment = await post(deploymentB.url, viewer, {}, token);
    // { viewer { id } } costs 3: the second instance of A continues A's count; B starts its own.
    expect(sameDeployment.remaining).toBe(first.remaining - 3);
    expect(otherDeployment.remaining).toBe(50 - 3);
  });
});
