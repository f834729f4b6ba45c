// The append-only activity log: admins see all of it; others see their own actions and actions on tickets
// they may read.
import type { Prisma } from '../db/generated/prisma/client.ts';
import { isAdmin, type Viewer } from '../domain/viewer.ts';
import { visibleTicketsWhere } from './ticket-visibility.ts';

export type ActivityFilter = {
  ticketId?: string | null;
  actorId?: string | null;
  since?: Date | null;
  until?: Date | null;
};

export function activityWhere(viewer: Viewer, filter: ActivityFilter | null | undefined): Prisma.ActivityLogWhereInput {
  const and: Prisma.ActivityLogWhereInput[] = [];
  if (!isAdmin(viewer)) and.push({ OR: [{ actorId: viewer.id }, { ticket: visibleTicketsWhere(viewer) }] });
  if (filter?.ticketId) and.push({ ticketId: filter.ticketId });
  if (filter?.actorId) and.push({ actorId: filter.actorId });
  if (filter?.since) and.push({ createdAt: { gte: filter.since } });
  if (filter?.until) and.push({ createdAt: { lt: filter.until } });
  return { AND: and };
}
