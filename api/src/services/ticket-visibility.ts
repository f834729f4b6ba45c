// The contract's read rule (domain/ticket-access.ts canReadTicket) as database filters: one for Prisma
// queries, one for raw SQL aggregates. Tests check both agree with the domain rule.
import { Prisma } from '../db/generated/prisma/client.ts';
import type { Viewer } from '../domain/viewer.ts';

/** Tickets the viewer may read, outside the trash. */
export function visibleTicketsWhere(viewer: Viewer): Prisma.TicketWhereInput {
  return { deletedAt: null, ...readableTicketsWhere(viewer) };
}

/**
 * The filter for a relation that leads to a ticket (a notification's, an activity entry's): the ticket as
 * the viewer may read it now, or nothing. No one reads a ticket through a side door.
 */
export function readableTicketFilter(viewer: Viewer | null): Prisma.TicketWhereInput {
  return viewer ? visibleTicketsWhere(viewer) : { id: { in: [] } };
}

/** Tickets the viewer may read, trashed or not (the read rule alone). */
export function readableTicketsWhere(viewer: Viewer): Prisma.TicketWhereInput {
  if (viewer.role === 'ADMIN') return {};
  // collaboratorIds mirrors TicketCollaborator (database trigger): with every branch on an indexed column of
  // Ticket the planner combines the indexes (BitmapOr); `collaborators: { some }` made an EXISTS that turned
  // every count into a sequential scan (≈440 ms against ≈90 ms for a member at 100,000 tickets, loaded machine).
  const readable: Prisma.TicketWhereInput[] = [{ requesterId: viewer.id }, { assigneeId: viewer.id }, { collaboratorIds: { has: viewer.id } }];
  if (viewer.role === 'MANAGER' && viewer.departmentId) readable.push({ departmentId: viewer.departmentId });
  if (viewer.role === 'MANAGER' && viewer.inCreativeDepartment) readable.push({ reachedCreativeAt: { not: null } });
  return { OR: readable };
}

/**
 * The read rule with the reader as a row rather than a viewer: a condition on a "User" alias (`reader`), its
 * "Department" alias (`readerDepartment`, LEFT JOINed: the department may be null) and a "Ticket" alias, for
 * set-based writes that fan out to many readers at once (a webhook delivery per owner who may read the ticket).
 * Trash aside, as readableTicketsWhere: the same branches as canReadTicket.
 */
export function readerMayReadTicketSql(reader: string, readerDepartment: string, ticket: string): Prisma.Sql {
  const [u, d, t] = [reader, readerDepartment, ticket].map((alias) => Prisma.raw(`"${alias}"`));
  return Prisma.sql`(${u}."role" = 'ADMIN'
    OR ${t}."requesterId" = ${u}."id" OR ${t}."assigneeId" = ${u}."id" OR ${t}."collaboratorIds" @> ARRAY[${u}."id"]
    OR (${u}."role" = 'MANAGER' AND ${u}."departmentId" = ${t}."departmentId")
    OR (${u}."role" = 'MANAGER' AND ${d}."isCreative" AND ${t}."reachedCreativeAt" IS NOT NULL))`;
}

/** The same rule as a SQL condition on an alias of "Ticket" (default t). */
export function visibleTicketsSql(viewer: Viewer, alias = 't'): Prisma.Sql {
  const notTrashed = Prisma.sql`${Prisma.raw(`"${alias}"`)}."deletedAt" IS NULL`;
  if (viewer.role === 'ADMIN') return notTrashed;
  const personal = personalTicketsSql(viewer, alias);
  const authority = authorityCellsSql(viewer, ticketCellColumns(alias));
  return Prisma.sql`${notTrashed} AND ${authority ? Prisma.sql`(${personal} OR ${authority})` : personal}`;
}

/**
 * The same rule as visibleTicketsSql, shaped for aggregates over a range of tickets of a viewer who reads most of
 * the table (a Creative manager reads every ticket that reached Creative: ≈90 %), as analytics does. OR-ing index
 * bitmaps that cover most of the table costs more than reading it once, so every branch here is a plain filter:
 * the most common one first (OR stops at the first true one), the collaborator branch a hashed subplan.
 */
