// Operations: every HTTP request has an id (the caller's if sane, else a new one) in the response and on its
// log lines, GraphQL error lines included; a client's refusals are logged once, without a stack, at a level that
// says how much they matter; the access line names the operation, the user and the address; WebSocket
// connections have their own lines; secrets never reach the log; /metrics serves Prometheus metrics behind
// METRICS_TOKEN (operation durations, errors by code, live subscriptions, event lag, the outbox backlog, process
// metrics), labelled from bounded sets only: invented operation names add no series.
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { KNOWN_OPERATIONS } from '../src/graphql/generated/known-operations.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/app.ts';
import { collect, wsClient, wsQuery } from './support/ws.ts';

const METRICS_TOKEN = 'ops-metrics-token-0123456789';
type LogLine = { level: number; msg?: string; requestId?: string; [field: string]: unknown };
const DEBUG = 20;
const INFO = 30;
const WARN = 40;

/** A debug-level logger whose lines the test reads back (parsed, and as written). */
function capturedLog(): { logger: Logger; lines: LogLine[]; raw: string[] } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logger = createLogger('debug', {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as LogLine);
    },
  });
  return { logger, lines, raw };
}

/** A log line names a user by the database id, not the global ID the API hands out. */
const databaseId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];

let t: TestApp;
const { logger, lines, raw } = capturedLog();

