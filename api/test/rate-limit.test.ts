// Rate limiting on query cost: each caller (user, or address when anonymous) has a budget of points per
// window; every operation spends its cost, over HTTP and graphql-ws; past the budget it is refused with
// RATE_LIMITED, 429 and Retry-After; every GraphQL response carries the x-ratelimit-* headers. Counted in
// memory without Redis, in Redis with it (the local Redis: both stores are tested whatever the suite runs on).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COST_PER_ANALYTICS_DAY } from '../src/domain/work-cost.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket } from './support/tickets.ts';
import { wsClient, wsQuery } from './support/ws.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BUDGET = 100;
const VIEWER = '{ viewer { id } }';
// The cost model (armor.ts): an object field costs 2 plus what it selects, a scalar 1: 2 + 1 = 3.
const VIEWER_COST = 3;

type Limits = { limit: number; remaining: number; reset: number };

async function post(t: TestApp, body: string, token?: string) {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const limits: Limits = {
    limit: Number(response.headers.get('x-ratelimit-limit')),
    remaining: Number(response.headers.get('x-ratelimit-remaining')),
    reset: Number(response.headers.get('x-ratelimit-reset')),
  };
  return { response, limits, result: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[] } };
}
const query = (t: TestApp, text: string, token?: string) => post(t, JSON.stringify({ query: text }), token);

describe.each([
  ['in memory', {}],
  ['in Redis', { REDIS_URL, REDIS_PREFIX: `ops-rate-${randomUUID()}:` }],
])('query-cost rate limit %s', (_store, env: Record<string, string>) => {
  let t: TestApp;
  let designer: string;
  let marketer: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ...env, RATE_LIMIT_POINTS: String(BUDGET), RATE_LIMIT_WINDOW_SECONDS: '600' } });
    designer = (await t.login('designer')).accessToken;
    marketer = (await t.login('marketer')).accessToken;
  });
  afterAll(() => t?.close());

  it('says on every response where the caller stands, and spends each operation its cost', async () => {
    const first = await query(t, VIEWER, designer);
    expect(first.response.status).toBe(200);
    expect(first.limits.limit).toBe(BUDGET);
    expect(first.limits.remaining).toBe(BUDGET - VIEWER_COST);
    const now = Date.now() / 1000;
    expect(first.limits.reset).toBeGreaterThan(now);
    expect(first.limits.reset).toBeLessThanOrEqual(Math.ceil(now) + 600);

    // A page is priced full upfront ((2 + (2 + 1 + 1)) × 2 = 12) and spends what its answer held: the
    // designer reads no ticket here, so the empty connection's 2.
    const page = await query(t, '{ tickets(first: 2) { nodes { id title } } }', designer);
    expect(page.result.errors).toBeUndefined();
    expect(page.result.data).toEqual({ tickets: { nodes: [] } });
    expect(first.limits.remaining - page.limits.remaining).toBe(2);
    // The same page with its size in a variable spends the same.
    const byVariable = await post(t, JSON.stringify({ query: 'query ($n: Int) { tickets(first: $n) { nodes { id title } } }', variables: { n: 2 } }), designer);
    expect(byVariable.result.errors).toBeUndefined();
    expect(page.limits.remaining - byVariable.limits.remaining).toBe(2);

    // A request that runs no operation still reports the budget, spending nothing.
    const broken = await post(t, '{"query": "{ viewer { "}', designer);
    expect(broken.result.errors?.length).toBe(1);
    expect(broken.limits).toEqual({ ...byVariable.limits, reset: broken.limits.reset });
    expect(broken.limits.limit).toBe(BUDGET);
  });

  it('refuses past the budget with RATE_LIMITED, 429 and Retry-After, for that caller only', async () => {
    let last = await query(t, VIEWER, designer);
    while (last.response.status === 200) last = await query(t, VIEWER, designer);
    expect(last.response.status).toBe(429);
    expect(Number(last.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorCodes(last.result as never)).toEqual(['RATE_LIMITED']);
    expect(last.result.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(last.limits.remaining).toBeLessThan(VIEWER_COST);
    expect(last.result).not.toHaveProperty('extensions');

    // Refusals cost nothing: the small query that still fits goes through.
    const small = await query(t, '{ __typename }', designer);
    expect(small.response.status).toBe(last.limits.remaining >= 1 ? 200 : 429);

    // Another user from the same address, and anonymous callers, have their own budgets.
    const other = await query(t, VIEWER, marketer);
    expect(other.response.status).toBe(200);
    expect(other.limits.remaining).toBe(BUDGET - VIEWER_COST);
    const anonymous = await query(t, VIEWER);
    expect(anonymous.response.status).toBe(200);
  });

  it('charges operations over graphql-ws too: a subscribe spends its cost', async () => {
    // The designer's budget is spent (previous test): a subscription is refused like a query.
    const client = wsClient(t.wsUrl, designer);
    try {
      const refused = await wsQuery(client, 'subscription { ticketEvents { eventId } }');
      expect((refused.errors as { extensions?: { code?: string } }[]).map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
    } finally {
      await client.dispose();
    }
    const marketerClient = wsClient(t.wsUrl, marketer);
    try {
      const before = (await query(t, '{ __typename }', marketer)).limits.remaining;
      const result = await wsQuery(marketerClient, VIEWER);
      expect(result.errors).toBeUndefined();
      const after = (await query(t, '{ __typename }', marketer)).limits.remaining;
      // The WebSocket query's cost, then the second __typename's 1.
      expect(before - after).toBe(VIEWER_COST + 1);
    } finally {
      await marketerClient.dispose();
    }
  });
});

describe('an operation is charged what its answer held', () => {
  let t: TestApp;
  let manager: string;
  // Priced upfront: (2 + (2 + 1 + 1)) × 50 = 300.
  const PAGE = '{ tickets(first: 50) { nodes { id title } } }';

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_POINTS: '1000', RATE_LIMIT_WINDOW_SECONDS: '600' } });
    const marketer = (await t.login('marketer')).accessToken;
    for (const title of ['Refund one', 'Refund two', 'Refund three']) await createTicket(t, marketer, { title });
    manager = (await t.login('marketing.manager')).accessToken;
  });
  afterAll(() => t?.close());

  it('a page of 50 holding 3 tickets spends 2 + 3 × 4, and its upfront price still decides whether it runs', async () => {
    const before = (await query(t, '{ __typename }', manager)).limits.remaining;
    const page = await query(t, PAGE, manager);
    expect(page.result.errors).toBeUndefined();
    expect((page.result.data as { tickets: { nodes: unknown[] } }).tickets.nodes).toHaveLength(3);
    expect(before - page.limits.remaining).toBe(2 + 3 * 4);

    // The days an analytics range covers are never given back: spend the budget down to between 150 and 300.
    const days = Math.floor((page.limits.remaining - 150) / COST_PER_ANALYTICS_DAY);
    const from = Date.parse('2025-01-01T00:00:00Z');
    const range = { from: new Date(from).toISOString(), to: new Date(from + days * 86_400_000).toISOString() };
    const spentDown = await post(
      t,
      JSON.stringify({ query: 'query ($range: AnalyticsRange!) { analytics(range: $range) { created } }', variables: { range } }),
      manager,
    );
    expect(spentDown.result.errors).toBeUndefined();
    expect(spentDown.limits.remaining).toBeLessThan(300);
    expect(spentDown.limits.remaining).toBeGreaterThanOrEqual(14);

    // The page's answer would cost 14, but its upfront 300 is more than is left: refused.
    const refused = await query(t, PAGE, manager);
    expect(refused.response.status).toBe(429);
    expect(errorCodes(refused.result as never)).toEqual(['RATE_LIMITED']);
  });
});

