// The CSV exports: the tickets export holds exactly the rows (and order) of the `tickets` list for the same filter
// and viewer, across several batches; cells are quoted and defused; the analytics export is authorized like the
// query; every export pays for the rows or days it covers from the caller's query-cost budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsCost, COST_PER_ANALYTICS_DAY, ticketExportCost } from '../src/domain/work-cost.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTicket, type Sessions, signInEveryone, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  return records;
}

async function download(path: string, token?: string) {
  const response = await fetch(new URL(path, t.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const LIST = `query ($filter: TicketFilter, $after: String) { tickets(first: 100, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } nodes { number } } }`;

async function listNumbers(filter: Record<string, unknown>, token: string): Promise<number[]> {
  const numbers: number[] = [];
  let after: string | null = null;
  for (;;) {
    const { tickets }: { tickets: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { number: number }[] } } = await t.ok(
      LIST,
      { filter, after },
      token,
    );
    numbers.push(...tickets.nodes.map((node) => node.number));
    if (!tickets.pageInfo.hasNextPage) return numbers;
    after = tickets.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
  const marketing = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'marketer' } });
  const seller = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'seller' } });
  // Enough rows for three batches of the export (500 each), spread over statuses, priorities and two departments.
  const statuses = ['REQUESTED', 'PENDING_CREATIVE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED'] as const;
  const priorities = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
  await t.db.prisma.ticket.createMany({
    data: Array.from({ length: 1_100 }, (_, i) => {
      const requester = i % 3 === 0 ? seller : marketing;
      return {
        title: `Bulk request ${i}${i % 7 === 0 ? ' banner' : ''}`,
        status: statuses[i % statuses.length],
        priority: priorities[i % priorities.length],
        requesterId: requester.id,
        departmentId: requester.departmentId as string,
        reachedCreativeAt: i % 5 === 0 ? null : new Date(),
        dueDate: i % 4 === 0 ? new Date(Date.now() - 86_400_000) : null,
        createdAt: new Date(Date.UTC(2026, 0, 1) + (i % 50) * 3_600_000),
      };
    }),
  });
  // Cells that need quoting or defusing, made through the API.
  await createTicket(t, s.marketer.token, { title: '=HYPERLINK("http://evil.example","click")', description: 'formula' });
  await createTicket(t, s.marketer.token, { title: 'Banner, "big", second line', description: 'quotes' });
  const trashed = await createTicket(t, s.marketer.token, { title: 'Trashed banner' });
  await ticketMutationOk(t, 'deleteTicket', 'DeleteTicketInput', { id: trashed.id }, s.admin.token);
}, 120_000);
afterAll(() => t.close());

