import { visibleTicketsWhere as visibleTicket } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { TicketRef } from './ticket.ts';
import { UserRef } from './user.ts';

export const CommentRef = builder.prismaNode('Comment', {
  id: { field: 'id' },
  nullable: true,
  // Reached through node(id:) only when the viewer may read its ticket.
  findUnique: (id, ctx) => ({ id, ticket: ctx.viewer ? visibleTicket(ctx.viewer) : { id: { in: [] } } }),
  fields: (t) => ({
    body: t.exposeString('body'),
    author: t.relation('author'),
    ticket: t.relation('ticket'),
    parent: t.relation('parent', { nullable: true }),
    replies: t.relation('replies', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    mentions: t.field({
      type: [UserRef],
      description: 'Users @mentioned in the body.',
      select: (_args, _ctx, nestedSelection) => ({ mentions: { select: { user: nestedSelection(true) } } }),
      resolve: (comment) => comment.mentions.map((mention) => mention.user),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const AddCommentInput = builder.inputType('AddCommentInput', {
  fields: (t) => ({
    ticketId: t.globalID({ for: TicketRef, required: true }),
    body: t.string({ required: true, description: 'Markdown-free text; @username mentions notify people who may read the ticket.' }),
    parentId: t.globalID({ for: CommentRef, description: 'Reply to this comment.' }),
  }),
});

const CommentPayload = builder.simpleObject('CommentPayload', {
  fields: (t) => ({ comment: t.field({ type: CommentRef }) }),
});

builder.mutationField('addComment', (t) =>
  t.field({
    type: CommentPayload,
    args: { input: t.arg({ type: AddCommentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      comment: await ctx.services.comments.add(requireViewer(ctx), {
        ticketId: input.ticketId.id,
        body: input.body,
        parentId: input.parentId?.id ?? null,
      }),
    }),
  }),
);
