// Two API instances behind a (pretend) load balancer: one PostgreSQL, one Redis. This test needs both servers,
// whatever engine the rest of the suite runs on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { seedDemoAccounts } from '../src/seed/demo.ts';
import { DEMO_PASSWORD } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { collect, sleep, wsClient } from './support/ws.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let shared: TestDatabase;
let secondPool: Database;
let instances: { app: App; url: string }[] = [];

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
  const result = (await response.json()) as { data?: any; errors?: unknown[] };
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const login = async (url: string, username: string) =>
  (await post(url, `mutation ($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: username, p: DEMO_PASSWORD }))
    .login.accessToken as string;

beforeAll(async () => {
  shared = await createTestDatabase({ engine: 'postgres' });
  await seedDemoAccounts(shared.prisma, { password: DEMO_PASSWORD });
  // Each instance has its own connection pool, as separate processes would.
  secondPool = await openDatabase({ kind: 'postgres', url: shared.url! });
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: shared.url!,
    REDIS_URL,
    JWT_SECRET: 'scale-out-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'error',
  });
  for (const database of [shared, secondPool]) {
    const app = await buildApp(config, { database });
    instances.push({ app, url: (await app.start()).url });
  }
  // Let both instances finish subscribing to Redis.
  await sleep(500);
});

afterAll(async () => {
  for (const instance of instances) await instance.app.stop();
  instances = [];
  await secondPool?.close();
  await shared?.drop();
});

describe('scale-out through Redis', () => {
  it('a mutation on instance A reaches a subscriber connected to instance B', async () => {
    const [a, b] = instances as [{ app: App; url: string }, { app: App; url: string }];
    const managerToken = await login(b.url, 'marketing.manager');
    const client = wsClient(b.url.replace(/^http/, 'ws'), managerToken);
    // No afterEventId: nothing is replayed from the database, so what arrives came through Redis.
    const events = collect<{ ticketEvents: { type: string; ticket: { title: string; status: string } } }>(
      client,
      `subscription { ticketEvents { type ticket { title status } } }`,
    );
    await sleep(300);
    const marketerToken = await login(a.url, 'marketer');
    await post(a.url, `mutation { createTicket(input: { title: "Made on A" }) { ticket { id } } }`, {}, marketerToken);
    const [event] = await events.until(1);
    expect(event!.ticketEvents).toEqual({ type: 'CREATED', ticket: { title: 'Made on A', status: 'REQUESTED' } });
    events.stop();
    await client.dispose();
  });

  it('deactivating a user on instance A closes their socket on instance B with 4403', async () => {
    const [a, b] = instances as [{ app: App; url: string }, { app: App; url: string }];
    const sellerToken = await login(b.url, 'seller');
    let closedWith: (code: number) => void = () => {};
    const closed = new Promise<number>((resolve) => (closedWith = resolve));
    const client = wsClient(b.url.replace(/^http/, 'ws'), sellerToken, { onClose: (code) => closedWith(code) });
    client.subscribe({ query: 'subscription { notificationAdded { id } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    await sleep(300);
    const adminToken = await login(a.url, 'admin');
    const seller = await post(a.url, `{ users(first: 50) { nodes { id username } } }`, {}, adminToken);
    const sellerId = (seller.users.nodes as { id: string; username: string }[]).find((user) => user.username === 'seller')!.id;
    await post(a.url, `mutation ($id: ID!) { updateUser(input: { id: $id, isActive: false }) { user { id } } }`, { id: sellerId }, adminToken);
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('still open after 2 s'), 2000));
    expect(await Promise.race([closed, timeout])).toBe(4403);
    await client.dispose();
  });
});
