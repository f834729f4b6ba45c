// PostgreSQL ends every connection of the app (pg_terminate_backend, as a failover or an operator would) while
// clients are busy, and then once more while the pool sits idle. The requests caught in flight may fail, with
// INTERNAL_SERVER_ERROR and no SQL or driver text; the process stays up, the lost connections are logged, and
// the requests after succeed on new connections. Needs the machine's PostgreSQL whatever engine the rest of
// the suite runs on (PGlite has no backends to end), as scale-out.test.ts does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { seedDemoAccounts } from '../src/seed/demo.ts';
import { DEMO_PASSWORD, type GraphQLResponse } from './support/app.ts';
import { createTestDatabase, type TestDatabase, terminateBackends } from './support/database.ts';
import { sleep } from './support/ws.ts';

let db: TestDatabase;
let app: App;
let url: string;
const logLines: { level: number; msg: string }[] = [];

async function post(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

const CREATE = `mutation ($title: String!) { createTicket(input: { title: $title }) { ticket { id } } }`;
const LIST = `{ tickets(first: 5) { nodes { id title } } }`;

beforeAll(async () => {
  db = await createTestDatabase({ engine: 'postgres' });
  await seedDemoAccounts(db.prisma, { password: DEMO_PASSWORD });
  await db.close();
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: db.url!,
    JWT_SECRET: 'database-faults-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'warn',
    DATA_DIR: '/tmp/juan365-test-data',
    SEED_DEMO_DATA: 'false',
  });
  // The app opens its own pool from DATABASE_URL, as in production, with its logger.
  const logger = createLogger('warn', { write: (line: string) => void logLines.push(JSON.parse(line)) });
  app = await buildApp(config, { logger, notices: { deadlineScheduler: false, dailyReportScheduler: false, polling: false } });
  url = (await app.start()).url;
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('PostgreSQL ending the connections', () => {
  it('under load: requests in flight fail cleanly, the process stays up, the next ones succeed', async () => {
    const login = await post(`mutation ($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, {
      u: 'marketer',
      p: DEMO_PASSWORD,
    });
    const token = (login.data as { login: { accessToken: string } }).login.accessToken;

    // Eight clients writing and reading as fast as they can, while every backend is ended twice.
    let running = true;
    const results: GraphQLResponse[] = [];
    const client = async (worker: number) => {
      for (let request = 0; running; request++) {
        results.push(await post(request % 2 ? LIST : CREATE, { title: `Load ${worker}.${request}` }, token));
      }
    };
    const clients = Array.from({ length: 8 }, (_, worker) => client(worker));
    const ended: number[] = [];
    try {
      await sleep(500);
      ended.push(await terminateBackends(db.url!));
      await sleep(500);
      ended.push(await terminateBackends(db.url!));
      await sleep(500);
    } finally {
      running = false;
      await Promise.all(clients);
    }
    expect(ended.every((count) => count > 0)).toBe(true);

    const failures = results.filter((result) => result.errors);
    for (const failure of failures) {
      expect(failure.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    }
    // Requests in flight at a cut (and ones handed a connection already ended) fail; the others succeed.
    expect(results.length - failures.length).toBeGreaterThan(0);

    // Every request after the cut succeeds, on new connections.
    const after = await Promise.all(Array.from({ length: 12 }, (_, n) => post(n % 2 ? LIST : CREATE, { title: `After ${n}` }, token)));
    expect(after.map((result) => result.errors)).toEqual(Array(12).fill(undefined));
  });

  it('idle: the pool drops the ended connections, says so in the log, and the next request succeeds', async () => {
    const token = (
      (
        await post(`mutation ($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, {
          u: 'marketer',
          p: DEMO_PASSWORD,
        })
      ).data as { login: { accessToken: string } }
    ).login.accessToken;
    await Promise.all(Array.from({ length: 4 }, () => post(LIST, {}, token)));
    logLines.length = 0;

    expect(await terminateBackends(db.url!)).toBeGreaterThan(0);
    await sleep(200);
    expect(logLines.filter((line) => line.msg.startsWith('database connection lost')).length).toBeGreaterThan(0);

    const next = await post(LIST, {}, token);
    expect(next.errors).toBeUndefined();
    expect(next.data).toMatchObject({ tickets: { nodes: expect.any(Array) } });
  });
});
