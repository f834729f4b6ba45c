// Deadline reminders: one notice ahead of a ticket's due date and one once it passed, in-app and on Telegram
// (through announce, like every other notice). A DeadlineNotice row per (ticket, due date, kind) is written in
// the same transaction as the notice, with ON CONFLICT DO NOTHING: whichever instance writes it first sends,
// the others find nothing to do, and a moved due date is a new key, so its notices are due again.
//
// A pass runs in SQL: it pages through the open tickets whose due date lies in the notice window and that have
// no notice yet for that due date and kind (NOT EXISTS; the two indexes of the migration deadline_sweep_indexes
// let PostgreSQL merge the window's tickets with the window's notices, from the indexes alone), and claims and
// announces each page in one transaction of a fixed number of statements. A pass with nothing to send is one
// statement that returns no rows. Deadlines that passed more than `catchUpMs` ago are never announced (see
// domain/deadline-notices.ts): a fresh or restored database is not flooded with old news.
import { Prisma, type PrismaClient } from '../db/generated/prisma/client.ts';
import {
  DEFAULT_CATCH_UP_MS,
  type DeadlineNoticeKind,
  type DeadlineTicket,
  deadlineMessage,
  deadlineRecipients,
  type NoticeTiming,
  noticeWindow,
} from '../domain/deadline-notices.ts';
import { DONE_STATUSES, statusArraySql } from '../domain/vocabulary.ts';
import type { Logger } from '../logger.ts';
import type { Announcement } from '../services/notifications.ts';
import { announceAllIn, createTransactionRunner, type EffectsSink } from '../services/ticket-changes.ts';
import { createTimerLoop } from './timer-loop.ts';

export type DeadlineSchedulerDeps = {
  prisma: PrismaClient;
  sink: EffectsSink;
  logger: Logger;
  reminderLeadMs: number;
  /** How long after a due date its overdue notice may still go out; older deadlines are left alone. */
  catchUpMs?: number;
  intervalMs?: number;
  /** Tickets claimed and announced per transaction. */
  pageSize?: number;
};

// The open-work partial indexes' predicate, verbatim, so the planner can use "Ticket_open_dueDate_id_idx".
const OPEN_TICKET = Prisma.raw(`t."deletedAt" IS NULL AND t."status" <> ALL (${statusArraySql(DONE_STATUSES)})`);

/** An instant as the `timestamp` (UTC, no zone) Prisma stores, so the comparison stays on the index. */
const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

type ClaimedRow = Omit<DeadlineTicket, 'collaboratorIds'> & { id: string; kind: DeadlineNoticeKind; collaboratorIds: string[] | null };

