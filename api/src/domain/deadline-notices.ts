// Which deadline notice a ticket is due, if any: one reminder ahead of the due date, one when it passes.
// The scheduler records each (ticket, due date, kind) once, so a moved due date is due its notices again.
//
// An overdue notice is news only while the deadline is fresh: deadlines that passed longer than the catch-up
// window ago are left alone. A database that was never swept (restored from a dump, seeded, or with the
// reminders off for a while) would otherwise get every old deadline announced at once on its first pass.

export type DeadlineNoticeKind = 'DEADLINE_REMINDER' | 'TICKET_OVERDUE';

import { DONE_STATUSES } from './vocabulary.ts';

const FINISHED: ReadonlySet<string> = new Set(DONE_STATUSES);
const HOUR_MS = 3600_000;

/** How long after a due date its overdue notice may still go out (the scheduler's default). */
export const DEFAULT_CATCH_UP_MS = 24 * HOUR_MS;

export type NoticeTiming = { reminderLeadMs: number; catchUpMs: number };

/** The due dates that may need a notice at `now`: after `from`, up to and including `until`. */
export function noticeWindow(now: Date, timing: NoticeTiming): { from: Date; until: Date } {
  return { from: new Date(now.getTime() - timing.catchUpMs), until: new Date(now.getTime() + timing.reminderLeadMs) };
}

/** The rule the scheduler's SQL applies (deadline-scheduler.ts), written once as a function to test it against. */
export function dueNotice(
  ticket: { status: string; dueDate: Date | null; deletedAt: Date | null },
  now: Date,
  reminderLeadMs: number,
  catchUpMs = Number.POSITIVE_INFINITY,
): DeadlineNoticeKind | null {
  if (!ticket.dueDate || ticket.deletedAt || FINISHED.has(ticket.status)) return null;
  const due = ticket.dueDate.getTime();
  if (due <= now.getTime() - catchUpMs) return null;
  if (due <= now.getTime()) return 'TICKET_OVERDUE';
  if (due - reminderLeadMs <= now.getTime()) return 'DEADLINE_REMINDER';
  return null;
}

export type DeadlineTicket = {
  number: number;
  title: string;
  dueDate: Date;
  requesterId: string;
  assigneeId: string | null;
  collaboratorIds: readonly string[];
};

/** Who hears of it: the makers are reminded; once it is late the requester too (or first, with no makers yet). */
export function deadlineRecipients(kind: DeadlineNoticeKind, ticket: DeadlineTicket): string[] {
  const makers = [ticket.assigneeId, ...ticket.collaboratorIds].filter((id): id is string => id !== null);
  return kind === 'TICKET_OVERDUE' || makers.length === 0 ? [...makers, ticket.requesterId] : makers;
}

/** The notice's title and body, as sent in-app and on Telegram. */
export function deadlineMessage(kind: DeadlineNoticeKind, ticket: DeadlineTicket, now: Date): { title: string; body: string } {
  const hoursLeft = Math.max(1, Math.round((ticket.dueDate.getTime() - now.getTime()) / HOUR_MS));
  return {
    title: kind === 'TICKET_OVERDUE' ? `#${ticket.number} is overdue: ${ticket.title}` : `#${ticket.number} is due in ${hoursLeft} h: ${ticket.title}`,
    body: `Due ${ticket.dueDate.toISOString()}`,
  };
}
