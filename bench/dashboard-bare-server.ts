// The dashboard benchmark's yardstick: the same dashboardStats answer as the GraphQL API serves, from the same
// two aggregates (services/stats.ts dashboardCountsSql and weeklyTrendSql) sent straight through node-postgres,
// both at once on two pooled connections, after the access token and session check (one statement, as the API
// does); the JSON is built by hand in the order the benchmark's query asks for the fields. What the API costs
// beyond this is GraphQL, Prisma and the order it runs things in. Runs as a child process of
// bench/dashboard-stats.ts; prints its URL when listening. Reads `weeks` from the request's variables.
//
//   DATABASE_URL=… JWT_SECRET=… node --import tsx bench/dashboard-bare-server.ts
import { DELIVERED_STATUSES, PRIORITIES, TICKET_STATUSES, type TicketStatus } from '../api/src/domain/vocabulary.ts';
import { dashboardCountsSql, weeklyTrendSql } from '../api/src/services/stats.ts';
import { type Answer, pool, serve, sessionViewer } from './bare-endpoint.ts';

type Count = string | number | null;

serve('bare dashboard endpoint', async (authorization, variables): Promise<Answer> => {
  const viewer = await sessionViewer(authorization);
  if ('body' in viewer) return viewer;
  const weeks = typeof variables.weeks === 'number' ? variables.weeks : 8;
  const cardsSql = dashboardCountsSql(viewer);
  const trendSql = weeklyTrendSql(viewer, weeks);
  const [cards, trend] = await Promise.all([
    pool.query<Record<string, Count>>(cardsSql.text, cardsSql.values),
    pool.query<{ weekStart: Date; created: Count; completed: Count }>(trendSql.text, trendSql.values),
  ]);
  const row = cards.rows[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  const status = (value: TicketStatus) => n(`status_${value}`);
  const dashboardStats = {
    total: n('total'),
    deptApproval: status('REQUESTED'),
    creativeApproval: status('PENDING_CREATIVE'),
    approved: status('APPROVED'),
    inProgress: status('IN_PROGRESS'),
    completed: DELIVERED_STATUSES.reduce((sum, delivered) => sum + status(delivered), 0),
    rejected: status('REJECTED'),
    overdue: n('overdue'),
    byStatus: TICKET_STATUSES.map((value) => ({ status: value, count: status(value) })),
    byPriority: PRIORITIES.map((priority) => ({ priority, count: n(`priority_${priority}`) })),
    weeklyTrend: trend.rows.map((week) => ({
      weekStart: new Date(week.weekStart).toISOString(),
      created: Number(week.created),
      completed: Number(week.completed),
    })),
  };
  return { body: { data: { dashboardStats } }, statements: 3 };
});
