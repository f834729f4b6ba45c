// Deadline reminders: one notice ahead of a ticket's due date and one once it passed, in-app and on Telegram
// (through announce, like every other notice). A DeadlineNotice row per (ticket, due date, kind) is written in
// the same transaction as the notice, with ON CONFLICT DO NOTHING: whichever instance writes it first sends,
// the others find nothing to do, and a moved due date is a new key, so its notices are due again.
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { dueNotice } from '../domain/deadline-notices.ts';
import { DONE_STATUSES } from '../domain/vocabulary.ts';
import type { Logger } from '../logger.ts';
import { announceIn, createTransactionRunner, type EffectsSink } from '../services/ticket-changes.ts';
import { createTimerLoop } from './timer-loop.ts';

export type DeadlineSchedulerDeps = {
  prisma: PrismaClient;
  sink: EffectsSink;
  logger: Logger;
  reminderLeadMs: number;
  intervalMs?: number;
};

const HOUR_MS = 3600_000;

export function createDeadlineScheduler({ prisma, sink, logger, reminderLeadMs, intervalMs = 60_000 }: DeadlineSchedulerDeps) {
  const inTransaction = createTransactionRunner(prisma, sink);

  /** Sends every notice that is due now and was not sent for this due date; returns how many were sent. */
  async function runOnce(now = new Date()): Promise<number> {
    const candidates = await prisma.ticket.findMany({
      where: { dueDate: { lte: new Date(now.getTime() + reminderLeadMs) }, status: { notIn: [...DONE_STATUSES] }, deletedAt: null },
      select: {
        id: true,
        number: true,
        title: true,
        status: true,
        dueDate: true,
        deletedAt: true,
        requesterId: true,
        assigneeId: true,
        collaborators: { select: { userId: true } },
        deadlineNotices: { select: { dueDate: true, kind: true } },
      },
      orderBy: { dueDate: 'asc' },
    });
    let sent = 0;
    for (const ticket of candidates) {
      const kind = dueNotice(ticket, now, reminderLeadMs);
      const dueDate = ticket.dueDate;
      if (!kind || !dueDate) continue;
      if (ticket.deadlineNotices.some((notice) => notice.kind === kind && notice.dueDate.getTime() === dueDate.getTime())) continue;
      const makers = [ticket.assigneeId, ...ticket.collaborators.map((c) => c.userId)].filter((id): id is string => id !== null);
      // The makers are reminded; once it is late the requester hears about it too (or first, with no makers yet).
      const recipientIds = kind === 'TICKET_OVERDUE' || makers.length === 0 ? [...makers, ticket.requesterId] : makers;
      const hoursLeft = Math.max(1, Math.round((dueDate.getTime() - now.getTime()) / HOUR_MS));
      const wrote = await inTransaction(async (tx, effects) => {
        const claimed = await tx.deadlineNotice.createMany({ data: [{ ticketId: ticket.id, dueDate, kind }], skipDuplicates: true });
        if (claimed.count !== 1) return false;
        await announceIn(
          tx,
          effects,
          {
            kind,
            actorId: null,
            ticket: { id: ticket.id, number: ticket.number, title: ticket.title },
            recipientIds,
            mentionUserIds: recipientIds,
            title: kind === 'TICKET_OVERDUE' ? `#${ticket.number} is overdue: ${ticket.title}` : `#${ticket.number} is due in ${hoursLeft} h: ${ticket.title}`,
            body: `Due ${dueDate.toISOString()}`,
          },
          now,
        );
        return true;
      });
      if (wrote) sent += 1;
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

export type DeadlineScheduler = ReturnType<typeof createDeadlineScheduler>;