export function visibleTicketsScanSql(viewer: Viewer, alias = 't'): Prisma.Sql {
  const t = Prisma.raw(`"${alias}"`);
  const notTrashed = Prisma.sql`${t}."deletedAt" IS NULL`;
  if (viewer.role === 'ADMIN') return notTrashed;
  const readable: Prisma.Sql[] = [];
  if (viewer.role === 'MANAGER' && viewer.inCreativeDepartment) readable.push(Prisma.sql`${t}."reachedCreativeAt" IS NOT NULL`);
  if (viewer.role === 'MANAGER' && viewer.departmentId) readable.push(Prisma.sql`${t}."departmentId" = ${viewer.departmentId}::uuid`);
  readable.push(
    Prisma.sql`${t}."requesterId" = ${viewer.id}::uuid`,
    Prisma.sql`${t}."assigneeId" = ${viewer.id}::uuid`,
    Prisma.sql`${t}."id" IN (SELECT c."ticketId" FROM "TicketCollaborator" c WHERE c."userId" = ${viewer.id}::uuid)`,
  );
  return Prisma.sql`${notTrashed} AND (${Prisma.join(readable, ' OR ')})`;
}

/**
 * The tickets a viewer reads through a personal tie: as requester, assignee or collaborator. A condition on an
 * alias of "Ticket", served by the indexes of the three columns (a BitmapOr).
 */
export function personalTicketsSql(viewer: Viewer, alias = 't'): Prisma.Sql {
  const t = Prisma.raw(`"${alias}"`);
  // The collaborator branch on collaboratorIds (TicketCollaborator's mirror, kept by a trigger) through its GIN
  // index: one index lookup. An EXISTS on TicketCollaborator turned counts into sequential scans (68 ms against
  // 3 ms at 100k tickets); id = ANY(ARRAY(subquery)) used the indexes but probed the primary key once per
  // collaboration (4,700 for a member at 1,000,000 tickets: 14,000 buffers, 26,000 against 12,000 for the count).
  return Prisma.sql`(${t}."requesterId" = ${viewer.id}::uuid OR ${t}."assigneeId" = ${viewer.id}::uuid OR ${t}."collaboratorIds" @> ARRAY[${viewer.id}::uuid])`;
}

/** The two facts of a ticket the rest of the read rule looks at, as SQL over some table's columns. */
export type CellColumns = { departmentId: Prisma.Sql; reachedCreative: Prisma.Sql };

/** The cell columns of an alias of "Ticket". */
export function ticketCellColumns(alias = 't'): CellColumns {
  const t = Prisma.raw(`"${alias}"`);
  return { departmentId: Prisma.sql`${t}."departmentId"`, reachedCreative: Prisma.sql`(${t}."reachedCreativeAt" IS NOT NULL)` };
}

/**
 * The rest of the read rule, which looks only at a ticket's department and whether it reached the Creative
 * queue: an admin reads every ticket, a manager those of their department, a Creative manager also every ticket
 * in the Creative queue. Whole cells of the dashboard counters (TicketCounter, keyed by those two facts) are in
 * or out by it. null when the viewer reads nothing this way (members: only the personal tie).
 */
export function authorityCellsSql(viewer: Viewer, cell: CellColumns): Prisma.Sql | null {
  if (viewer.role === 'ADMIN') return Prisma.sql`TRUE`;
  if (viewer.role !== 'MANAGER') return null;
  const branches: Prisma.Sql[] = [];
  if (viewer.departmentId) branches.push(Prisma.sql`${cell.departmentId} = ${viewer.departmentId}::uuid`);
  if (viewer.inCreativeDepartment) branches.push(cell.reachedCreative);
  return branches.length ? Prisma.sql`(${Prisma.join(branches, ' OR ')})` : null;
}

/**
 * Trashed tickets the viewer finds in the trash (domain/workflow.ts seesInTrash): admins all, managers those they
 * have authority over (they may restore them), and each requester the requests they deleted themselves (to see
 * them, not to restore them).
 */
export function trashedTicketsWhere(viewer: Viewer): Prisma.TicketWhereInput {
  if (viewer.role === 'ADMIN') return { deletedAt: { not: null } };
  const seen: Prisma.TicketWhereInput[] = [{ requesterId: viewer.id, deletedById: viewer.id }];
  if (viewer.role === 'MANAGER' && viewer.departmentId) seen.push({ departmentId: viewer.departmentId });
  if (viewer.role === 'MANAGER' && viewer.inCreativeDepartment) seen.push({ reachedCreativeAt: { not: null } });
  return { deletedAt: { not: null }, OR: seen };
}