describe('analytics are priced by the range they cover', () => {
  let t: TestApp;
  let admin: string;
  const range = (days: number) => ({ from: '2025-01-01T00:00:00Z', to: new Date(Date.parse('2025-01-01T00:00:00Z') + days * 86_400_000).toISOString() });
  const analytics = (days: number, aliases = 1) => {
    const fields = Array.from({ length: aliases }, (_, index) => `a${index}: analytics(range: ${rangeLiteral(days)}) { created }`);
    return `{ ${fields.join(' ')} }`;
  };
  const rangeLiteral = (days: number) => {
    const { from, to } = range(days);
    return `{ from: "${from}", to: "${to}" }`;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_POINTS: '200000', RATE_LIMIT_WINDOW_SECONDS: '600' } });
    admin = (await t.login('admin')).accessToken;
  });
  afterAll(() => t?.close());

  it('400 days cost 400 times one day, from variables too; 15 aliases of it use most of a window, and a second is refused', async () => {
    const spent = async (text: string, variables?: Record<string, unknown>) => {
      const before = (await query(t, '{ __typename }', admin)).limits.remaining;
      const result = await post(t, JSON.stringify({ query: text, variables }), admin);
      expect(result.result.errors).toBeUndefined();
      return before - 1 - result.limits.remaining;
    };
    const oneDay = await spent(analytics(1));
    const fourHundredDays = await spent(analytics(400));
    expect(fourHundredDays - oneDay).toBe(399 * COST_PER_ANALYTICS_DAY);
    const byVariables = await spent('query ($range: AnalyticsRange!) { analytics(range: $range) { created } }', { range: range(400) });
    expect(byVariables).toBeGreaterThanOrEqual(400 * COST_PER_ANALYTICS_DAY);
    expect(await spent('{ monthlyReport(year: 2025, month: 3) { created } }')).toBeGreaterThanOrEqual(62 * COST_PER_ANALYTICS_DAY);

    const aliased = await query(t, analytics(400, 15), admin);
    expect(aliased.response.status).toBe(200);
    expect(200_000 - aliased.limits.remaining).toBeGreaterThan(15 * 400 * COST_PER_ANALYTICS_DAY);
    const again = await query(t, analytics(400, 15), admin);
    expect(again.response.status).toBe(429);
    expect(errorCodes(again.result as never)).toEqual(['RATE_LIMITED']);
  });
});
