import { canReadTicket } from '../../domain/ticket-access.ts';
import { viewerOf } from '../../domain/viewer.ts';
import { FACTS_SELECTION, factsOf } from '../../services/ticket-rows.ts';
import { readableTicketFilter } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { TicketRef } from './ticket.ts';
import { UserRef } from './user.ts';

export const CommentRef = builder.prismaNode('Comment', {
  id: { field: 'id' },
  nullable: true,
  // Reached through node(id:) only when the viewer may read its ticket.
  findUnique: (id, ctx) => ({ id, ticket: readableTicketFilter(ctx.viewer) }),
  fields: (t) => ({
    body: t.exposeString('body'),
    author: t.relation('author'),
    ticket: t.relation('ticket'),
    parent: t.relation('parent', { nullable: true }),
    replies: t.relation('replies', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    mentions: t.field({
      type: [UserRef],
      description: 'Users @mentioned in the body who may read the ticket now.',
      // Judged at read time, like every path to a ticket: a mention names no one who lost (or never had)
      // access. The user rows carry what the read rule needs (role, department), whatever the query selects
      // (User is in select mode: a row has only the columns asked for).
      select: (_args, _ctx, nestedSelection) => ({
        ticket: { select: FACTS_SELECTION },
        mentions: {
          select: {
            user: nestedSelection({ select: { id: true, username: true, role: true, departmentId: true, department: { select: { isCreative: true } } } }),
          },
        },
      }),
      resolve: (comment) => {
        const ticket = factsOf(comment.ticket);
        return comment.mentions.map((mention) => mention.user).filter((user) => canReadTicket(viewerOf(user), ticket));
      },
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
