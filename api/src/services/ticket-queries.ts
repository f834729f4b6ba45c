// Filters and orders for ticket lists, always inside what the viewer may read.
import type { Priority, Prisma, TicketStatus } from '../db/generated/prisma/client.ts';
import type { RequestType } from '../domain/creative-request.ts';
import { DONE_STATUSES } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { OrderDirection, TicketOrderField } from '../domain/vocabulary.ts';
import { awaitingApprovalWhere } from './approval-queue.ts';
import { visibleTicketsWhere } from './ticket-visibility.ts';

export type TicketFilter = {
  status?: TicketStatus[] | null;
  priority?: Priority[] | null;
  requestType?: RequestType[] | null;
  departmentId?: string | null;
  assigneeId?: string | null;
  requesterId?: string | null;
  collaboratorId?: string | null;
  overdue?: boolean | null;
  search?: string | null;
  dueBefore?: Date | null;
  dueAfter?: Date | null;
  /** true: only the tickets waiting for the viewer's approval or rejection (services/approval-queue.ts); false: the others. */
  awaitingMyApproval?: boolean | null;
};

export type TicketOrder = { field: TicketOrderField; direction: OrderDirection };

const overdueWhere = (now: Date): Prisma.TicketWhereInput => ({
  dueDate: { lt: now },
  status: { notIn: [...DONE_STATUSES] },
});

/** What a person typed, as a LIKE pattern's inside: `%` and `_` are letters, not wildcards (Prisma's `contains` passes them on). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function ticketsWhere(viewer: Viewer, filter: TicketFilter | null | undefined, now = new Date()): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [visibleTicketsWhere(viewer)];
  if (filter?.status?.length) and.push({ status: { in: filter.status } });
  if (filter?.priority?.length) and.push({ priority: { in: filter.priority } });
  if (filter?.requestType?.length) and.push({ requestType: { in: filter.requestType } });
  if (filter?.departmentId) and.push({ departmentId: filter.departmentId });
  if (filter?.assigneeId) and.push({ assigneeId: filter.assigneeId });
  if (filter?.requesterId) and.push({ requesterId: filter.requesterId });
  if (filter?.collaboratorId) and.push({ collaboratorIds: { has: filter.collaboratorId } });
  if (filter?.overdue === true) and.push(overdueWhere(now));
  // Spelled out: `NOT: overdueWhere` is NOT (dueDate < now AND …), which is NULL, so false, without a due date.
  if (filter?.overdue === false) and.push({ OR: [{ dueDate: null }, { dueDate: { gte: now } }, { status: { in: [...DONE_STATUSES] } }] });
  if (filter?.dueBefore) and.push({ dueDate: { lt: filter.dueBefore } });
  if (filter?.dueAfter) and.push({ dueDate: { gt: filter.dueAfter } });
  if (filter?.awaitingMyApproval === true) and.push(awaitingApprovalWhere(viewer));
  if (filter?.awaitingMyApproval === false) and.push({ NOT: awaitingApprovalWhere(viewer) });
  const search = filter?.search?.trim();
  if (search) {
    const number = /^#?(\d{1,9})$/.exec(search)?.[1];
    and.push({
      OR: [
        { title: { contains: escapeLike(search), mode: 'insensitive' } },
        { description: { contains: escapeLike(search), mode: 'insensitive' } },
        ...(number ? [{ number: Number(number) }] : []),
      ],
    });
  }
  return { AND: and };
}

/** A total order: every sort ends on the unique number, so cursors are stable. */
export function ticketsOrderBy(order: TicketOrder | null | undefined): Prisma.TicketOrderByWithRelationInput[] {
  const direction = order?.direction === 'ASC' ? 'asc' : 'desc';
  switch (order?.field ?? 'CREATED_AT') {
    case 'UPDATED_AT':
      return [{ updatedAt: direction }, { number: direction }];
    case 'DUE_DATE':
      return [{ dueDate: { sort: direction, nulls: 'last' } }, { number: direction }];
    case 'PRIORITY':
      return [{ priority: direction }, { number: direction }];
    case 'NUMBER':
      return [{ number: direction }];
    case 'CREATED_AT':
      return [{ createdAt: direction }, { number: direction }];
  }
}

/** Assigned to the viewer (or collaborating), open work first, then by deadline. */
/** The viewer's work; `open` true keeps what is still to do, false what is done (DONE_STATUSES), omitted both. */
export function myTasksWhere(viewer: Viewer, open?: boolean | null): Prisma.TicketWhereInput {
  return {
    deletedAt: null,
    OR: [{ assigneeId: viewer.id }, { collaboratorIds: { has: viewer.id } }],
    ...(open === true ? { status: { notIn: [...DONE_STATUSES] } } : open === false ? { status: { in: [...DONE_STATUSES] } } : {}),
  };
}

// Status enum order puts APPROVED and IN_PROGRESS before COMPLETED, CLOSED and REJECTED: open work first.
export const MY_TASKS_ORDER: Prisma.TicketOrderByWithRelationInput[] = [{ status: 'asc' }, { dueDate: { sort: 'asc', nulls: 'last' } }, { number: 'asc' }];
