// Threaded comments with @mentions. A comment does not change the ticket (no version bump, no history
// entry) but is an event and an announcement like any other: the COMMENT action of the ticket pipeline.
import type { Comment, PrismaClient } from '../db/generated/prisma/client.ts';
import { BadInputError } from '../domain/errors.ts';
import type { Viewer } from '../domain/viewer.ts';
import { COMMENT } from './ticket-actions.ts';
import type { EffectsSink } from './ticket-changes.ts';
import { createTicketPipeline } from './ticket-pipeline.ts';

export const MAX_COMMENT_LENGTH = 10_000;

/** A comment's text as stored (an annotation's too): trimmed, present, within the limit; or BAD_USER_INPUT. */
export function commentBody(text: string): string {
  const body = text.trim();
  if (!body) throw new BadInputError('body is required.', 'body');
  if (body.length > MAX_COMMENT_LENGTH) throw new BadInputError(`body must be at most ${MAX_COMMENT_LENGTH} characters.`, 'body');
  return body;
}

export function createCommentService({ prisma, sink }: { prisma: PrismaClient; sink: EffectsSink }) {
  const pipeline = createTicketPipeline(prisma, sink);

  return {
    async add(viewer: Viewer, input: { ticketId: string; body: string; parentId?: string | null }): Promise<Comment> {
      const body = commentBody(input.body);
      const { comments } = await pipeline.run(COMMENT, viewer, { id: input.ticketId, body, parentId: input.parentId });
      const [comment] = comments;
      if (!comment) throw new Error('The COMMENT plan writes its comment.');
      return comment;
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