beforeAll(async () => {
  t = await startTestApp({ env: { METRICS_TOKEN }, app: { logger } });
});
afterAll(() => t?.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Log lines are written when the response has closed on the server: wait for the access line. */
async function linesOf(requestId: string, log: LogLine[] = lines): Promise<LogLine[]> {
  for (let attempt = 0; attempt < 100 && !log.some((line) => line.requestId === requestId && line.msg === 'request'); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return log.filter((line) => line.requestId === requestId);
}

/** Waits until a line matching `test` has been written. */
async function lineWhere(test: (line: LogLine) => boolean, log: LogLine[] = lines): Promise<LogLine | undefined> {
  for (let attempt = 0; attempt < 100 && !log.some(test); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return log.find(test);
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
    // An everyday refusal is the caller's doing: one debug line with its code, no stack (and no line from Yoga).
    const others = own.filter((line) => line !== access);
    expect(others, JSON.stringify(own)).toHaveLength(1);
    expect(others[0]).toMatchObject({ level: DEBUG, msg: 'client error', code: 'UNAUTHENTICATED', path: 'users' });
    expect(others[0]!.err).toBeUndefined();
    expect(JSON.stringify(others[0])).not.toContain('stack');
  });

  it('names the operation (cut to 100 characters), the signed-in user and the address on the access line', async () => {
    const { accessToken, userId: globalId } = await t.login('designer');
    const userId = databaseId(globalId);
    const signedIn = 'ops-access-0001';
    await post({ query: 'query OpsAccess { viewer { id } }' }, { 'x-request-id': signedIn, authorization: `Bearer ${accessToken}` });
    expect((await linesOf(signedIn)).find((line) => line.msg === 'request')).toMatchObject({ operationName: 'OpsAccess', userId, address: '127.0.0.1' });

    // The name is the caller's choice, also when the document is refused: the line keeps 100 characters of it.
    const anonymous = 'ops-access-0002';
    const longName = `Op${'x'.repeat(300)}`;
    await post({ query: `query ${longName} { nope }`, operationName: longName }, { 'x-request-id': anonymous });
    const access = (await linesOf(anonymous)).find((line) => line.msg === 'request');
    expect(access).toMatchObject({ operationName: longName.slice(0, 100), address: '127.0.0.1' });
    expect(access?.userId).toBeUndefined();
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

const repeat = (count: number, text: string) => Array.from({ length: count }, (_, index) => text.replaceAll('#', String(index))).join(' ');
/** Each nests one level more than the one before: viewer → department → members → department → … */
const nested = (levels: number) => `{ viewer { ${'department { members { '.repeat(levels)}id${' } }'.repeat(levels)} } }`;

describe("a client's refusals are logged once, with the request id, no stack, at info or warn", () => {
  const refusals = [
    {
      label: 'a query over the cost limit',
      body: { query: '{ tickets(first: 100) { nodes { comments(first: 100) { nodes { id body } } } } }' },
      level: WARN,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'cost',
    },
    { label: 'a query over the depth limit', body: { query: nested(6) }, level: WARN, code: 'QUERY_TOO_COMPLEX', limit: 'depth' },
    {
      label: 'a query over the alias limit',
      body: { query: `{ ${repeat(20, 'a#: viewer { id }')} }` },
      level: WARN,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'aliases',
    },
    { label: 'a query over the token limit', body: { query: `{ ${repeat(2100, '__typename')} }` }, level: WARN, code: 'QUERY_TOO_COMPLEX', limit: 'tokens' },
    {
      label: 'a query over the directive limit',
      body: { query: `{ ${repeat(60, 'a#: __typename @include(if: true)')} }` },
      level: WARN,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'directives',
    },
    { label: 'a document that does not fit the schema', body: { query: '{ nope noper }' }, level: INFO, code: 'GRAPHQL_VALIDATION_FAILED' },
    { label: 'a document that is not GraphQL', body: { query: '{ viewer {' }, level: INFO, code: 'GRAPHQL_PARSE_FAILED' },
    { label: 'a request without a query', body: { variables: {} }, level: INFO, code: 'BAD_REQUEST' },
    { label: 'several operations and no operationName', body: { query: 'query A { __typename } query B { __typename }' }, level: INFO, code: 'BAD_REQUEST' },
  ];

  it.each(refusals)('$label: $code', async ({ label, body, level, code, limit }) => {
    const id = `ops-refusal-${label.replace(/\W+/g, '-')}`;
    const answer = (await (await post(body, { 'x-request-id': id })).json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(answer.errors[0]!.extensions.code).toBe(code);

    const own = (await linesOf(id)).filter((line) => line.msg !== 'request');
    expect(own, JSON.stringify(own)).toHaveLength(1);
    expect(own[0]).toMatchObject({ level, msg: 'client error', code, requestId: id, ...(limit ? { limit } : {}) });
    expect(own[0]!.err).toBeUndefined();
    expect(JSON.stringify(own[0])).not.toContain('stack');
    // Nothing at error level, from Yoga or anyone (its own line for a refused request carried no request id).
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('logs RATE_LIMITED once at warn, saying which limit and its value, over HTTP and over WebSocket', async () => {
    const small = capturedLog();
    const limited = await startTestApp({ env: { RATE_LIMIT_POINTS: '1000', RATE_LIMIT_WINDOW_SECONDS: '600' }, app: { logger: small.logger } });
    try {
      // Signed in first: the login spends from the same address's budget as the anonymous queries below.
      const { accessToken } = await limited.login('marketing.manager');
      // 24 days of analytics cost 600 (never given back, whatever the answer): the second does not fit in 1,000.
      const query = '{ analytics(range: { from: "2025-01-01T00:00:00Z", to: "2025-01-25T00:00:00Z" }) { created } }';
      let refused: { status: number; id: string; body: { errors?: { message: string; extensions: Record<string, unknown> }[] } } | undefined;
      for (let attempt = 0; attempt < 10 && !refused; attempt += 1) {
        const id = `ops-rate-${attempt}-0000`;
        const response = await fetch(limited.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': id },
          body: JSON.stringify({ query }),
        });
        if (response.status === 429) refused = { status: response.status, id, body: (await response.json()) as never };
      }
      expect(refused, 'never refused').toBeDefined();
      expect(refused!.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'rate', max: 1000 });
      const own = (await linesOf(refused!.id, small.lines)).filter((line) => line.msg !== 'request');
      expect(own, JSON.stringify(own)).toHaveLength(1);
      expect(own[0]).toMatchObject({ level: WARN, msg: 'client error', code: 'RATE_LIMITED', limit: 'rate', max: 1000 });

      const socketId = 'ops-rate-socket-0000';
      const client = taggedClient(limited.wsUrl, socketId, accessToken);
      try {
        expect((await wsQuery(client, query)).errors).toBeUndefined();
        const second = await wsQuery(client, query);
        expect((second.errors as { extensions: Record<string, unknown> }[])[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'rate', max: 1000 });
      } finally {
        await client.dispose();
      }
      const overSocket = await lineWhere((line) => line.msg === 'client error' && line.requestId === socketId, small.lines);
      expect(overSocket).toMatchObject({ level: WARN, code: 'RATE_LIMITED', limit: 'rate', max: 1000 });
      expect(small.lines.filter((line) => line.msg === 'client error' && line.requestId === socketId)).toHaveLength(1);
      expect(small.raw.join('\n')).not.toContain('stack');
      expect(small.lines.filter((line) => line.level >= 50)).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

/** A graphql-ws client whose upgrade request carries this request id. */
const taggedClient = (url: string, requestId: string, token?: string) =>
  createClient({
    url,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { 'x-request-id': requestId } });
      }
    },
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    onNonLazyError: () => {},
  });

describe('WebSocket connections', () => {
  it('logs a connection when it is authenticated and when it closes, with its code and how long it lived', async () => {
    const { accessToken, userId: globalId } = await t.login('designer');
    const userId = databaseId(globalId);
    const requestId = 'ops-socket-0001';
    const client = taggedClient(t.wsUrl, requestId, accessToken);
    expect((await wsQuery<{ viewer: { id: string } }>(client, '{ viewer { id } }')).data?.viewer.id).toBeTruthy();
    await client.dispose();

    const connected = await lineWhere((line) => line.msg === 'websocket connected' && line.requestId === requestId);
    expect(connected).toMatchObject({ level: INFO, userId, address: '127.0.0.1' });
    const closed = await lineWhere((line) => line.msg === 'websocket closed' && line.requestId === requestId);
    expect(closed).toMatchObject({ level: INFO, userId, address: '127.0.0.1', code: 1000 });
    expect(typeof closed?.durationMs).toBe('number');
  });

  it('logs the close of a socket that never signed in, with the refusal code', async () => {
    const requestId = 'ops-socket-0002';
    const client = taggedClient(t.wsUrl, requestId, 'not-a-token');
    const closed = await lineWhere((line) => line.msg === 'websocket closed' && line.requestId === requestId);
    await client.dispose();
    expect(closed).toMatchObject({ level: INFO, address: '127.0.0.1', code: 4403 });
    expect(closed?.userId).toBeUndefined();
    expect(lines.some((line) => line.msg === 'websocket connected' && line.requestId === requestId)).toBe(false);
  });

  it('answers a document that is not GraphQL, not valid or over a limit with its code, keeps the socket, logs the refusal once', async () => {
    const { accessToken } = await t.login('designer');
    const requestId = 'ops-socket-0003';
    const client = taggedClient(t.wsUrl, requestId, accessToken);
    const refusalOf = (query: string) =>
      wsQuery(client, query).then(
        () => undefined,
        (errors: { message: string; extensions: Record<string, unknown> }[]) => errors[0],
      );
    try {
      expect(await refusalOf('{ viewer {')).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
      expect(await refusalOf(`{ ${repeat(2100, '__typename')} }`)).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens' } });
      expect(await refusalOf('{ nope }')).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      // The cost is judged with the variables when the operation starts: its refusal is the operation's answer.
      const cost = (await wsQuery(client, '{ tickets(first: 100) { nodes { comments(first: 100) { nodes { id body } } } } }')).errors?.[0] as
        | { extensions: Record<string, unknown> }
        | undefined;
      expect(cost?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 10_000, found: expect.any(Number) });
      // The same socket still answers.
      expect((await wsQuery<{ viewer: { id: string } }>(client, '{ viewer { id } }')).data?.viewer.id).toBeTruthy();
    } finally {
      await client.dispose();
    }
    await lineWhere((line) => line.msg === 'websocket closed' && line.requestId === requestId);
    const refusals = lines.filter((line) => line.msg === 'client error' && line.requestId === requestId);
    expect(refusals.map((line) => [line.level, line.code])).toEqual([
      [INFO, 'GRAPHQL_PARSE_FAILED'],
      [WARN, 'QUERY_TOO_COMPLEX'],
      [INFO, 'GRAPHQL_VALIDATION_FAILED'],
      [WARN, 'QUERY_TOO_COMPLEX'],
    ]);
    expect(lines.find((line) => line.msg === 'websocket closed' && line.requestId === requestId)?.code).toBe(1000);
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

  it("times the web client's operations by name and type, counts live subscriptions and the lag of delivered events", async () => {
    const { accessToken } = await t.login('marketer');
    // A name the web client sends as a query (generated from its documents by codegen).
    expect(KNOWN_OPERATIONS.get('Profile')).toBe('query');
    await post({ query: 'query Profile { viewer { id } }', operationName: 'Profile' }, { authorization: `Bearer ${accessToken}` });
    let text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(text).toMatch(/juan365_graphql_operation_duration_seconds_count\{operationName="Profile",operationType="query"\} 1\n/);
    expect(text).toMatch(/juan365_graphql_http_duration_seconds_count\{operationName="Profile",operationType="query",status="200"\} 1\n/);
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

  /** The GraphQL series (name and labels, without values) in a scrape. */
  const graphqlSeries = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith('juan365_graphql_'))
      .map((line) => line.slice(0, line.lastIndexOf(' ')))
      .sort();
  /** One answer, one error, under a name nobody knows: the same shapes as the 100 invented ones below. */
  const invented = (name: string, index: number) =>
    post(index % 2 ? { query: `query ${name} { __typename }`, operationName: name } : { query: `query ${name} { nope }`, operationName: name });

  it('counts errors by operation and code, and labels any name the web client does not send as `other`', async () => {
    await post({ query: 'query OpsUnknown { nope }' });
    // A known name sent as another type than the web client's is not that operation.
    await post({ query: 'mutation Profile { logout { ok } }' });
    const text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(text).toMatch(/juan365_graphql_errors_total\{operationName="other",operationType="query",code="GRAPHQL_VALIDATION_FAILED"\} \d+/);
    expect(text).toMatch(/juan365_graphql_operation_duration_seconds_count\{operationName="other",operationType="mutation"\} \d+/);
    expect(text).not.toContain('OpsUnknown');
    expect(text).not.toMatch(/operationName="Profile",operationType="mutation"/);
  });

  it('adds no series for 100 invented operation names', async () => {
    await invented('OpsWarmUpA', 0);
    await invented('OpsWarmUpB', 1);
    const before = graphqlSeries((await scrape(`Bearer ${METRICS_TOKEN}`)).text);
    for (let index = 0; index < 100; index += 1) await invented(`Invented${index}_${Math.random().toString(36).slice(2)}`, index);
    const after = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(graphqlSeries(after)).toEqual(before);
    expect(after).not.toContain('Invented');
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

  it('still keeps nothing per invented operation name (the metrics are collected, and bounded, all the same)', async () => {
    // The GraphQL metrics' series (process metrics come and go with the runtime's own state).
    const seriesCount = async () =>
      (await plain.app.metrics.registry.getMetricsAsJSON())
        .filter((metric) => metric.name.startsWith('juan365_graphql_'))
        .reduce((sum, metric) => sum + metric.values.length, 0);
    const send = (name: string) =>
      fetch(plain.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `query ${name} { __typename }` }) });
    await send('PlainWarmUp');
    const before = await seriesCount();
    for (let index = 0; index < 100; index += 1) await send(`PlainInvented${index}`);
    expect(await seriesCount()).toBe(before);
  });
});
