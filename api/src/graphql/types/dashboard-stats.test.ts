// dashboardStats runs the cards and the weekly trend side by side: each is one statement, both are started before
// either has finished (timestamps of Prisma's query events), and the request costs no statement more than the
// two aggregates plus the session check. A selection without one of them does not run it.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { createTicket, type Sessions, signInEveryone } from '../../../test/support/tickets.ts';
import type { Prisma } from '../../db/generated/prisma/client.ts';
import { viewerOf } from '../../domain/viewer.ts';
import { createStatsService } from '../../services/stats.ts';

/** One statement as Prisma ran it: when it was handed to the driver and when its result came back (ms). */
type Statement = { sql: string; start: number; end: number };

let t: TestApp;
let s: Sessions;
let recording: Statement[] | null = null;
/** Every statement of the request, Prisma's and the session check's (sent straight to the driver). */
let all: string[] | null = null;

beforeAll(async () => {
  // No background passes: their statements (webhook dispatch, reminders, the daily report) would land inside a
  // request's window under load and be counted as the request's.
  t = await startTestApp({
    onQuery: (sql) => all?.push(sql),
    app: { webhooks: { dispatcher: false }, notices: { polling: false, deadlineScheduler: false, dailyReportScheduler: false } },
  });
  // Prisma's query event comes when the statement has finished, with its duration: start = now - duration. The
  // client is typed without its log options, so its $on is typed for no event.
  const prisma = t.db.prisma as unknown as { $on(event: 'query', listener: (event: Prisma.QueryEvent) => void): void };
  prisma.$on('query', (event) => {
    const end = performance.now();
    recording?.push({ sql: event.query, start: end - event.duration, end });
  });
  s = await signInEveryone(t);
  await createTicket(t, s.marketer.token, { title: 'Counted banner', priority: 'HIGH' });
  await createTicket(t, s.seller.token, { title: 'Counted flyer', priority: 'LOW' });
}, 120_000);
afterAll(() => t?.close());

const CARDS = 'total deptApproval creativeApproval approved inProgress completed rejected overdue byStatus { status count } byPriority { priority count }';
const TREND = 'weeklyTrend(weeks: 4) { weekStart created completed }';

const isCards = (sql: string) => sql.includes('"TicketCounter"') || sql.includes('sum(n) AS total');
const isTrend = (sql: string) => sql.includes('generate_series');

async function statementsOf(query: string, token: string) {
  recording = [];
  all = [];
  try {
    // biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
    const data = await t.ok<{ dashboardStats: Record<string, any> }>(query, {}, token);
    return { data: data.dashboardStats, statements: recording, all };
  } finally {
    recording = null;
    all = null;
  }
}

describe('dashboardStats: cards and weekly trend in parallel', () => {
  for (const who of ['admin', 'marketing.manager', 'marketer'] as const) {
    it(`${who}: one statement each, both started before either finished, nothing else added`, async () => {
      const token = s[who].token;
      const both = await statementsOf(`{ dashboardStats { ${CARDS} ${TREND} } }`, token);
      const cards = both.statements.filter((statement) => isCards(statement.sql));
      const trend = both.statements.filter((statement) => isTrend(statement.sql));
      expect(cards, 'one cards statement').toHaveLength(1);
      expect(trend, 'one trend statement').toHaveLength(1);
      const [c, w] = [cards[0]!, trend[0]!];
      expect(w.start, 'the trend started before the cards finished').toBeLessThan(c.end);
      expect(c.start, 'the cards started before the trend finished').toBeLessThan(w.end);

      // The rest of the request (the session check) is what a request with the cards alone or the trend alone
      // costs besides its one aggregate.
      const cardsOnly = await statementsOf(`{ dashboardStats { ${CARDS} } }`, token);
      const trendOnly = await statementsOf(`{ dashboardStats { ${TREND} } }`, token);
      expect(
        cardsOnly.statements.filter((statement) => isTrend(statement.sql)),
        'no trend when not asked',
      ).toHaveLength(0);
      expect(
        trendOnly.statements.filter((statement) => isCards(statement.sql)),
        'no cards when not asked',
      ).toHaveLength(0);
      expect(both.all.length).toBe(cardsOnly.all.length + 1);
      expect(both.all.length).toBe(trendOnly.all.length + 1);

      // The same figures as the service's.
      const asViewer = viewerOf(await t.db.prisma.user.findUniqueOrThrow({ where: { username: who }, include: { department: true } }));
      const stats = createStatsService(t.db.prisma);
      const counts = await stats.dashboardCounts(asViewer);
      expect(both.data.total).toBe(counts.total);
      expect(both.data.byStatus).toEqual(counts.byStatus);
      expect(both.data.weeklyTrend).toEqual((await stats.weeklyTrend(asViewer, 4)).map((week) => ({ ...week, weekStart: week.weekStart.toISOString() })));
      expect(cardsOnly.data.total).toBe(counts.total);
    });
  }
});