/** The statements of a pass at `now` (exported for bench/deadline-sweep.ts, which EXPLAINs the page query). */
export function deadlineSweepSql(now: Date, timing: NoticeTiming) {
  const { from, until } = noticeWindow(now, timing);
  // The notice a ticket in the window is due: overdue once the due date passed, the reminder before.
  const kind = Prisma.sql`(CASE WHEN t."dueDate" <= ${utc(now)} THEN 'TICKET_OVERDUE' ELSE 'DEADLINE_REMINDER' END)::"NotificationKind"`;
  const inWindow = Prisma.sql`${OPEN_TICKET} AND t."dueDate" > ${utc(from)} AND t."dueDate" <= ${utc(until)}`;
  // Implied by n."dueDate" = t."dueDate", and said so the planner reads only the window's notices: it merges
  // the index-only scans of Ticket_open_dueDate_id_idx and DeadlineNotice_dueDate_ticketId_kind_idx.
  const noticeInWindow = Prisma.sql`n."dueDate" > ${utc(from)} AND n."dueDate" <= ${utc(until)}`;
  return {
    /** The next page of tickets in the window without their notice, after `after` in (due date, id) order. */
    page(after: { dueDate: Date; id: string } | undefined, limit: number): Prisma.Sql {
      // Keyset paging: a page whose claims all went to another instance (or to nobody, because the ticket
      // changed meanwhile) is not read again. The plain `>=`s let both index scans start there.
      const keyset = after
        ? Prisma.sql`AND t."dueDate" >= ${utc(after.dueDate)} AND (t."dueDate", t."id") > (${utc(after.dueDate)}, ${after.id}::uuid)`
        : Prisma.empty;
      const noticeKeyset = after ? Prisma.sql`AND n."dueDate" >= ${utc(after.dueDate)}` : Prisma.empty;
      return Prisma.sql`
        SELECT t."id", t."dueDate" FROM "Ticket" t
        WHERE ${inWindow} ${keyset}
          AND NOT EXISTS (
            SELECT 1 FROM "DeadlineNotice" n
            WHERE n."ticketId" = t."id" AND n."dueDate" = t."dueDate" AND n."kind" = ${kind} AND ${noticeInWindow} ${noticeKeyset})
        ORDER BY t."dueDate", t."id"
        LIMIT ${limit}`;
    },
    /**
     * Claims the notices of these tickets, each checked again as it is now, and returns what the notices of the
     * claims this instance won need. The claims are inserted in id order, so two instances claiming overlapping
     * pages wait for each other instead of deadlocking.
     */
    claim(ids: readonly string[]): Prisma.Sql {
      return Prisma.sql`
        WITH claimed AS (
          INSERT INTO "DeadlineNotice" ("ticketId", "dueDate", "kind")
          SELECT t."id", t."dueDate", ${kind} FROM "Ticket" t
          WHERE t."id" = ANY (${ids}::uuid[]) AND ${inWindow}
          ORDER BY t."id"
          ON CONFLICT DO NOTHING
          RETURNING "ticketId", "dueDate", "kind"
        )
        SELECT t."id", t."number", t."title", t."requesterId", t."assigneeId", t."collaboratorIds", c."dueDate", c."kind"::text AS "kind"
        FROM claimed c JOIN "Ticket" t ON t."id" = c."ticketId"
        ORDER BY c."dueDate", t."id"`;
    },
  };
}

export function createDeadlineScheduler({
  prisma,
  sink,
  logger,
  reminderLeadMs,
  catchUpMs = DEFAULT_CATCH_UP_MS,
  intervalMs = 60_000,
  pageSize = 200,
}: DeadlineSchedulerDeps) {
  const inTransaction = createTransactionRunner(prisma, sink);

  /** Sends every notice that is due now and was not sent for this due date; returns how many were sent. */
  async function runOnce(now = new Date()): Promise<number> {
    const sql = deadlineSweepSql(now, { reminderLeadMs, catchUpMs });
    let sent = 0;
    let after: { dueDate: Date; id: string } | undefined;
    for (;;) {
      const page = await prisma.$queryRaw<{ id: string; dueDate: Date }[]>(sql.page(after, pageSize));
      if (page.length === 0) break;
      // One transaction per page: the claims, then the notices of the claims this instance won.
      sent += await inTransaction(async (tx, effects) => {
        const claimed = await tx.$queryRaw<ClaimedRow[]>(sql.claim(page.map((row) => row.id)));
        await announceAllIn(
          tx,
          effects,
          claimed.map((row) => deadlineAnnouncement(row, now)),
          now,
        );
        return claimed.length;
      });
      if (page.length < pageSize) break;
      after = page[page.length - 1];
    }
    return sent;
  }

  const loop = createTimerLoop({
    pass: () => runOnce(),
    waitAfter: () => intervalMs,
    onError: (error) => logger.error('deadline reminders pass failed', error),
  });

  return { runOnce, start: loop.start, stop: loop.stop };
}

function deadlineAnnouncement(row: ClaimedRow, now: Date): Announcement {
  const ticket: DeadlineTicket = { ...row, dueDate: new Date(row.dueDate), collaboratorIds: row.collaboratorIds ?? [] };
  const recipientIds = deadlineRecipients(row.kind, ticket);
  return {
    kind: row.kind,
    actorId: null,
    ticket: { id: row.id, number: row.number, title: row.title },
    recipientIds,
    mentionUserIds: recipientIds,
    ...deadlineMessage(row.kind, ticket, now),
  };
}

export type DeadlineScheduler = ReturnType<typeof createDeadlineScheduler>;
