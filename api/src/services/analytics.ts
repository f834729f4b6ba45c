// Analytics, the monthly report, the team's workload and the approvals waiting: SQL aggregates over the tickets
// of the viewer's scope (domain/analytics.ts), trash excluded. Nothing is counted in JavaScript; the few
// statements each read the period's tickets once through the createdAt / completedAt / assignedAt indexes.
// Definitions of every figure: README, "Analytics".
import { Prisma, type PrismaClient, type Product } from '../db/generated/prisma/client.ts';
import {
  type AnalyticsScope,
  analyticsScope,
  assertSeesApprovals,
  assertSeesTeam,
  checkPeriod,
  KPIS,
  type Kpi,
  type KpiStatus,
  type KpiTargets,
  kpiStatus,
  monthPeriod,
  overdueInstant,
  type Period,
  ratio,
} from '../domain/analytics.ts';
import type { Criteria, Priority, RequestType } from '../domain/creative-request.ts';
import { STAGES, type Stage } from '../domain/stage-times.ts';
import type { Viewer } from '../domain/viewer.ts';
import { visibleTicketsScanSql } from './ticket-visibility.ts';

export type StageAverage = { stage: Stage; averageHours: number | null; tickets: number };
export type Breakdown = { created: number; completed: number; onTimeRate: number | null; quantity: number };
export type UserPerformance = {
  userId: string;
  username: string;
  displayName: string;
  assigned: number;
  completed: number;
  inProgress: number;
  output: number;
  averageProcessingHours: number | null;
  averageCycleHours: number | null;
};

export type Analytics = Period & {
  departmentId: string | null;
  created: number;
  completed: number;
  rejected: number;
  completionRate: number | null;
  onTimeRate: number | null;
  revisionRate: number | null;
  averageRevisions: number | null;
  averageCycleHours: number | null;
  averageProcessingHours: number | null;
  stageAverages: StageAverage[];
  outputByCriteria: { criteria: Criteria | null; tickets: number; quantity: number }[];
  byRequestType: (Breakdown & { requestType: RequestType })[];
  byProduct: { product: Product; productName: string; tickets: number; quantity: number }[];
  byDepartment: (Breakdown & { departmentId: string; departmentName: string })[];
  byPriority: (Breakdown & { priority: Priority })[];
  perUser: UserPerformance[];
  leaders: UserPerformance[];
};

export type KpiResult = { kpi: Kpi; value: number | null; target: number; status: KpiStatus; previous: number | null; change: number | null };

export type MonthlyReport = Period & {
  year: number;
  month: number;
  departmentId: string | null;
  kpis: KpiResult[];
  created: number;
  completed: number;
  overdueAtMonthEnd: number;
  previousOverdueAtMonthEnd: number;
  leaderboard: UserPerformance[];
  revisionDistribution: { revisions: number; tickets: number }[];
};

export type MemberWorkload = { userId: string; username: string; displayName: string; inProgress: number; queued: number; overdue: number; dueSoon: number };
export type PendingApproval = { approverId: string; step: 'DEPARTMENT' | 'CREATIVE'; count: number; oldestWaitingSince: Date };

/** How many leaders the analytics name. */
const LEADERS = 5;

/** A JavaScript instant as a UTC timestamp (the columns are timestamp(3) in UTC), whatever the session's time zone. */
const at = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const hours = (from: string, to: string) => Prisma.raw(`extract(epoch from (t."${to}" - t."${from}")) / 3600.0`);

/** The tickets a scope counts, as a condition on "Ticket" t. */
export function scopeSql(viewer: Viewer, scope: AnalyticsScope): Prisma.Sql {
  // A Creative manager reads most of the table: the scan-shaped read rule (see ticket-visibility.ts).
  const base = scope.kind === 'READABLE' ? visibleTicketsScanSql(viewer, 't') : Prisma.sql`t."deletedAt" IS NULL`;
  return scope.departmentId ? Prisma.sql`${base} AND t."departmentId" = ${scope.departmentId}::uuid` : base;
}

/**
 * The period's tickets with two flags: c (created in the period) and d (completed in it: its latest completion,
 * so a ticket sent back for revision counts when it is completed again).
 */
function periodTickets(scope: Prisma.Sql, period: Period, extra?: { select: Prisma.Sql; where: Prisma.Sql }): Prisma.Sql {
  const created = Prisma.sql`t."createdAt" >= ${at(period.from)} AND t."createdAt" < ${at(period.to)}`;
  const done = Prisma.sql`t."completedAt" >= ${at(period.from)} AND t."completedAt" < ${at(period.to)}`;
  return Prisma.sql`
    SELECT t.*, (${created}) AS c, coalesce(${done}, false) AS d${extra ? Prisma.sql`, ${extra.select}` : Prisma.empty}
    FROM "Ticket" t
    WHERE ${scope} AND ((${created}) OR (${done})${extra ? Prisma.sql` OR ${extra.where}` : Prisma.empty})`;
}

