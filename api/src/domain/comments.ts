// How a thread may grow. Comment.replies lists every reply of a comment (no paging), so a comment's replies have a
// bound. The query cost does not price that list: honest pricing needs paged replies, which the web does not do
// yet. The bound keeps the worst case to 100 comments × 100 replies in one request.
import { BadInputError } from './errors.ts';

/** The replies one comment may have: a discussion is tens; past this, a new comment starts a new thread. */
export const MAX_REPLIES_PER_COMMENT = 100;

/** The comment a reply answers, as the service read it. */
export type ReplyParent = { ticketId: string; parentId: string | null; replies: number };

/**
 * BAD_USER_INPUT on parentId unless the parent is a comment of this ticket that is not itself a reply (the web
 * shows one level of replies: a reply to a reply, and its @mention notices, would be invisible) and has room.
 */
export function checkReplyParent(parent: ReplyParent | null, ticketId: string): asserts parent is ReplyParent {
  if (!parent || parent.ticketId !== ticketId) throw new BadInputError('parentId is not a comment of this ticket.', 'parentId');
  if (parent.parentId !== null) throw new BadInputError('Reply to the comment itself: replies do not nest.', 'parentId');
  checkReplyRoom(parent.replies);
}

/** BAD_USER_INPUT on parentId once the comment has MAX_REPLIES_PER_COMMENT replies. */
export function checkReplyRoom(existing: number, max: number = MAX_REPLIES_PER_COMMENT): void {
  if (existing >= max) {
    throw new BadInputError(`This comment has ${max} replies, the most a thread can have: write a new comment instead.`, 'parentId');
  }
}
