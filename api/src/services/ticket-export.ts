// The rows of a ticket export, read in batches: the same filter and order as the `tickets` list (ticketsWhere,
// ticketsOrderBy), walked by a cursor on the unique number, so an export of 100,000 tickets holds one batch in
// memory at a time.
import type { Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import type { Viewer } from '../domain/viewer.ts';
import { type TicketFilter, ticketsOrderBy, ticketsWhere } from './ticket-queries.ts';

const BATCH = 500;

const EXPORT_SELECT = {
  id: true,
  number: true,
  title: true,
  status: true,
  priority: true,
  requestType: true,
  criteria: true,
  quantity: true,
  revisionCount: true,
  dueDate: true,
  createdAt: true,
  deptApprovedAt: true,
  creativeApprovedAt: true,
  assignedAt: true,
  startedAt: true,
  completedAt: true,
  closedAt: true,
  department: { select: { name: true } },
  requester: { select: { displayName: true } },
  assignee: { select: { displayName: true } },
} as const;

export type ExportRow = Prisma.TicketGetPayload<{ select: typeof EXPORT_SELECT }>;

/** How many rows an export of this filter writes (its price is counted in rows). */
export function countExportTickets(prisma: PrismaClient, viewer: Viewer, filter: TicketFilter, now = new Date()): Promise<number> {
  return prisma.ticket.count({ where: ticketsWhere(viewer, filter, now) });
}

export async function* exportTickets(prisma: PrismaClient, viewer: Viewer, filter: TicketFilter, now = new Date()) {
  // One instant for the whole export, so `overdue` means the same on its first and last row.
  const where = ticketsWhere(viewer, filter, now);
  const orderBy = ticketsOrderBy(null);
  let after: number | null = null;
  for (;;) {
    const page: Pick<Prisma.TicketFindManyArgs, 'cursor' | 'skip'> = after === null ? {} : { cursor: { number: after }, skip: 1 };
    const batch: ExportRow[] = await prisma.ticket.findMany({ where, orderBy, take: BATCH, ...page, select: EXPORT_SELECT });
    if (batch.length) yield batch;
    const last: ExportRow | undefined = batch[batch.length - 1];
    if (batch.length < BATCH || !last) return;
    after = last.number;
  }
}
