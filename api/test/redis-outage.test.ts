// Redis goes away under two running instances and comes back, on the test's own redis-server (never the shared
// one): the instances stay up, logins work and are still throttled (in memory), /ready says 503 naming Redis,
// the log says so once, nothing is left unhandled; when Redis returns on the same port, /ready is 200 again
// and a ticket event made on instance A reaches a subscriber on instance B that was connected all along. Then
// Redis hangs (SIGSTOP: connections open, no answers): noticed within seconds, and logins do not wait on it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { seedDemoAccounts } from '../src/seed/demo.ts';
import { DEMO_PASSWORD, errorCodes, type GraphQLResponse } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { startRedisServer, type TestRedisServer } from './support/redis-server.ts';
import { collect, sleep, wsClient } from './support/ws.ts';

type Instance = { app: App; url: string; base: string; logLines: { level: number; msg: string }[] };

let redis: TestRedisServer;
let db: TestDatabase;
const instances: Instance[] = [];
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);
const consoleError = vi.spyOn(console, 'error');
/** One deployment: both instances share the prefix, so they hear each other. */
const REDIS_PREFIX = `outage-${randomUUID()}:`;

async function start(): Promise<Instance> {
  const config = loadConfig({
    PORT: '0',
    REDIS_URL: redis.url,
    REDIS_PREFIX,
    RATE_LIMIT_POINTS: '100000',
    JWT_SECRET: 'redis-outage-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'warn',
    DATA_DIR: '/tmp/juan365-test-data',
    SEED_DEMO_DATA: 'false',
  });
  const logLines: Instance['logLines'] = [];
  const logger = createLogger('info', { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const loginLimits = {
    perUsernameAndAddress: 3,
    perAddress: 100,
    usernameSlowdownAfter: 100,
    slowdownStepMs: 10,
    maxSlowdownMs: 100,
    windowSeconds: 60,
    usernameWindowSeconds: 60,
  };
  const app = await buildApp(config, { database: db, ownsDatabase: false, logger, loginLimits });
  const url = (await app.start()).url;
  return { app, url, base: url.replace(/\/graphql$/, ''), logLines };
}

async function post(instance: Instance, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(instance.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
  return { headers: response.headers, body: (await response.json()) as GraphQLResponse<any> };
}

const LOGIN = `mutation ($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`;
const login = (instance: Instance, username: string, password = DEMO_PASSWORD) => post(instance, LOGIN, { u: username, p: password });
async function tokenOf(instance: Instance, username: string): Promise<string> {
  const { body } = await login(instance, username);
  if (!body.data?.login) throw new Error(JSON.stringify(body.errors));
  return body.data.login.accessToken;
}
const createTicket = (instance: Instance, token: string, title: string) =>
  post(instance, `mutation ($title: String!) { createTicket(input: { title: $title }) { ticket { id } } }`, { title }, token);

async function ready(instance: Instance) {
  const response = await fetch(`${instance.base}/ready`);
  return { status: response.status, body: await response.json() };
}

/** Polls /ready until it answers `status` (the answer is cached for 2 s; ioredis retries every ≤ 2 s). */
async function readyBecomes(instance: Instance, status: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ready(instance);
    if (answer.status === status || Date.now() > deadline) return answer;
    await sleep(200);
  }
}

const redisLines = (instance: Instance) => instance.logLines.filter((line) => line.msg?.startsWith('Redis at '));

beforeAll(async () => {
  process.on('unhandledRejection', recordUnhandled);
  redis = await startRedisServer();
  db = await createTestDatabase();
  await seedDemoAccounts(db.prisma, { password: DEMO_PASSWORD });
  instances.push(await start(), await start());
  // Let both instances finish subscribing to Redis.
  await sleep(500);
});

afterAll(async () => {
  for (const instance of instances) await instance.app.stop();
  await db?.drop();
  await redis?.stop();
  process.off('unhandledRejection', recordUnhandled);
  consoleError.mockRestore();
});

describe('a Redis outage', () => {
  it('is survived, reported by /ready and the log once, and healed when Redis returns', async () => {
    const [a, b] = instances as [Instance, Instance];
    expect(await ready(a)).toEqual({ status: 200, body: { status: 'ready', database: 'ok', migrations: 'applied', redis: 'ok', blobStore: 'ok' } });

    // A subscriber on B, connected before the outage and kept open through it. No afterEventId: nothing is
    // replayed from the database, so what arrives came through Redis.
    const managerOnB = wsClient(b.url.replace(/^http/, 'ws'), await tokenOf(b, 'marketing.manager'));
    const onB = collect<{ ticketEvents: { ticket: { title: string } } }>(managerOnB, `subscription { ticketEvents { ticket { title } } }`);
    const titlesOnB = () => onB.received.map((event) => event.ticketEvents.ticket.title);
    await sleep(300);
    const marketerOnA = await tokenOf(a, 'marketer');
    expect((await createTicket(a, marketerOnA, 'Before the outage')).body.errors).toBeUndefined();
    await onB.until(1);

    await redis.kill();

    // /ready names Redis; the database and the blob store are still fine.
    expect(await readyBecomes(a, 503)).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'ok', migrations: 'applied', redis: 'unreachable', blobStore: 'ok' },
    });

    // Logins work at once, and guesses are still counted (in memory on this instance): three wrong passwords
    // stop the fourth try from this address, even with the right one.
    const started = Date.now();
    expect((await login(a, 'creative.manager')).body.data?.login.accessToken).toEqual(expect.any(String));
    expect(Date.now() - started).toBeLessThan(2000);
    for (let guess = 0; guess < 3; guess++) expect(errorCodes((await login(a, 'seller', 'wrong-password')).body)).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes((await login(a, 'seller')).body)).toEqual(['RATE_LIMITED']);

    // The query budget is counted in memory meanwhile: answered, with its headers.
    const viewer = await post(a, `{ viewer { username } }`, {}, marketerOnA);
    expect(viewer.body.data).toEqual({ viewer: { username: 'marketer' } });
    expect(Number(viewer.headers.get('x-ratelimit-remaining'))).toBeLessThan(100000);

    // A change still commits, and its publish neither hangs nor rejects unhandled.
    expect((await createTicket(a, marketerOnA, 'During the outage')).body.errors).toBeUndefined();

    // Several seconds of reconnection attempts: still one warning per instance.
    await sleep(3000);
    for (const instance of [a, b]) {
      expect(redisLines(instance).map((line) => line.msg.split(' (')[0])).toEqual([`Redis at 127.0.0.1:${redis.port} is unreachable`]);
      expect(redisLines(instance)[0]!.level).toBe(40);
    }

    await redis.restart();

    for (const instance of [a, b]) {
      expect(await readyBecomes(instance, 200)).toEqual({
        status: 200,
        body: { status: 'ready', database: 'ok', migrations: 'applied', redis: 'ok', blobStore: 'ok' },
      });
      expect(redisLines(instance).at(-1)!.msg).toMatch(/^Redis at 127\.0\.0\.1:\d+ is reachable again after \d+ s/);
      expect(redisLines(instance)).toHaveLength(2);
    }

    // Without restarting anything, B's subscriber (subscribed again by itself) hears A's next change.
    await createTicket(a, marketerOnA, 'After Redis returned');
    await onB.until(2);
    expect(titlesOnB()).toContain('After Redis returned');
    onB.stop();
    await managerOnB.dispose();

    expect(unhandled).toEqual([]);
    expect(consoleError.mock.calls.filter((args) => String(args[0]).includes('ioredis'))).toEqual([]);
  });

  it('a Redis that stops answering without closing its connections is noticed, and logins stay quick', async () => {
    const [a] = instances as [Instance, Instance];
    expect((await readyBecomes(a, 200)).status).toBe(200);
    const before = redisLines(a).length;

    redis.pause();
    try {
      // The heartbeat notices within ~3 s; meanwhile a command waits at most its 1 s timeout.
      expect(await readyBecomes(a, 503)).toMatchObject({ status: 503, body: { redis: 'unreachable', database: 'ok' } });
      await sleep(1000);
      expect(
        redisLines(a)
          .slice(before)
          .map((line) => line.msg),
      ).toEqual([expect.stringMatching(/is unreachable \(limiter connection: Command timed out\)/)]);
      const started = Date.now();
      expect((await login(a, 'sales.manager')).body.data?.login.accessToken).toEqual(expect.any(String));
      // Waiting on Redis would cost at least 2 s: the throttle's reads and its reset each wait out a timeout.
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      redis.resume();
    }

    expect((await readyBecomes(a, 200)).status).toBe(200);
    expect(redisLines(a).at(-1)!.msg).toMatch(/is reachable again/);
    expect(unhandled).toEqual([]);
  });
});
