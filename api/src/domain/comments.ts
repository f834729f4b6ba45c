// How long a thread may grow. Comment.replies lists every reply of a comment (no paging), so a comment's replies
// have a bound, and the query cost prices the list at it.
import { BadInputError } from './errors.ts';

/** The replies one comment may have: a discussion is tens; past this, a new comment starts a new thread. */
export const MAX_REPLIES_PER_COMMENT = 500;

/** BAD_USER_INPUT on parentId once the comment has MAX_REPLIES_PER_COMMENT replies. */
export function checkReplyRoom(existing: number, max: number = MAX_REPLIES_PER_COMMENT): void {
  if (existing >= max) {
    throw new BadInputError(`This comment has ${max} replies, the most a thread can have: write a new comment instead.`, 'parentId');
  }
}
