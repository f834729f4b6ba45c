import type { Context } from '../../context.ts';
import { BadInputError } from '../../domain/errors.ts';
import type { DeliveredTicketEvent } from '../../realtime/ticket-event-stream.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { AnnotationRef } from './annotation.ts';
import { DepartmentRef } from './department.ts';
import { TicketEventTypeEnum } from './enums.ts';
import { ReviewDecisionRef } from './review-decision.ts';
import { TicketRef } from './ticket.ts';
import { UserRef } from './user.ts';

/** An id the event's activity log entry names in its metadata (annotationId, decisionId), or null. */
async function subjectOf(ctx: Context, event: DeliveredTicketEvent, key: 'annotationId' | 'decisionId'): Promise<string | null> {
  if (event.type === 'REFETCH') return null;
  const entry = await ctx.prisma.activityLog.findUnique({ where: { id: BigInt(event.eventId) }, select: { metadata: true } });
  const value = (entry?.metadata as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value : null;
}

const TicketEventRef = builder.objectRef<DeliveredTicketEvent>('TicketEvent').implement({
  description: 'Something happened to a ticket the subscriber may read. Pass the last eventId as afterEventId to resume.',
  fields: (t) => ({
    eventId: t.exposeString('eventId', { description: 'Increasing; durable (the activity log id).' }),
    type: t.field({ type: TicketEventTypeEnum, resolve: (event) => event.type }),
    ticket: t.field({
      type: TicketRef,
      nullable: true,
      description: 'The ticket as it is now, with the same field rules as queries. Null only for REFETCH.',
      resolve: (event) => event.ticket,
    }),
    actor: t.field({ type: UserRef, nullable: true, resolve: (event) => event.actor }),
    // The event is delivered only to readers of its ticket, and these belong to the ticket.
    annotation: t.field({
      type: AnnotationRef,
      nullable: true,
      description: 'ANNOTATION_ADDED, ANNOTATION_RESOLVED, ANNOTATION_REOPENED: the annotation as it is now; null for other events.',
      resolve: async (event, _args, ctx) => {
        if (!event.type.startsWith('ANNOTATION_')) return null;
        const id = await subjectOf(ctx, event, 'annotationId');
        return id ? ctx.prisma.annotation.findUnique({ where: { id } }) : null;
      },
    }),
    reviewDecision: t.field({
      type: ReviewDecisionRef,
      nullable: true,
      description: 'DECISION_RECORDED: the decision; null for other events.',
      resolve: async (event, _args, ctx) => {
        if (event.type !== 'DECISION_RECORDED') return null;
        const id = await subjectOf(ctx, event, 'decisionId');
        return id ? ctx.prisma.reviewDecision.findUnique({ where: { id } }) : null;
      },
    }),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
  }),
});

const TicketEventFilter = builder.inputType('TicketEventFilter', {
  fields: (t) => ({
    ticketIds: t.globalIDList({ for: TicketRef }),
    departmentId: t.globalID({ for: DepartmentRef }),
    types: t.field({ type: [TicketEventTypeEnum] }),
    mine: t.boolean({ description: 'Only tickets you requested, are assigned to or collaborate on.' }),
  }),
});

builder.subscriptionField('ticketEvents', (t) =>
  t.field({
    type: TicketEventRef,
    description:
      'Ticket events the viewer may read. With afterEventId, first the events missed since then (at most 500; beyond that one REFETCH event), then live ones.',
    args: {
      filter: t.arg({ type: TicketEventFilter }),
      afterEventId: t.arg.string(),
    },
    subscribe: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      if (args.afterEventId != null && !/^\d{1,19}$/.test(args.afterEventId)) {
        throw new BadInputError('afterEventId must be an eventId received earlier.', 'afterEventId');
      }
      const filter = args.filter
        ? {
            ticketIds: args.filter.ticketIds?.map((id) => id.id) ?? null,
            departmentId: args.filter.departmentId?.id ?? null,
            types: args.filter.types?.filter((type) => type !== 'REFETCH') ?? null,
            mine: args.filter.mine ?? null,
          }
        : null;
      return ctx.realtime.ticketEvents(viewer, filter, args.afterEventId ?? null);
    },
    resolve: (event, _args, ctx) => {
      // REFETCH is made up on the spot; only real events have a commit time to measure from.
      if (event.type !== 'REFETCH') ctx.realtime.eventDelivered(event);
      return event;
    },
  }),
);