/** Where each stage's average comes from: the tickets completed in the period that passed the stage by a step. */
const STAGE_FILTERS: Record<Stage, string> = {
  // Only an approval by the department's manager measures that wait (a request may skip the step at creation).
  DEPARTMENT_APPROVAL: `t."deptApprovedById" IS NOT NULL`,
  CREATIVE_APPROVAL: `t."creativeApprovedById" IS NOT NULL`,
  QUEUE: `t."creativeApprovedAt" IS NOT NULL`,
  WORK: `t."startedAt" IS NOT NULL`,
  CONFIRMATION: `t."closedAt" IS NOT NULL`,
};

/**
 * The summary and the breakdowns by request type, department and priority: one pass over the period's tickets
 * (GROUPING SETS). Exported for the benchmark.
 */
export function analyticsSummarySql(scope: Prisma.Sql, period: Period): Prisma.Sql {
  const stageColumns = STAGES.flatMap(({ stage, from, to }) => [
    Prisma.sql`avg(${hours(from, to)}) FILTER (WHERE t.d AND ${Prisma.raw(STAGE_FILTERS[stage])}) AS ${Prisma.raw(`"avg_${stage}"`)}`,
    Prisma.sql`count(*) FILTER (WHERE t.d AND ${Prisma.raw(STAGE_FILTERS[stage])}) AS ${Prisma.raw(`"n_${stage}"`)}`,
  ]);
  return Prisma.sql`
    SELECT GROUPING(t."requestType") AS "gType", GROUPING(t."departmentId") AS "gDepartment", GROUPING(t."priority") AS "gPriority",
           t."requestType"::text AS "requestType", t."departmentId"::text AS "departmentId", t."priority"::text AS "priority",
           count(*) FILTER (WHERE t.c) AS created,
           count(*) FILTER (WHERE t.c AND t."status" = 'REJECTED') AS "createdRejected",
           count(*) FILTER (WHERE t.c AND t."completedAt" IS NOT NULL) AS "createdCompleted",
           count(*) FILTER (WHERE t.d) AS completed,
           count(*) FILTER (WHERE t.d AND t."dueDate" IS NOT NULL) AS "withDue",
           count(*) FILTER (WHERE t.d AND t."completedAt" <= t."dueDate") AS "onTime",
           count(*) FILTER (WHERE t.d AND t."revisionCount" > 0) AS revised,
           coalesce(sum(t."revisionCount") FILTER (WHERE t.d), 0) AS revisions,
           coalesce(sum(t."quantity") FILTER (WHERE t.d), 0) AS quantity,
           avg(${hours('createdAt', 'completedAt')}) FILTER (WHERE t.d) AS "avgCycle",
           avg(${hours('startedAt', 'completedAt')}) FILTER (WHERE t.d) AS "avgProcessing",
           ${Prisma.join(stageColumns, ', ')}
    FROM (${periodTickets(scope, period)}) t
    GROUP BY GROUPING SETS ((), (t."requestType"), (t."departmentId"), (t."priority"))`;
}

/**
 * Output of the tickets completed in the period, in units: a ticket with product items counts each item's
 * quantity under the item's criteria (or the ticket's) and its product; any other ticket its own quantity.
 */
export function analyticsOutputSql(scope: Prisma.Sql, period: Period): Prisma.Sql {
  // One pass: each ticket joined to its items (or to one empty item when it has none), grouped two ways.
  return Prisma.sql`
    SELECT GROUPING(i."productId") AS "byCriteria",
           coalesce(i."criteria", t."criteria")::text AS criteria, i."productId"::text AS "productId",
           count(DISTINCT t."id") AS tickets, sum(coalesce(i."quantity", t."quantity")) AS quantity
    FROM "Ticket" t
    LEFT JOIN "TicketProductItem" i ON i."ticketId" = t."id"
    WHERE ${scope} AND t."completedAt" >= ${at(period.from)} AND t."completedAt" < ${at(period.to)}
    GROUP BY GROUPING SETS ((coalesce(i."criteria", t."criteria")), (i."productId"))`;
}

/**
 * Per maker (the assignee and every collaborator, each credited in full): tickets assigned in the period,
 * completed in it, in progress now, the output of those completed and their average times.
 */
