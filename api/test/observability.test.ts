// Operations: every HTTP request has an id (the caller's if sane, else a new one) in the response and on its
// log lines, GraphQL error lines included; secrets never reach the log; /metrics serves Prometheus metrics
// behind METRICS_TOKEN: operation durations, live subscriptions, event lag, the outbox backlog, process metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/app.ts';
import { collect, wsClient } from './support/ws.ts';

const METRICS_TOKEN = 'ops-metrics-token-0123456789';
type LogLine = { level: number; msg?: string; requestId?: string; [field: string]: unknown };

let t: TestApp;
const lines: LogLine[] = [];
const raw: string[] = [];

beforeAll(async () => {
  const logger = createLogger('debug', {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as LogLine);
    },
  });
  t = await startTestApp({ env: { METRICS_TOKEN }, app: { logger } });
});
afterAll(() => t?.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Log lines are written when the response has closed on the server: wait for the access line. */
async function linesOf(requestId: string): Promise<LogLine[]> {
  for (let attempt = 0; attempt < 100 && !lines.some((line) => line.requestId === requestId && line.msg === 'request'); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return lines.filter((line) => line.requestId === requestId);
}

describe('request ids and structured logs', () => {
  it("keeps the caller's request id, echoes it and writes it on the request's log lines, error lines included", async () => {
    const id = 'ops-request-0001';
    // Anonymous callers may not list users: a refusal Yoga logs (at debug level, being the client's doing).
    const response = await post({ query: '{ users(first: 1) { totalCount } }' }, { 'x-request-id': id });
    expect(response.headers.get('x-request-id')).toBe(id);
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors?.length).toBe(1);

    const own = await linesOf(id);
    const access = own.find((line) => line.msg === 'request');
    expect(access).toMatchObject({ method: 'POST', path: '/graphql', status: 200, requestId: id });
    expect(typeof access?.durationMs).toBe('number');
    const errorLine = own.find((line) => line.err !== undefined);
    expect(errorLine, JSON.stringify(own)).toBeDefined();
    expect(JSON.stringify(errorLine?.err)).toMatch(/UNAUTHENTICATED|FORBIDDEN|sign in|Authentication/i);
    // A refusal is the caller's doing (debug level), and written once: Yoga's own line for it is not repeated.
    expect(errorLine?.level).toBe(20);
    const sameError = lines.filter((line) => line.err !== undefined && JSON.stringify(line.err) === JSON.stringify(errorLine?.err));
    expect(sameError).toHaveLength(1);
  });

  it('makes a new id when the caller sends none or one that is not plain', async () => {
    const none = await fetch(t.url.replace('/graphql', '/health'));
    const generated = none.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect((await linesOf(generated!)).some((line) => line.msg === 'request' && line.path === '/health')).toBe(true);

    const forged = await post({ query: '{ __typename }' }, { 'x-request-id': 'two words\tand a tab' });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes passwords or tokens', async () => {
    const { accessToken, refreshToken } = await t.login('designer');
    await post({ query: '{ viewer { id } }' }, { authorization: `Bearer ${accessToken}` });
    const logger = createLogger('info', { write: (line: string) => raw.push(line) });
    logger.info('details', { variables: { input: { username: 'designer', password: DEMO_PASSWORD } }, headers: { authorization: `Bearer ${accessToken}` } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const everything = raw.join('\n');
    expect(everything).toContain('[redacted]');
    expect(everything).toContain('designer');
    for (const secret of [DEMO_PASSWORD, accessToken, refreshToken]) expect(everything).not.toContain(secret);
  });
});

describe('/metrics', () => {
  const scrape = async (authorization?: string) => {
    const response = await fetch(t.url.replace('/graphql', '/metrics'), { headers: authorization ? { authorization } : {} });
    return { status: response.status, text: await response.text() };
  };
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('answers only the bearer of METRICS_TOKEN', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('Bearer not-the-token-at-all-00000')).status).toBe(401);
    const ok = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('process_cpu_user_seconds_total');
    expect(ok.text).toContain('nodejs_heap_size_used_bytes');
  });

  it('times operations by name and type, counts live subscriptions and the lag of delivered events', async () => {
    const { accessToken } = await t.login('marketer');
    await post({ query: 'query OpsProbe { viewer { id } }', operationName: 'OpsProbe' }, { authorization: `Bearer ${accessToken}` });
    let text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(text).toMatch(/graphql_envelop_request_duration_count\{[^}]*operationName="OpsProbe"[^}]*operationType="query"[^}]*\} 1/);
    expect(value(text, 'juan365_active_subscriptions')).toBe(0);
    const lagBefore = value(text, 'juan365_ticket_event_lag_seconds_count') ?? 0;

    const client = wsClient(t.wsUrl, accessToken);
    const events = collect<{ ticketEvents: { eventId: string } }>(client, 'subscription { ticketEvents { eventId } }');
    try {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
        if (value(text, 'juan365_active_subscriptions') === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(value(text, 'juan365_active_subscriptions')).toBe(1);
      await t.ok('mutation { createTicket(input: { title: "Metrics probe" }) { ticket { id } } }', {}, accessToken);
      await events.until(1);
      text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
      expect(value(text, 'juan365_ticket_event_lag_seconds_count')).toBe(lagBefore + 1);
    } finally {
      await client.dispose();
    }
    for (let attempt = 0; attempt < 100; attempt += 1) {
      text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
      if (value(text, 'juan365_active_subscriptions') === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(value(text, 'juan365_active_subscriptions')).toBe(0);
  });

  it("reports the outbox backlog as the database's count of pending messages", async () => {
    const pending = await t.db.prisma.notificationOutbox.count({ where: { status: 'PENDING' } });
    // The ticket created above announced itself to the Telegram group: the backlog is not trivially 0.
    expect(pending).toBeGreaterThan(0);
    expect(value((await scrape(`Bearer ${METRICS_TOKEN}`)).text, 'juan365_outbox_pending')).toBe(pending);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await startTestApp();
  });
  afterAll(() => plain?.close());

  it('is not served', async () => {
    const response = await fetch(plain.url.replace('/graphql', '/metrics'));
    expect(response.status).toBe(404);
  });
});
