// Threaded comments with @mentions. A comment does not change the ticket (no version bump, no history
// entry) but is an event and an announcement like any other.
import type { Comment, PrismaClient } from '../db/generated/prisma/client.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import { mentionedUsernames } from '../domain/mentions.ts';
import { canReadTicket } from '../domain/ticket-access.ts';
import { viewerOf, type Viewer } from '../domain/viewer.ts';
import { transition } from '../domain/workflow.ts';
import { announce } from './notifications.ts';
import { createTransactionRunner, factsOf, loadTicketForChange, recordTicketEvent, type EffectsSink } from './ticket-changes.ts';

export const MAX_COMMENT_LENGTH = 10_000;

export function createCommentService({ prisma, sink }: { prisma: PrismaClient; sink: EffectsSink }) {
  const inTransaction = createTransactionRunner(prisma, sink);

  return {
    async add(viewer: Viewer, input: { ticketId: string; body: string; parentId?: string | null }): Promise<Comment> {
      const body = input.body.trim();
      if (!body) throw new BadInputError('body is required.', 'body');
      if (body.length > MAX_COMMENT_LENGTH) throw new BadInputError(`body must be at most ${MAX_COMMENT_LENGTH} characters.`, 'body');
      return inTransaction(async (tx, effects) => {
        const ticket = await loadTicketForChange(tx, input.ticketId);
        const facts = factsOf(ticket);
        // Someone who cannot read the ticket learns nothing about it, not even that it exists.
        if (!canReadTicket(viewer, facts)) throw new NotFoundError('Ticket');
        transition(facts, 'COMMENT', viewer);
        if (input.parentId) {
          const parent = await tx.comment.findUnique({ where: { id: input.parentId }, select: { ticketId: true } });
          if (!parent || parent.ticketId !== ticket.id) throw new BadInputError('parentId is not a comment of this ticket.', 'parentId');
        }
        const usernames = mentionedUsernames(body);
        const mentioned = usernames.length
          ? await tx.user.findMany({ where: { username: { in: usernames }, isActive: true }, select: { id: true, username: true, role: true, departmentId: true, department: { select: { isCreative: true } } } })
          : [];
        const comment = await tx.comment.create({
          data: {
            ticketId: ticket.id,
            authorId: viewer.id,
            parentId: input.parentId ?? null,
            body,
            mentions: { create: mentioned.map((user) => ({ userId: user.id })) },
          },
        });
        await recordTicketEvent(tx, effects, {
          viewer,
          ticket,
          action: 'COMMENT',
          type: 'COMMENTED',
          summary: `${viewer.username} commented on #${ticket.number}`,
          metadata: { number: ticket.number, commentId: comment.id },
        });
        // Mentions notify only people who may read the ticket: a mention is no way around the read rule.
        const readers = mentioned
          .filter((user) =>
            canReadTicket(viewerOf(user), facts),
          )
          .map((user) => user.id);
        const involved = [ticket.requesterId, ticket.assigneeId, ...facts.collaboratorIds].filter(
          (id): id is string => id !== null && !readers.includes(id),
        );
        const target = { id: ticket.id, number: ticket.number, title: ticket.title };
        const excerpt = body.length > 200 ? `${body.slice(0, 200)}…` : body;
        for (const message of [
          { kind: 'MENTIONED' as const, recipientIds: readers, title: `${viewer.username} mentioned you on #${ticket.number}`, groupMessage: false },
          { kind: 'COMMENT_ADDED' as const, recipientIds: involved, title: `${viewer.username} commented on #${ticket.number}`, groupMessage: true },
        ]) {
          if (!message.recipientIds.length && !message.groupMessage) continue;
          const announced = await announce(tx, { ...message, actorId: viewer.id, ticket: target, body: excerpt, mentionUserIds: readers });
          effects.notifications.push(...announced.notificationIds.map((id, index) => ({ id, recipientId: announced.recipientIds[index]! })));
        }
        return comment;
      });
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