export function perUserSql(scope: Prisma.Sql, period: Period): Prisma.Sql {
  const assigned = Prisma.sql`t."assignedAt" >= ${at(period.from)} AND t."assignedAt" < ${at(period.to)}`;
  return Prisma.sql`
    SELECT u."id" AS "userId", u."username", u."displayName",
           count(*) FILTER (WHERE t.a) AS assigned,
           count(*) FILTER (WHERE t.d) AS completed,
           count(*) FILTER (WHERE t."status" = 'IN_PROGRESS') AS "inProgress",
           coalesce(sum(t."quantity") FILTER (WHERE t.d), 0) AS output,
           avg(${hours('startedAt', 'completedAt')}) FILTER (WHERE t.d) AS "avgProcessing",
           avg(${hours('createdAt', 'completedAt')}) FILTER (WHERE t.d) AS "avgCycle"
    FROM (${periodTickets(scope, period, { select: Prisma.sql`coalesce(${assigned}, false) AS a`, where: Prisma.sql`(${assigned}) OR t."status" = 'IN_PROGRESS'` })}) t
    CROSS JOIN LATERAL (SELECT DISTINCT m FROM unnest(t."collaboratorIds" || t."assigneeId") AS m WHERE m IS NOT NULL) AS makers
    JOIN "User" u ON u."id" = makers.m
    GROUP BY u."id", u."username", u."displayName"
    ORDER BY output DESC, completed DESC, u."displayName", u."id"`;
}

