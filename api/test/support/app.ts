// A real app on a random port over a fresh database, with the demo accounts, and small GraphQL helpers.
import { type App, type AppOptions, buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { seedDemoAccounts } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export const DEMO_PASSWORD = 'demo-password';

/**
 * A statement the app's background loops send whatever any request does: the webhook dispatcher's claim (a
 * poll a second) and the deadline sweep (a minute). A test counting a request's statements skips them, or one
 * lands in its window now and then (seen on loaded CI runs).
 */
export function isBackgroundStatement(sql: string): boolean {
  return sql.includes('"WebhookDelivery"') || sql.includes('"DeadlineNotice"');
}

export type GraphQLResponse<T = Record<string, unknown>> = {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
};

export type TestApp = {
  app: App;
  db: TestDatabase;
  url: string;
  wsUrl: string;
  config: Config;
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Data of a request that must succeed; throws with the errors otherwise. */
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  login(username: string, password?: string): Promise<{ accessToken: string; refreshToken: string; userId: string }>;
  close(): Promise<void>;
};

export async function startTestApp(
  options: { env?: Record<string, string>; config?: Partial<Config>; app?: Omit<AppOptions, 'database'>; seed?: boolean; onQuery?: (sql: string) => void } = {},
): Promise<TestApp> {
  const db = await createTestDatabase({ onQuery: options.onQuery });
  // The demo accounts only: each test makes the tickets it talks about (the demo month is proven by
  // embedded-start.test.ts).
  if (options.seed !== false) await seedDemoAccounts(db.prisma, { password: DEMO_PASSWORD });
  const config: Config = {
    ...loadConfig({
      PORT: '0',
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      LOG_LEVEL: 'error',
      DATA_DIR: '/tmp/juan365-test-data',
      SEED_DEMO_DATA: 'false',
      ...options.env,
    }),
    ...options.config,
  };
  // The deadline scheduler and the daily report run when a test calls them (app.notices.deadlines.runOnce), so notices that depend on
  // the clock never appear in tests that count notifications; nobody long-polls a real Telegram.
  const notices = { deadlineScheduler: false, dailyReportScheduler: false, polling: false, ...options.app?.notices };
  const app = await buildApp(config, { ...options.app, notices, database: db });
  const { url } = await app.start();
  return {
    app,
    db,
    config,
    ...graphqlClient(url),
    async close() {
      await app.stop();
      await db.drop();
    },
  };
}

/** What a test needs to talk to a server over HTTP: the in-process app above or the built one (built-server.ts). */
export type GraphQLClient = Pick<TestApp, 'url' | 'wsUrl' | 'gql' | 'ok' | 'login'>;

/** gql/ok/login against the GraphQL endpoint at `url`, whatever runs it. */
export function graphqlClient(url: string, demoPassword = DEMO_PASSWORD): GraphQLClient {
  async function gql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }
  async function ok<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
    const result = await gql<T>(query, variables, token);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    gql,
    ok,
    async login(username, password = demoPassword) {
      const data = await ok<{ login: { accessToken: string; refreshToken: string; user: { id: string } } }>(
        `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`,
        { input: { username, password } },
      );
      return { accessToken: data.login.accessToken, refreshToken: data.login.refreshToken, userId: data.login.user.id };
    },
  };
}

export function errorCodes(result: GraphQLResponse<unknown>): (string | undefined)[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
