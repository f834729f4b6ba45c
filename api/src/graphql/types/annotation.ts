// Proofing annotations: the type, its place on Attachment (annotations, versions) and Comment (annotation),
// and the three mutations. The rules are the domain's (domain/annotations.ts); the service writes.
import { canChangeAnnotationState } from '../../domain/annotations.ts';
import { canReadTicket } from '../../domain/ticket-access.ts';
import { ANNOTATION_SHAPES, ANNOTATION_STATES } from '../../domain/vocabulary.ts';
import { FACTS_SELECTION, factsOf } from '../../services/ticket-rows.ts';
import { readableTicketFilter } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { AttachmentRef } from './attachment.ts';
import { CommentRef } from './comment.ts';

export const AnnotationShapeEnum = builder.enumType('AnnotationShape', {
  description: 'PIN: a point. RECT: a box (width, height). ARROW: points x1, y1, x2, y2. FREEHAND: points as x, y pairs.',
  values: ANNOTATION_SHAPES,
});

export const AnnotationStateEnum = builder.enumType('AnnotationState', { values: ANNOTATION_STATES });

export const AnnotationRef = builder.prismaNode('Annotation', {
  id: { field: 'id' },
  nullable: true,
  description: 'A comment thread pinned to a spot of one version of an image, or of a page of a PDF.',
  // Reached through node(id:) only when the viewer may read its ticket (and its file is still there).
  findUnique: (id, ctx) => ({ id, attachment: { deletedAt: null, ticket: readableTicketFilter(ctx.viewer) } }),
  fields: (t) => ({
    attachment: t.relation('attachment', { description: 'The file version it is on.' }),
    number: t.exposeInt('number', { description: "1, 2, 3, … per file version, in the order added: the marker's label." }),
    page: t.exposeInt('page', { nullable: true, description: '1-based page of a PDF; null on images.' }),
    shape: t.expose('shape', { type: AnnotationShapeEnum }),
    x: t.exposeFloat('x', { description: 'From the left edge, 0–1 of the image or page width.' }),
    y: t.exposeFloat('y', { description: 'From the top edge, 0–1 of the image or page height.' }),
    width: t.exposeFloat('width', { nullable: true, description: 'RECT only, 0–1.' }),
    height: t.exposeFloat('height', { nullable: true, description: 'RECT only, 0–1.' }),
    points: t.exposeFloatList('points', { description: 'ARROW: x1, y1, x2, y2; FREEHAND: x, y pairs; empty otherwise. All 0–1.' }),
    comment: t.relation('comment', { description: "The thread's first comment: its author, body, mentions and replies." }),
    state: t.expose('state', { type: AnnotationStateEnum }),
    resolvedBy: t.relation('resolvedBy', { nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    viewerCanResolve: t.boolean({
      description: 'Whether resolveAnnotation / reopenAnnotation would accept it from the viewer now.',
      select: { comment: { select: { authorId: true } }, attachment: { select: { ticket: { select: FACTS_SELECTION } } } },
      resolve: (annotation, _args, ctx) => {
        if (!ctx.viewer) return false;
        const ticket = factsOf(annotation.attachment.ticket);
        return !ticket.deleted && canReadTicket(ctx.viewer, ticket) && canChangeAnnotationState(ctx.viewer, ticket, annotation.comment.authorId);
      },
    }),
  }),
});

builder.prismaObjectFields(AttachmentRef, (t) => ({
  annotations: t.relation('annotations', {
    description: 'Annotations on this version, by number.',
    args: { state: t.arg({ type: AnnotationStateEnum, description: 'Only open, or only resolved, ones.' }) },
    query: (args) => ({ where: args.state ? { state: args.state } : {}, orderBy: [{ number: 'asc' }] }),
  }),
  versions: t.prismaField({
    type: ['Attachment'],
    description: 'Every version of the same name on the same ticket (removed ones left out), oldest first.',
    select: { ticketId: true, fileName: true },
    resolve: (query, attachment, _args, ctx) =>
      ctx.prisma.attachment.findMany({
        ...query,
        where: { ticketId: attachment.ticketId, fileName: attachment.fileName, deletedAt: null },
        orderBy: [{ version: 'asc' }],
      }),
  }),
}));

builder.prismaObjectField(CommentRef, 'annotation', (t) =>
  t.relation('annotation', { nullable: true, description: 'The annotation this comment opens (its thread root); null for plain comments and replies.' }),
);

const AddAnnotationInput = builder.inputType('AddAnnotationInput', {
  fields: (t) => ({
    attachmentId: t.globalID({ for: AttachmentRef, required: true, description: 'An image (PNG, JPEG, WebP, GIF) or a PDF.' }),
    page: t.int({ description: 'PDFs only: the page, 1 for the first.' }),
    shape: t.field({ type: AnnotationShapeEnum, required: true }),
    x: t.float({ required: true }),
    y: t.float({ required: true }),
    width: t.float({ description: 'RECT only.' }),
    height: t.float({ description: 'RECT only.' }),
    points: t.floatList({ description: 'ARROW: x1, y1, x2, y2. FREEHAND: x, y pairs (2 to 2,000 numbers).' }),
    body: t.string({ required: true, description: "The thread's first comment; @username mentions notify as in comments." }),
  }),
});

const AnnotationPayload = builder.simpleObject('AnnotationPayload', {
  fields: (t) => ({ annotation: t.field({ type: AnnotationRef, nullable: false }) }),
});

builder.mutationField('addAnnotation', (t) =>
  t.field({
    type: AnnotationPayload,
    description: 'Pins a comment to a spot of an attachment: whoever may comment on the ticket may.',
    args: { input: t.arg({ type: AddAnnotationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { attachmentId, ...figure } = input;
      return { annotation: await ctx.services.annotations.add(requireViewer(ctx), { ...figure, attachmentId: attachmentId.id }) };
    },
  }),
);

const ResolveAnnotationInput = builder.inputType('ResolveAnnotationInput', {
  fields: (t) => ({ id: t.globalID({ for: AnnotationRef, required: true }) }),
});

const ReopenAnnotationInput = builder.inputType('ReopenAnnotationInput', {
  fields: (t) => ({ id: t.globalID({ for: AnnotationRef, required: true }) }),
});

builder.mutationField('resolveAnnotation', (t) =>
  t.field({
    type: AnnotationPayload,
    description: "Its author, the ticket's assignee, a manager with authority or an admin. CONFLICT when it is resolved already.",
    args: { input: t.arg({ type: ResolveAnnotationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ annotation: await ctx.services.annotations.resolve(requireViewer(ctx), input.id.id) }),
  }),
);

builder.mutationField('reopenAnnotation', (t) =>
  t.field({
    type: AnnotationPayload,
    description: 'Who may resolve may reopen. CONFLICT when it is open already.',
    args: { input: t.arg({ type: ReopenAnnotationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ annotation: await ctx.services.annotations.reopen(requireViewer(ctx), input.id.id) }),
  }),
);
