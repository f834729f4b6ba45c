// Which deadline notice a ticket is due, if any: one reminder ahead of the due date, one when it passes.
// The scheduler records each (ticket, due date, kind) once, so a moved due date is due its notices again.

export type DeadlineNoticeKind = 'DEADLINE_REMINDER' | 'TICKET_OVERDUE';

import { DONE_STATUSES } from './vocabulary.ts';

const FINISHED: ReadonlySet<string> = new Set(DONE_STATUSES);

export function dueNotice(
  ticket: { status: string; dueDate: Date | null; deletedAt: Date | null },
  now: Date,
  reminderLeadMs: number,
): DeadlineNoticeKind | null {
  if (!ticket.dueDate || ticket.deletedAt || FINISHED.has(ticket.status)) return null;
  const due = ticket.dueDate.getTime();
  if (due <= now.getTime()) return 'TICKET_OVERDUE';
  if (due - reminderLeadMs <= now.getTime()) return 'DEADLINE_REMINDER';
  return null;
}