describe('GET /export/tickets.csv', () => {
  const cases: [string, Record<string, unknown>, string, keyof Sessions][] = [
    ['everything, admin', {}, '', 'admin'],
    ['statuses and a priority', { status: ['APPROVED', 'IN_PROGRESS'], priority: ['HIGH'] }, 'status=APPROVED&status=IN_PROGRESS&priority=HIGH', 'admin'],
    ['overdue', { overdue: true }, 'overdue=true', 'admin'],
    ['a search', { search: 'banner' }, 'search=banner', 'admin'],
    ['a member sees what they may read', {}, '', 'marketer'],
    ['the Marketing manager, overdue or not', { overdue: false }, 'overdue=false', 'marketing.manager'],
    ['the Creative manager', { status: ['REQUESTED', 'PENDING_CREATIVE'] }, 'status=REQUESTED,PENDING_CREATIVE', 'creative.manager'],
  ];

  for (const [name, filter, query, who] of cases) {
    it(`holds the rows of the tickets list: ${name}`, async () => {
      const expected = await listNumbers(filter, s[who].token);
      const csv = await download(`/export/tickets.csv?${query}`, s[who].token);
      expect(csv.status).toBe(200);
      expect(csv.type).toBe('text/csv; charset=utf-8');
      const [header, ...rows] = parseCsv(csv.text);
      expect(header?.slice(0, 3)).toEqual(['number', 'title', 'status']);
      expect(rows.map((row) => Number(row[0]))).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    });
  }

  it('takes the department as a global ID, as the list does', async () => {
    const { departments } = await t.ok(`{ departments { id name } }`);
    const sales = departments.find((department: { name: string }) => department.name === 'Sales');
    const expected = await listNumbers({ departmentId: sales.id }, s.admin.token);
    const csv = await download(`/export/tickets.csv?departmentId=${encodeURIComponent(sales.id)}`, s.admin.token);
    expect(
      parseCsv(csv.text)
        .slice(1)
        .map((row) => Number(row[0])),
    ).toEqual(expected);
  });

  it('quotes and defuses cells', async () => {
    const csv = await download('/export/tickets.csv?search=formula', s.admin.token);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const rows = parseCsv((await download('/export/tickets.csv?search=quotes', s.admin.token)).text);
    expect(rows[1]?.[1]).toBe('Banner, "big", second line');
  });

  it('refuses callers without a session and filters it does not know', async () => {
    expect((await download('/export/tickets.csv')).status).toBe(401);
    expect((await download('/export/tickets.csv', 'not-a-token')).status).toBe(401);
    const bad = await download('/export/tickets.csv?status=LOST', s.admin.token);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('GET /export/analytics.csv', () => {
  const range = 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z';

  it('gives managers and admins the figures of the analytics query', async () => {
    const csv = await download(`/export/analytics.csv?${range}`, s.admin.token);
    expect(csv.status).toBe(200);
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(['table', 'item', 'measure', 'value']);
    const { analytics } = await t.ok(
      `query ($range: AnalyticsRange!) { analytics(range: $range) { created byPriority { priority created } } }`,
      { range: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } },
      s.admin.token,
    );
    expect(rows).toContainEqual(['summary', '', 'created', String(analytics.created)]);
    for (const group of analytics.byPriority) expect(rows).toContainEqual(['priority', group.priority, 'created', String(group.created)]);
  });

  it('refuses members (403) and a manager asking for another department', async () => {
    const member = await download(`/export/analytics.csv?${range}`, s.marketer.token);
    expect(member.status).toBe(403);
    expect(JSON.parse(member.text).errors[0].extensions.code).toBe('FORBIDDEN');
    const { departments } = await t.ok(`{ departments { id name } }`);
    const sales = departments.find((department: { name: string }) => department.name === 'Sales');
    expect((await download(`/export/analytics.csv?${range}&departmentId=${encodeURIComponent(sales.id)}`, s['marketing.manager'].token)).status).toBe(403);
    expect((await download('/export/analytics.csv?from=yesterday', s.admin.token)).status).toBe(400);
  });
});

/** An export's status, rate-limit headers and body. */
async function priced(app: TestApp, path: string, token: string) {
  const response = await fetch(new URL(path, app.url), { headers: { authorization: `Bearer ${token}` } });
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    remaining: Number(header('x-ratelimit-remaining')),
    limit: Number(header('x-ratelimit-limit')),
    reset: Number(header('x-ratelimit-reset')),
    retryAfter: header('retry-after'),
    text: await response.text(),
  };
}

describe('exports spend the caller’s query-cost budget', () => {
  it('a tickets export costs its rows, and says so in the x-ratelimit-* headers', async () => {
    const first = await priced(t, '/export/tickets.csv', s.admin.token);
    const second = await priced(t, '/export/tickets.csv', s.admin.token);
    expect(second.status).toBe(200);
    expect(second.limit).toBe(t.config.rateLimit.points);
    expect(second.reset).toBeGreaterThan(Date.now() / 1000);
    const rows = parseCsv(second.text).length - 1;
    expect(rows).toBeGreaterThan(1_000);
    expect(first.remaining - second.remaining).toBe(ticketExportCost(rows));
    // A narrower filter costs less.
    const narrow = await priced(t, '/export/tickets.csv?status=APPROVED&priority=HIGH', s.admin.token);
    expect(second.remaining - narrow.remaining).toBe(ticketExportCost(parseCsv(narrow.text).length - 1));
  });

  describe('on a small budget', () => {
    let small: TestApp;
    let admin: string;
    const days = (count: number) => `from=2026-01-01T00:00:00Z&to=${new Date(Date.UTC(2026, 0, 1) + count * 86_400_000).toISOString()}`;

    beforeAll(async () => {
      small = await startTestApp({ env: { RATE_LIMIT_POINTS: '500', RATE_LIMIT_WINDOW_SECONDS: '600' } });
      admin = (await small.login('admin')).accessToken;
    });
    afterAll(() => small?.close());

    it('an analytics export costs the days it covers; past the budget it is refused with 429 and RATE_LIMITED, spending nothing', async () => {
      const big = await priced(small, `/export/analytics.csv?${days(400)}`, admin);
      expect(big.status).toBe(429);
      expect(Number(big.retryAfter)).toBeGreaterThan(0);
      const refusal = JSON.parse(big.text).errors[0];
      expect(refusal.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        limit: 'rate',
        max: 500,
        cost: analyticsCost(new Date('2026-01-01'), new Date(Date.UTC(2026, 0, 401))),
      });
      expect(big.remaining).toBeGreaterThan(490);

      const tenDays = await priced(small, `/export/analytics.csv?${days(10)}`, admin);
      expect(tenDays.status).toBe(200);
      expect(big.remaining - tenDays.remaining).toBe(10 * COST_PER_ANALYTICS_DAY);
      const eleven = await priced(small, `/export/analytics.csv?${days(11)}`, admin);
      expect(eleven.status).toBe(429);
      expect(eleven.remaining).toBe(tenDays.remaining);
    });
  });
});
