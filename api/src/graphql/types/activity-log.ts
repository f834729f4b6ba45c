import { activityWhere } from '../../services/activity.ts';
import { readableTicketFilter } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { TicketEventTypeEnum } from './enums.ts';
import { TicketRef } from './ticket.ts';
import { UserRef } from './user.ts';

export const ActivityLogEntryRef = builder.prismaObject('ActivityLog', {
  name: 'ActivityLogEntry',
  fields: (t) => ({
    id: t.string({ description: 'Increasing; the same id is the realtime eventId.', resolve: (entry) => entry.id.toString() }),
    action: t.exposeString('action'),
    eventType: t.expose('eventType', { type: TicketEventTypeEnum, nullable: true }),
    summary: t.exposeString('summary', {
      description: 'What happened, in one sentence that starts with the actor\'s username: "mia approved #12 for its department; waiting for Creative".',
    }),
    actor: t.relation('actor', { nullable: true }),
    ticket: t.relation('ticket', {
      nullable: true,
      description: 'Null once the ticket is out of your reach: trashed, purged, or no longer readable by you.',
      query: (_args, ctx) => ({ where: readableTicketFilter(ctx.viewer) }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ActivityFilter = builder.inputType('ActivityFilter', {
  fields: (t) => ({
    ticketId: t.globalID({ for: TicketRef }),
    actorId: t.globalID({ for: UserRef }),
    since: t.field({ type: 'DateTime' }),
    until: t.field({ type: 'DateTime' }),
  }),
});

builder.queryField('activityLog', (t) =>
  t.prismaConnection({
    type: ActivityLogEntryRef,
    cursor: 'id',
    description: 'Newest first. Admins see everything; others their own actions and actions on tickets they may read.',
    args: { filter: t.arg({ type: ActivityFilter }) },
    totalCount: (_connection, args, ctx) => ctx.prisma.activityLog.count({ where: activityWhere(requireViewer(ctx), filterOf(args.filter)) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.activityLog.findMany({ ...query, where: activityWhere(requireViewer(ctx), filterOf(args.filter)), orderBy: { id: 'desc' } }),
  }),
);

function filterOf(filter: (typeof ActivityFilter)['$inferInput'] | null | undefined) {
  return filter ? { ...filter, ticketId: filter.ticketId?.id ?? null, actorId: filter.actorId?.id ?? null } : null;
}
