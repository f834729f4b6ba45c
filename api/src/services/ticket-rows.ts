// The read-side shapes of a ticket row: what the workflow rules, snapshots and GraphQL fields read. The write
// path and readers (GraphQL types, realtime) both import these from here, so reading a row never pulls in
// the write path.
import type { Prisma } from '../db/generated/prisma/client.ts';
import type { TicketFacts } from '../domain/ticket-access.ts';
import { snapshotOf, type TicketSnapshot } from '../domain/ticket-snapshot.ts';

export const TICKET_WITH_COLLABORATORS = { collaborators: { select: { userId: true } } } satisfies Prisma.TicketInclude;
export type TicketRow = Prisma.TicketGetPayload<{ include: typeof TICKET_WITH_COLLABORATORS }>;

/** The columns the workflow rules read; a GraphQL field that needs them selects exactly these. */
export const FACTS_SELECTION = {
  status: true,
  requesterId: true,
  departmentId: true,
  assigneeId: true,
  reachedCreativeAt: true,
  deletedAt: true,
  // The column the database keeps equal to TicketCollaborator (trigger; collaborator-ids.test.ts), not the
  // relation: a column merges with whatever else a query selects, where a second selection of the
  // collaborators relation (the ticket page's collaborators field) made Pothos read the ticket a second time.
  collaboratorIds: true,
} as const satisfies Prisma.TicketSelect;

export function factsOf(row: Prisma.TicketGetPayload<{ select: typeof FACTS_SELECTION }>): TicketFacts {
  return {
    status: row.status,
    requesterId: row.requesterId,
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    collaboratorIds: row.collaboratorIds,
    reachedCreative: row.reachedCreativeAt !== null,
    deleted: row.deletedAt !== null,
  };
}

export function snapshotOfRow(row: TicketRow): TicketSnapshot {
  return snapshotOf({ ...row, collaboratorIds: row.collaborators.map((collaborator) => collaborator.userId) });
}
