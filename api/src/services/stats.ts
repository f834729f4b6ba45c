// Dashboard numbers, computed in SQL over exactly what the viewer may read; nothing is counted in JavaScript.
// What a viewer reads splits in two (services/ticket-visibility.ts): whole cells of the counters kept by the
// database (TicketCounter, TicketDayCounter: per department and whether the ticket reached the Creative queue,
// maintained by triggers in every change's transaction), which is all an admin reads and most of a manager's;
// and the tickets read through a personal tie outside those cells (all a member reads, a few for a manager),
// counted from the tickets through their indexes. Overdue depends on the clock, so no counter holds it: the
// cells' part is an index-only count over the open tickets' due dates (partial index Ticket_open_dueDate_idx).
import { Prisma, type PrismaClient } from '../db/generated/prisma/client.ts';
import { approvalScopes } from '../domain/approval-queue.ts';
import type { Priority } from '../domain/creative-request.ts';
import { BadInputError } from '../domain/errors.ts';
import { TICKET_STATUSES, type TicketStatus } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import { DELIVERED_STATUSES, DONE_STATUSES, statusArraySql } from '../domain/vocabulary.ts';
import { countFromCountersSql, countTicketsSql, ticketsWhereSql } from './ticket-list-sql.ts';
import { authorityCellsSql, type CellColumns, personalTicketsSql, ticketCellColumns } from './ticket-visibility.ts';

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

type CountsRow = Record<string, bigint | number | null>;

/** Open work (domain DONE_STATUSES excluded): written as the partial index's predicate, so the planner uses it. */
const OPEN_SQL = Prisma.sql`t."deletedAt" IS NULL AND t."status" <> ALL (${Prisma.raw(statusArraySql(DONE_STATUSES))})`;

/** A counter table's cell columns under the alias c. */
const COUNTER_CELL: CellColumns = { departmentId: Prisma.sql`c."departmentId"`, reachedCreative: Prisma.sql`c."reachedCreative"` };

type Split = {
  /** Which counter cells (alias c) the viewer reads whole; null: none. */
  cells: Prisma.Sql | null;
  /** The same condition on tickets (alias t), for what the counters cannot hold (overdue). */
  cellTickets: Prisma.Sql | null;
  /** The tickets (alias t) read through a personal tie and outside those cells, trash excluded; null: none. */
  personal: Prisma.Sql | null;
};

/** The viewer's tickets as counter cells plus the personal rest, both narrowed to one department if asked. */
function split(viewer: Viewer, departmentId: string | null | undefined): Split {
  const inDepartment = (column: Prisma.Sql) => (departmentId ? Prisma.sql` AND ${column} = ${departmentId}::uuid` : Prisma.empty);
  const cells = authorityCellsSql(viewer, COUNTER_CELL);
  const cellTickets = authorityCellsSql(viewer, ticketCellColumns('t'));
  const outsideCells = cellTickets ? Prisma.sql` AND NOT ${cellTickets}` : Prisma.empty;
  return {
    cells: cells && Prisma.sql`${cells}${inDepartment(Prisma.sql`c."departmentId"`)}`,
    cellTickets: cellTickets && Prisma.sql`${cellTickets}${inDepartment(Prisma.sql`t."departmentId"`)}`,
    // An admin's cells are every ticket: nothing is left to read personally.
    personal:
      viewer.role === 'ADMIN'
        ? null
        : Prisma.sql`t."deletedAt" IS NULL AND ${personalTicketsSql(viewer, 't')}${outsideCells}${inDepartment(Prisma.sql`t."departmentId"`)}`,
  };
}

/** The cards' SQL, exported for the benchmark to time the bare aggregate. */
export function dashboardCountsSql(viewer: Viewer, departmentId?: string | null): Prisma.Sql {
  const { cells, cellTickets, personal } = split(viewer, departmentId);
  const parts: Prisma.Sql[] = [];
  if (cells) parts.push(Prisma.sql`SELECT c."status", c."priority", c."count" AS n, 0 AS overdue FROM "TicketCounter" c WHERE ${cells}`);
  if (personal)
    parts.push(Prisma.sql`
      SELECT t."status", t."priority", 1 AS n, (t."dueDate" < now() AND ${OPEN_SQL})::int AS overdue
      FROM "Ticket" t WHERE ${personal}`);
  const overdueInCells = cellTickets
    ? Prisma.sql`(SELECT count(*) FROM "Ticket" t WHERE ${OPEN_SQL} AND t."dueDate" < now() AND ${cellTickets})`
    : Prisma.sql`0`;
  const statusColumns = TICKET_STATUSES.map(
    (status) => Prisma.sql`sum(n) FILTER (WHERE "status" = ${status}::"TicketStatus") AS ${Prisma.raw(`"status_${status}"`)}`,
  );
  const priorityColumns = PRIORITIES.map(
    (priority) => Prisma.sql`sum(n) FILTER (WHERE "priority" = ${priority}::"Priority") AS ${Prisma.raw(`"priority_${priority}"`)}`,
  );
  return Prisma.sql`
    SELECT sum(n) AS total,
           coalesce(sum(overdue), 0) + ${overdueInCells} AS overdue,
           ${Prisma.join([...statusColumns, ...priorityColumns], ', ')}
    FROM (${Prisma.join(parts, ' UNION ALL ')}) AS counted`;
}

