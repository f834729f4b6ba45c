// The daily report's figures, as SQL aggregates over every ticket not in the trash (the report goes to the
// whole team's group, so no viewer's read rule applies): one statement for the per-day counts of the month and
// the trend, one for the queue now.
import { Prisma, type PrismaClient } from '../db/generated/prisma/client.ts';
import { assembleFigures, type DailyReportFigures, type DayFigures, type LocalDay, type QueueFigures, reportDays } from '../domain/daily-report.ts';
import { DELIVERED_STATUSES, DONE_STATUSES, statusArraySql } from '../domain/vocabulary.ts';

type DayRow = { day: string; created: bigint; completed: bigint; image: bigint; video: bigint; other: bigint };
type QueueRow = Record<keyof QueueFigures, bigint>;

/** Per local day: requests created, requests completed, and the completed ones' output by criteria. */
export function dailyCountsSql(days: readonly { day: LocalDay; start: Date; end: Date }[]): Prisma.Sql {
  const names = days.map((d) => d.day);
  const starts = days.map((d) => d.start.toISOString());
  const ends = days.map((d) => d.end.toISOString());
  // Ticket times are UTC wall-clock timestamps; the day bounds are instants, converted to compare alike.
  // A ticket counts as completed on the day of its completedAt while it is COMPLETED or CLOSED (a revision
  // clears completedAt, so reworked tickets count on the day they were finished again). Its output is its
  // product items (each with its criteria, else the ticket's), or else its own quantity and criteria.
  return Prisma.sql`
    WITH days AS (
      SELECT d.day, d.start_at AT TIME ZONE 'UTC' AS s, d.end_at AT TIME ZONE 'UTC' AS e
      FROM unnest(${names}::text[], ${starts}::timestamptz[], ${ends}::timestamptz[]) AS d(day, start_at, end_at)
    ),
    created AS (
      SELECT d.day, count(t."id") AS n
      FROM days d LEFT JOIN "Ticket" t ON t."createdAt" >= d.s AND t."createdAt" < d.e AND t."deletedAt" IS NULL
      GROUP BY d.day
    ),
    done AS (
      SELECT t."id", t."completedAt", t."criteria", t."quantity"
      FROM "Ticket" t
      WHERE t."completedAt" >= (SELECT min(s) FROM days) AND t."completedAt" < (SELECT max(e) FROM days)
        AND t."status" = ANY (${Prisma.raw(statusArraySql(DELIVERED_STATUSES))}) AND t."deletedAt" IS NULL
    ),
    output AS (
      SELECT done."id", done."completedAt" AS at,
             coalesce(i."criteria", done."criteria")::text AS criteria,
             coalesce(i."quantity", done."quantity") AS quantity
      FROM done LEFT JOIN "TicketProductItem" i ON i."ticketId" = done."id"
    ),
    completed AS (
      SELECT d.day, count(DISTINCT o."id") AS n,
             coalesce(sum(o.quantity) FILTER (WHERE o.criteria = 'IMAGE'), 0) AS image,
             coalesce(sum(o.quantity) FILTER (WHERE o.criteria = 'VIDEO'), 0) AS video,
             coalesce(sum(o.quantity) FILTER (WHERE o.criteria IS NULL), 0) AS other
      FROM days d LEFT JOIN output o ON o.at >= d.s AND o.at < d.e
      GROUP BY d.day
    )
    SELECT d.day, c.n AS created, k.n AS completed, k.image, k.video, k.other
    FROM days d JOIN created c USING (day) JOIN completed k USING (day)
    ORDER BY d.day`;
}

export const queueSql = Prisma.sql`
  SELECT count(*) FILTER (WHERE t."status" = 'REQUESTED') AS requested,
         count(*) FILTER (WHERE t."status" = 'PENDING_CREATIVE') AS "pendingCreative",
         count(*) FILTER (WHERE t."status" = 'APPROVED') AS approved,
         count(*) FILTER (WHERE t."status" = 'IN_PROGRESS') AS "inProgress",
         count(*) FILTER (WHERE t."dueDate" < now()) AS overdue
  FROM "Ticket" t
  WHERE t."status" <> ALL (${Prisma.raw(statusArraySql(DONE_STATUSES))}) AND t."deletedAt" IS NULL`;

/** The figures of the report about `day` (a calendar day in timeZone), the queue as it is now. */
export async function dailyReportFigures(prisma: PrismaClient, day: LocalDay, timeZone: string): Promise<DailyReportFigures> {
  const [rows, [queue]] = await Promise.all([prisma.$queryRaw<DayRow[]>(dailyCountsSql(reportDays(day, timeZone))), prisma.$queryRaw<QueueRow[]>(queueSql)]);
  const perDay: DayFigures[] = rows.map((row) => ({
    day: row.day,
    created: Number(row.created),
    completed: Number(row.completed),
    output: { image: Number(row.image), video: Number(row.video), other: Number(row.other) },
  }));
  return assembleFigures(day, timeZone, perDay, {
    requested: Number(queue?.requested ?? 0),
    pendingCreative: Number(queue?.pendingCreative ?? 0),
    approved: Number(queue?.approved ?? 0),
    inProgress: Number(queue?.inProgress ?? 0),
    overdue: Number(queue?.overdue ?? 0),
  });
}