/** Tickets overdue at an instant (as far as the current row tells): due before it, created before it, not done by it. */
function overdueAtSql(scope: Prisma.Sql, instant: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT count(*) AS overdue FROM "Ticket" t
    WHERE ${scope} AND t."dueDate" < ${at(instant)} AND t."createdAt" < ${at(instant)}
      AND (t."completedAt" IS NULL OR t."completedAt" >= ${at(instant)})
      AND (t."rejectedAt" IS NULL OR t."rejectedAt" >= ${at(instant)})`;
}

/** The month's workload: tickets open at some time in the month (the denominator of the overdue rate). */
function workloadOfSql(scope: Prisma.Sql, period: Period): Prisma.Sql {
  return Prisma.sql`
    SELECT count(*) AS open FROM "Ticket" t
    WHERE ${scope} AND t."createdAt" < ${at(period.to)}
      AND (t."completedAt" IS NULL OR t."completedAt" >= ${at(period.from)})
      AND (t."rejectedAt" IS NULL OR t."rejectedAt" >= ${at(period.from)})`;
}

type Row = Record<string, unknown>;
const n = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const avgOf = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function performanceOf(row: Row): UserPerformance {
  return {
    userId: String(row.userId),
    username: String(row.username),
    displayName: String(row.displayName),
    assigned: n(row.assigned),
    completed: n(row.completed),
    inProgress: n(row.inProgress),
    output: n(row.output),
    averageProcessingHours: avgOf(row.avgProcessing),
    averageCycleHours: avgOf(row.avgCycle),
  };
}

function breakdownOf(row: Row): Breakdown {
  return { created: n(row.created), completed: n(row.completed), onTimeRate: ratio(n(row.onTime), n(row.withDue)), quantity: n(row.quantity) };
}

export function createAnalyticsService(prisma: PrismaClient, targets: KpiTargets) {
  async function compute(viewer: Viewer, period: Period, departmentId: string | null | undefined): Promise<Analytics> {
    checkPeriod(period);
    const scope = analyticsScope(viewer, departmentId);
    const where = scopeSql(viewer, scope);
    const [summary, output, perUserRows] = await Promise.all([
      prisma.$queryRaw<Row[]>(analyticsSummarySql(where, period)),
      prisma.$queryRaw<Row[]>(analyticsOutputSql(where, period)),
      prisma.$queryRaw<Row[]>(perUserSql(where, period)),
    ]);
    const total = summary.find((row) => n(row.gType) && n(row.gDepartment) && n(row.gPriority)) ?? {};
    const only = (key: 'gType' | 'gDepartment' | 'gPriority') =>
      summary.filter((row) => n(row[key]) === 0 && ['gType', 'gDepartment', 'gPriority'].every((other) => other === key || n(row[other]) === 1));
    const departmentIds = only('gDepartment').map((row) => String(row.departmentId));
    const departments = departmentIds.length
      ? await prisma.department.findMany({ where: { id: { in: departmentIds } }, select: { id: true, name: true } })
      : [];
    const departmentName = new Map(departments.map((department) => [department.id, department.name]));
    const productIds = output.filter((row) => n(row.byCriteria) === 0 && row.productId !== null).map((row) => String(row.productId));
    // Whole rows: the GraphQL Product type reads them as they are (no lookup per product).
    const products = productIds.length ? await prisma.product.findMany({ where: { id: { in: productIds } } }) : [];
    const productById = new Map(products.map((product) => [product.id, product]));
    const perUser = perUserRows.map(performanceOf);
    const created = n(total.created);
    const completed = n(total.completed);
    return {
      ...period,
      departmentId: scope.departmentId,
      created,
      completed,
      rejected: n(total.createdRejected),
      // Of the requests made in the period and not rejected, the share delivered (by now).
      completionRate: ratio(n(total.createdCompleted), created - n(total.createdRejected)),
      onTimeRate: ratio(n(total.onTime), n(total.withDue)),
      revisionRate: ratio(n(total.revised), completed),
      averageRevisions: ratio(n(total.revisions), completed),
      averageCycleHours: avgOf(total.avgCycle),
      averageProcessingHours: avgOf(total.avgProcessing),
      stageAverages: STAGES.map(({ stage }) => ({ stage, averageHours: avgOf(total[`avg_${stage}`]), tickets: n(total[`n_${stage}`]) })),
      outputByCriteria: output
        .filter((row) => n(row.byCriteria) === 1)
        .map((row) => ({ criteria: (row.criteria as Criteria | null) ?? null, tickets: n(row.tickets), quantity: n(row.quantity) }))
        .sort((a, b) => String(a.criteria).localeCompare(String(b.criteria))),
      byProduct: output
        .filter((row) => n(row.byCriteria) === 0 && row.productId !== null)
        .flatMap((row) => {
          const product = productById.get(String(row.productId));
          return product ? [{ product, productName: product.name, tickets: n(row.tickets), quantity: n(row.quantity) }] : [];
        })
        .sort((a, b) => b.quantity - a.quantity || a.productName.localeCompare(b.productName)),
      byRequestType: only('gType')
        .map((row) => ({ requestType: row.requestType as RequestType, ...breakdownOf(row) }))
        .sort((a, b) => a.requestType.localeCompare(b.requestType)),
      byDepartment: only('gDepartment')
        .map((row) => ({ departmentId: String(row.departmentId), departmentName: departmentName.get(String(row.departmentId)) ?? '', ...breakdownOf(row) }))
        .sort((a, b) => a.departmentName.localeCompare(b.departmentName)),
      byPriority: only('gPriority')
        .map((row) => ({ priority: row.priority as Priority, ...breakdownOf(row) }))
        .sort((a, b) => PRIORITY_ORDER.indexOf(a.priority) - PRIORITY_ORDER.indexOf(b.priority)),
      perUser,
      // perUser is ordered by output, then completions: the leaders are its head, among those who delivered.
      leaders: perUser.filter((user) => user.completed > 0).slice(0, LEADERS),
    };
  }

  async function overdueRate(where: Prisma.Sql, period: Period, now: Date) {
    const [[overdue], [open]] = await Promise.all([
      prisma.$queryRaw<Row[]>(overdueAtSql(where, overdueInstant(period, now))),
      prisma.$queryRaw<Row[]>(workloadOfSql(where, period)),
    ]);
    return { overdue: n(overdue?.overdue), rate: ratio(n(overdue?.overdue), n(open?.open)) };
  }

  return {
    analytics: compute,

    async monthlyReport(viewer: Viewer, year: number, month: number, departmentId?: string | null, now = new Date()): Promise<MonthlyReport> {
      const period = monthPeriod(year, month);
      const previousPeriod = month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
      const scope = analyticsScope(viewer, departmentId);
      const where = scopeSql(viewer, scope);
      const [current, previous, overdue, previousOverdue, distribution] = await Promise.all([
        compute(viewer, period, departmentId),
        compute(viewer, previousPeriod, departmentId),
        overdueRate(where, period, now),
        overdueRate(where, previousPeriod, now),
        prisma.$queryRaw<Row[]>(Prisma.sql`
          SELECT t."revisionCount" AS revisions, count(*) AS tickets FROM "Ticket" t
          WHERE ${where} AND t."completedAt" >= ${at(period.from)} AND t."completedAt" < ${at(period.to)}
          GROUP BY t."revisionCount" ORDER BY t."revisionCount"`),
      ]);
      const values: Record<Kpi, [number | null, number | null]> = {
        COMPLETION_RATE: [current.completionRate, previous.completionRate],
        ON_TIME_RATE: [current.onTimeRate, previous.onTimeRate],
        AVERAGE_REVISIONS: [current.averageRevisions, previous.averageRevisions],
        OVERDUE_RATE: [overdue.rate, previousOverdue.rate],
      };
      return {
        ...period,
        year,
        month,
        departmentId: scope.departmentId,
        kpis: KPIS.map((kpi) => {
          const [value, before] = values[kpi];
          return {
            kpi,
            value,
            target: targets[kpi],
            status: kpiStatus(kpi, value, targets[kpi]),
            previous: before,
            change: value !== null && before !== null ? value - before : null,
          };
        }),
        created: current.created,
        completed: current.completed,
        overdueAtMonthEnd: overdue.overdue,
        previousOverdueAtMonthEnd: previousOverdue.overdue,
        leaderboard: current.perUser.filter((user) => user.completed > 0),
        revisionDistribution: distribution.map((row) => ({ revisions: n(row.revisions), tickets: n(row.tickets) })),
      };
    },

    /** Per active Creative member: open work (queued = approved, not started), overdue and due within `dueSoonHours`. */
    async teamWorkload(viewer: Viewer, now = new Date(), dueSoonHours = 24): Promise<MemberWorkload[]> {
      assertSeesTeam(viewer);
      const soon = new Date(now.getTime() + dueSoonHours * 3_600_000);
      const rows = await prisma.$queryRaw<Row[]>(Prisma.sql`
        SELECT u."id" AS "userId", u."username", u."displayName",
               count(t."id") FILTER (WHERE t."status" = 'IN_PROGRESS') AS "inProgress",
               count(t."id") FILTER (WHERE t."status" = 'APPROVED') AS queued,
               count(t."id") FILTER (WHERE t."dueDate" < ${at(now)}) AS overdue,
               count(t."id") FILTER (WHERE t."dueDate" >= ${at(now)} AND t."dueDate" < ${at(soon)}) AS "dueSoon"
        FROM "User" u
        JOIN "Department" d ON d."id" = u."departmentId" AND d."isCreative"
        LEFT JOIN "Ticket" t ON t."deletedAt" IS NULL AND t."status" IN ('APPROVED', 'IN_PROGRESS')
          AND (t."assigneeId" = u."id" OR t."collaboratorIds" @> ARRAY[u."id"])
        WHERE u."isActive" AND u."approvedAt" IS NOT NULL
        GROUP BY u."id", u."username", u."displayName"
        ORDER BY u."displayName", u."id"`);
      return rows.map((row) => ({
        userId: String(row.userId),
        username: String(row.username),
        displayName: String(row.displayName),
        inProgress: n(row.inProgress),
        queued: n(row.queued),
        overdue: n(row.overdue),
        dueSoon: n(row.dueSoon),
      }));
    },

    /**
     * Per approver with requests waiting: department managers for REQUESTED tickets of their department,
     * Creative managers for PENDING_CREATIVE ones; counted over the caller's analytics scope.
     */
    async pendingApprovals(viewer: Viewer): Promise<PendingApproval[]> {
      assertSeesApprovals(viewer);
      const where = scopeSql(viewer, analyticsScope(viewer, null));
      const rows = await prisma.$queryRaw<Row[]>(Prisma.sql`
        WITH waiting AS (
          SELECT t."id", t."status", t."departmentId", coalesce(t."reachedCreativeAt", t."createdAt") AS since, t."createdAt"
          FROM "Ticket" t WHERE ${where} AND t."status" IN ('REQUESTED', 'PENDING_CREATIVE')
        ),
        approvers AS (
          SELECT u."id", u."departmentId", u."displayName", d."isCreative" FROM "User" u JOIN "Department" d ON d."id" = u."departmentId"
          WHERE u."role" = 'MANAGER' AND u."isActive" AND u."approvedAt" IS NOT NULL
        )
        SELECT a."id" AS "approverId", 'DEPARTMENT' AS step, count(*) AS count, min(w."createdAt") AS oldest, min(a."displayName") AS name
        FROM approvers a JOIN waiting w ON w."status" = 'REQUESTED' AND w."departmentId" = a."departmentId"
        GROUP BY a."id"
        UNION ALL
        SELECT a."id", 'CREATIVE', count(*), min(w.since), min(a."displayName")
        FROM approvers a JOIN waiting w ON w."status" = 'PENDING_CREATIVE' AND a."isCreative"
        GROUP BY a."id"
        ORDER BY count DESC, name, "approverId", step`);
      return rows.map((row) => ({
        approverId: String(row.approverId),
        step: row.step as PendingApproval['step'],
        count: n(row.count),
        oldestWaitingSince: new Date(row.oldest as Date),
      }));
    },
  };
}

const PRIORITY_ORDER: readonly Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
