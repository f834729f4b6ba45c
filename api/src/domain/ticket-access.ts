// Who stands in what relation to a ticket. Pure: the same answers decide reads, actions and subscriptions.
import { isAdmin, type Viewer } from './viewer.ts';

import { DONE_STATUSES, TICKET_STATUSES, type TicketStatus } from './vocabulary.ts';

export { DONE_STATUSES, TICKET_STATUSES, type TicketStatus };

/** Past its due date with the work not done (DONE_STATUSES are never overdue). */
export const isOverdue = (ticket: { status: TicketStatus; dueDate: Date | null }, now: Date) =>
  ticket.dueDate !== null && ticket.dueDate.getTime() < now.getTime() && !DONE_STATUSES.includes(ticket.status);

/** What the rules need to know about a ticket; services fill it from the row. */
export type TicketFacts = {
  status: TicketStatus;
  requesterId: string;
  departmentId: string;
  assigneeId: string | null;
  collaboratorIds: readonly string[];
  /** The ticket entered the Creative queue at some point (see schema: reachedCreativeAt). */
  reachedCreative: boolean;
  deleted: boolean;
};

export const isRequester = (viewer: Viewer, ticket: TicketFacts) => ticket.requesterId === viewer.id;
export const isAssignee = (viewer: Viewer, ticket: TicketFacts) => ticket.assigneeId === viewer.id;
export const isCollaborator = (viewer: Viewer, ticket: TicketFacts) => ticket.collaboratorIds.includes(viewer.id);
/** The assignee and collaborators do the work: both may start and complete. */
export const isMaker = (viewer: Viewer, ticket: TicketFacts) => isAssignee(viewer, ticket) || isCollaborator(viewer, ticket);

export const isDepartmentManagerOf = (viewer: Viewer, ticket: TicketFacts) =>
  viewer.role === 'MANAGER' && viewer.departmentId !== null && viewer.departmentId === ticket.departmentId;

export const isCreativeManager = (viewer: Viewer) => viewer.role === 'MANAGER' && viewer.inCreativeDepartment;

/** A manager has authority over a ticket of their department, and (Creative) over everything in the Creative queue. */
export const hasManagerAuthority = (viewer: Viewer, ticket: TicketFacts) =>
  isDepartmentManagerOf(viewer, ticket) || (isCreativeManager(viewer) && ticket.reachedCreative);

/**
 * Read rule of the contract: admins; requester and assignee (and collaborators); managers of the ticket's
 * department; Creative managers once it reached PENDING_CREATIVE. Trashed tickets are read only through trash.
 */
export function canReadTicket(viewer: Viewer, ticket: TicketFacts): boolean {
  if (isAdmin(viewer)) return true;
  return isRequester(viewer, ticket) || isMaker(viewer, ticket) || hasManagerAuthority(viewer, ticket);
}
