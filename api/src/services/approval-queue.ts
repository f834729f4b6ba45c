// The tickets waiting for the viewer's decision (domain/approval-queue.ts: read off the workflow table) as
// database filters: one for Prisma queries, one for SQL over an alias of "Ticket". Both go beside the read rule,
// never instead of it. Served by the Ticket(departmentId, status) and Ticket(status) indexes.
import { Prisma } from '../db/generated/prisma/client.ts';
import { approvalScopes } from '../domain/approval-queue.ts';
import type { Viewer } from '../domain/viewer.ts';

/** Tickets in one of the viewer's approval scopes; nothing for someone who approves nothing. */
export function awaitingApprovalWhere(viewer: Viewer): Prisma.TicketWhereInput {
  const scopes = approvalScopes(viewer);
  if (scopes.length === 0) return { id: { in: [] } };
  return { OR: scopes.map(({ status, departmentId }) => (departmentId ? { status, departmentId } : { status })) };
}

/** The same filter as SQL over the alias (default t); FALSE for someone who approves nothing. */
export function awaitingApprovalSql(viewer: Viewer, alias = 't'): Prisma.Sql {
  const t = Prisma.raw(`"${alias}"`);
  const scopes = approvalScopes(viewer).map(({ status, departmentId }) => {
    const atStatus = Prisma.sql`${t}."status" = ${status}::"TicketStatus"`;
    return departmentId ? Prisma.sql`(${atStatus} AND ${t}."departmentId" = ${departmentId}::uuid)` : atStatus;
  });
  return scopes.length ? Prisma.sql`(${Prisma.join(scopes, ' OR ')})` : Prisma.sql`FALSE`;
}
