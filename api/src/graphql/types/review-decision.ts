// Review decisions: the type, Ticket.reviewDecisions and recordReviewDecision. The rules are the domain's
// (domain/review-decisions.ts); the service writes, and runs the workflow step a requester's decision is.
import { canRecordDecision } from '../../domain/review-decisions.ts';
import { REVIEW_VERDICTS } from '../../domain/vocabulary.ts';
import { FACTS_SELECTION, factsOf } from '../../services/ticket-rows.ts';
import { readableTicketFilter } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { AttachmentRef } from './attachment.ts';
import { TicketRef } from './ticket.ts';

export const ReviewVerdictEnum = builder.enumType('ReviewVerdict', { values: REVIEW_VERDICTS });

export const ReviewDecisionRef = builder.prismaNode('ReviewDecision', {
  id: { field: 'id' },
  nullable: true,
  description: "A reviewer's verdict on one version of a file. Decisions are never edited: a later one replaces it.",
  findUnique: (id, ctx) => ({ id, ticket: readableTicketFilter(ctx.viewer) }),
  fields: (t) => ({
    attachment: t.relation('attachment', { description: 'The file version decided on.' }),
    reviewer: t.relation('reviewer'),
    verdict: t.expose('verdict', { type: ReviewVerdictEnum }),
    note: t.exposeString('note', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectFields(TicketRef, (t) => ({
  reviewDecisions: t.field({
    type: [ReviewDecisionRef],
    description: "For each file name, on its latest version: each reviewer's latest decision, oldest first.",
    select: { id: true },
    resolve: (ticket, _args, ctx) => ctx.services.reviewDecisions.latestForTicket(ticket.id),
  }),
}));

builder.prismaObjectFields(AttachmentRef, (t) => ({
  viewerCanDecide: t.boolean({
    description: 'Whether recordReviewDecision would take a decision on this file from the viewer now: a reviewer of its ticket, on its latest version.',
    select: { ticketId: true, fileName: true, version: true, ticket: { select: FACTS_SELECTION } },
    resolve: async (attachment, _args, ctx) => {
      if (!ctx.viewer) return false;
      const ticket = factsOf(attachment.ticket);
      if (!canRecordDecision(ctx.viewer, ticket, attachment, attachment.version)) return false;
      const latest = await ctx.prisma.attachment.aggregate({
        where: { ticketId: attachment.ticketId, fileName: attachment.fileName, deletedAt: null },
        _max: { version: true },
      });
      return canRecordDecision(ctx.viewer, ticket, attachment, latest._max.version);
    },
  }),
}));

const RecordReviewDecisionInput = builder.inputType('RecordReviewDecisionInput', {
  fields: (t) => ({
    attachmentId: t.globalID({ for: AttachmentRef, required: true, description: 'The latest version of the file (an earlier one is CONFLICT).' }),
    verdict: t.field({ type: ReviewVerdictEnum, required: true }),
    note: t.string({ description: 'CHANGES_REQUESTED needs a note or at least one open annotation on the version.' }),
  }),
});

const RecordReviewDecisionPayload = builder.objectRef<{ decision: { id: string }; ticket: { id: string } }>('RecordReviewDecisionPayload').implement({
  fields: (t) => ({
    decision: t.prismaField({
      type: ReviewDecisionRef,
      nullable: false,
      resolve: (query, payload, _args, ctx) => ctx.prisma.reviewDecision.findUniqueOrThrow({ ...query, where: { id: payload.decision.id } }),
    }),
    ticket: t.prismaField({
      type: TicketRef,
      nullable: false,
      description: 'The ticket after the decision: IN_PROGRESS after a revision request, CLOSED after a confirmation, else as it was.',
      resolve: (query, payload, _args, ctx) => ctx.prisma.ticket.findUniqueOrThrow({ ...query, where: { id: payload.ticket.id } }),
    }),
  }),
});

builder.mutationField('recordReviewDecision', (t) =>
  t.field({
    type: RecordReviewDecisionPayload,
    description:
      "Records a reviewer's decision on the latest version of a file (requester, collaborators, managers with authority, admins). " +
      "The requester's decision on a COMPLETED ticket is also its workflow step: CHANGES_REQUESTED the revision request (the open " +
      'annotations listed in its reason), APPROVED the confirmation (→ CLOSED). In any other state the decision is recorded only.',
    args: { input: t.arg({ type: RecordReviewDecisionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.reviewDecisions.record(requireViewer(ctx), { attachmentId: input.attachmentId.id, verdict: input.verdict, note: input.note ?? null }),
  }),
);
