// Which tickets wait for a viewer's decision (approve or reject), read off the workflow table: for every status
// the APPROVE rules start from, decide() is asked about a ticket of the viewer's own department and one of
// another department. The answer is the table's; no list of who approves what is kept here.
import type { TicketFacts, TicketStatus } from './ticket-access.ts';
import type { Viewer } from './viewer.ts';
import { decide, statusesAllowing } from './workflow.ts';

/** Tickets at `status` wait for the viewer's decision: of `departmentId` only, or (null) of every department. */
export type ApprovalScope = { status: TicketStatus; departmentId: string | null };

/** A live ticket at `status` in `departmentId` that ties the viewer to nothing personally (the queue is by role). */
function probe(viewer: Viewer, status: TicketStatus, departmentId: string, reachedCreative: boolean): TicketFacts {
  const someoneElse = `${viewer.id}:someone-else`;
  return { status, requesterId: someoneElse, departmentId, assigneeId: null, collaboratorIds: [], reachedCreative, deleted: false };
}

/**
 * The statuses (and, where the rule looks at the department, the department) at which the workflow lets the
 * viewer approve, so the tickets there wait for them. Empty for anyone who approves nothing (members).
 */
export function approvalScopes(viewer: Viewer): ApprovalScope[] {
  const otherDepartment = `${viewer.departmentId ?? ''}:another-department`;
  return statusesAllowing('APPROVE').flatMap((status): ApprovalScope[] => {
    // Whether the Creative queue was reached does not change who approves; both are asked so it may not.
    const mayApprove = (departmentId: string) =>
      [false, true].every((reachedCreative) => decide(probe(viewer, status, departmentId, reachedCreative), 'APPROVE', viewer).ok);
    const own = viewer.departmentId === null ? null : mayApprove(viewer.departmentId);
    if (own !== false && mayApprove(otherDepartment)) return [{ status, departmentId: null }];
    return own && viewer.departmentId ? [{ status, departmentId: viewer.departmentId }] : [];
  });
}