export function weeklyTrendSql(viewer: Viewer, weeks: number, departmentId?: string | null): Prisma.Sql {
  // ISO weeks start on Monday, which is what date_trunc('week') gives; weeks and days are UTC (the timestamps
  // are stored in UTC without a zone). The cells' part sums the day counters of the period; the personal part
  // turns each ticket of the period into its creation and its completion as events (LATERAL VALUES). Both are
  // summed per week, then joined to the list of weeks so empty weeks show 0.
  const { cells, personal } = split(viewer, departmentId);
  const events: Prisma.Sql[] = [];
  if (cells)
    events.push(Prisma.sql`
      SELECT date_trunc('week', c."day"::timestamp) AS week_start, c."created", c."completed"
      FROM "TicketDayCounter" c
      WHERE c."day" >= (SELECT at FROM since)::date AND ${cells}`);
  if (personal)
    events.push(Prisma.sql`
      SELECT date_trunc('week', e.at) AS week_start, (e.kind = 'created')::int AS created, (e.kind = 'completed')::int AS completed
      FROM "Ticket" t
      CROSS JOIN LATERAL (VALUES ('created', t."createdAt"), ('completed', t."completedAt")) AS e(kind, at)
      WHERE ${personal}
        AND (t."createdAt" >= (SELECT at FROM since) OR t."completedAt" >= (SELECT at FROM since))
        AND e.at >= (SELECT at FROM since)`);
  return Prisma.sql`
    WITH weeks AS (
      SELECT generate_series(
        date_trunc('week', now() AT TIME ZONE 'UTC') - (${weeks - 1} * interval '1 week'),
        date_trunc('week', now() AT TIME ZONE 'UTC'),
        interval '1 week') AS week_start
    ),
    since AS (SELECT min(week_start) AS at FROM weeks),
    per_week AS (
      SELECT week_start, sum(created) AS created, sum(completed) AS completed
      FROM (${Prisma.join(events, ' UNION ALL ')}) AS events
      GROUP BY week_start
    )
    SELECT w.week_start AT TIME ZONE 'UTC' AS "weekStart", coalesce(e.created, 0) AS created, coalesce(e.completed, 0) AS completed
    FROM weeks w
    LEFT JOIN per_week e ON e.week_start = w.week_start
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
        completed: DELIVERED_STATUSES.reduce((sum, delivered) => sum + status(delivered), 0),
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

    /**
     * How many tickets wait for the viewer's approval or rejection: the tickets list's awaitingMyApproval filter,
     * counted. Each approval scope is one status (and maybe one department), keys of the dashboard's counters, so
     * the counters answer it as they answer the cards (a count of the rows took ≈95 ms for a department manager
     * with 4,000 waiting at 100,000 tickets); the scopes' statuses differ, so their counts add up. Null for someone
     * the workflow lets approve nothing (members), so clients need no rule of their own to hide the number.
     */
    async awaitingMyApproval(viewer: Viewer): Promise<number | null> {
      const scopes = approvalScopes(viewer);
      if (scopes.length === 0) return null;
      const parts = scopes.map(({ status, departmentId }) => countFromCountersSql(viewer, { status: [status], departmentId }));
      const statement = parts.every((part) => part !== null)
        ? Prisma.sql`SELECT (${Prisma.join(
            parts.map((part) => Prisma.sql`(${part})`),
            ' + ',
          )})::int AS "count"`
        : countTicketsSql(ticketsWhereSql(viewer, { awaitingMyApproval: true }));
      const [row] = await prisma.$queryRaw<{ count: number }[]>(statement);
      return Number(row?.count ?? 0);
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
