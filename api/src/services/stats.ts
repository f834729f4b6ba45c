// Dashboard numbers, computed by SQL aggregates over exactly what the viewer may read: one statement for
// the cards, status and priority counts, one for the weekly trend. Nothing is counted in JavaScript.
import { Prisma, type PrismaClient } from '../db/generated/prisma/client.ts';
import type { Priority } from '../domain/creative-request.ts';
import { BadInputError } from '../domain/errors.ts';
import { TICKET_STATUSES, type TicketStatus } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import { visibleTicketsScanSql, visibleTicketsSql } from './ticket-visibility.ts';

export const PRIORITIES: readonly Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];

export type DashboardCounts = {
  total: number;
  deptApproval: number;
  creativeApproval: number;
  approved: number;
  inProgress: number;
  completed: number;
  rejected: number;
  overdue: number;
  byStatus: { status: TicketStatus; count: number }[];
  byPriority: { priority: Priority; count: number }[];
};

export type WeekPoint = { weekStart: Date; created: number; completed: number };

type CountsRow = Record<string, bigint | number>;

/**
 * The tickets counted. A Creative manager reads ≈90 % of them, where one pass over the table beats combining
 * index bitmaps (see visibleTicketsScanSql); every other viewer reads all (admin: no OR to plan) or a small
 * share, which the indexes serve.
 */
function scope(viewer: Viewer, departmentId: string | null | undefined): Prisma.Sql {
  const readsMostTickets = viewer.role === 'MANAGER' && viewer.inCreativeDepartment;
  const visible = readsMostTickets ? visibleTicketsScanSql(viewer, 't') : visibleTicketsSql(viewer, 't');
  return departmentId ? Prisma.sql`${visible} AND t."departmentId" = ${departmentId}::uuid` : visible;
}

/** The cards' SQL, exported for the benchmark to time the bare aggregate. */
export function dashboardCountsSql(viewer: Viewer, departmentId?: string | null): Prisma.Sql {
  const statusColumns = TICKET_STATUSES.map(
    (status) => Prisma.sql`count(*) FILTER (WHERE t."status" = ${status}::"TicketStatus") AS ${Prisma.raw(`"status_${status}"`)}`,
  );
  const priorityColumns = PRIORITIES.map(
    (priority) => Prisma.sql`count(*) FILTER (WHERE t."priority" = ${priority}::"Priority") AS ${Prisma.raw(`"priority_${priority}"`)}`,
  );
  return Prisma.sql`
    SELECT count(*) AS total,
           count(*) FILTER (WHERE t."dueDate" < now() AND t."status" NOT IN ('COMPLETED', 'CLOSED', 'REJECTED')) AS overdue,
           ${Prisma.join([...statusColumns, ...priorityColumns], ', ')}
    FROM "Ticket" t
    WHERE ${scope(viewer, departmentId)}`;
}

export function weeklyTrendSql(viewer: Viewer, weeks: number, departmentId?: string | null): Prisma.Sql {
  // ISO weeks start on Monday, which is what date_trunc('week') gives. One pass over the tickets of the period:
  // each ticket yields its creation and its completion as events (LATERAL VALUES), counted per week and kind,
  // then joined to the list of weeks so empty weeks show 0. (Two GROUP BYs, one per series, read the table twice.)
  return Prisma.sql`
    WITH weeks AS (
      SELECT generate_series(date_trunc('week', now()) - (${weeks - 1} * interval '1 week'), date_trunc('week', now()), interval '1 week') AS week_start
    ),
    events AS (
      SELECT date_trunc('week', e.at) AS week_start,
             count(*) FILTER (WHERE e.kind = 'created') AS created,
             count(*) FILTER (WHERE e.kind = 'completed') AS completed
      FROM "Ticket" t
      CROSS JOIN LATERAL (VALUES ('created', t."createdAt"::timestamptz), ('completed', t."completedAt"::timestamptz)) AS e(kind, at)
      WHERE ${scope(viewer, departmentId)}
        AND (t."createdAt" >= (SELECT min(week_start) FROM weeks) OR t."completedAt" >= (SELECT min(week_start) FROM weeks))
        AND e.at >= (SELECT min(week_start) FROM weeks)
      GROUP BY 1
    )
    SELECT w.week_start AS "weekStart", coalesce(e.created, 0) AS created, coalesce(e.completed, 0) AS completed
    FROM weeks w
    LEFT JOIN events e ON e.week_start = w.week_start
    ORDER BY w.week_start`;
}

export function createStatsService(prisma: PrismaClient) {
  return {
    async dashboardCounts(viewer: Viewer, departmentId?: string | null): Promise<DashboardCounts> {
      const [row] = await prisma.$queryRaw<CountsRow[]>(dashboardCountsSql(viewer, departmentId));
      const n = (key: string) => Number(row?.[key] ?? 0);
      const byStatus = TICKET_STATUSES.map((status) => ({ status, count: n(`status_${status}`) }));
      const status = (value: TicketStatus) => n(`status_${value}`);
      return {
        total: n('total'),
        deptApproval: status('REQUESTED'),
        creativeApproval: status('PENDING_CREATIVE'),
        approved: status('APPROVED'),
        inProgress: status('IN_PROGRESS'),
        completed: status('COMPLETED') + status('CLOSED'),
        rejected: status('REJECTED'),
        overdue: n('overdue'),
        byStatus,
        byPriority: PRIORITIES.map((priority) => ({ priority, count: n(`priority_${priority}`) })),
      };
    },

    async weeklyTrend(viewer: Viewer, weeks: number, departmentId?: string | null): Promise<WeekPoint[]> {
      if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104) throw new BadInputError('weeks must be from 1 to 104.', 'weeks');
      const rows = await prisma.$queryRaw<{ weekStart: Date; created: bigint; completed: bigint }[]>(weeklyTrendSql(viewer, weeks, departmentId));
      return rows.map((row) => ({ weekStart: new Date(row.weekStart), created: Number(row.created), completed: Number(row.completed) }));
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
