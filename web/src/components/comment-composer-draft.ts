// An unposted comment, kept per person and per place (a ticket's new comment, a reply to one comment, an
// annotation on one file) so going to the board and pressing Back, a reload or a closed tab does not lose it.
// localStorage outlives the tab, so drafts expire after a week and only the newest few are kept.
import { readDraft, removeDraft, sweepDrafts, writeDraft } from '../lib/stored-draft';

const PREFIX = 'juan365.comment-draft.';
export const COMMENT_DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Drafts kept per browser, newest first; older ones are dropped when a composer opens. */
export const COMMENT_DRAFTS_KEPT = 50;
/** The API's MAX_COMMENT_LENGTH: more than this cannot be posted, so it is not stored either. */
export const COMMENT_DRAFT_MAX_CHARS = 10_000;

export type CommentDraftPlace = { userId: string; ticketId: string; place: string };

const keyOf = (at: CommentDraftPlace) => `${PREFIX}${at.userId}.${at.ticketId}.${at.place}`;

/** The text left unposted at this place (the expired and surplus drafts are swept first), or ''. */
export function loadCommentDraft(at: CommentDraftPlace, now = Date.now()): string {
  sweepDrafts(PREFIX, { maxAgeMs: COMMENT_DRAFT_MAX_AGE_MS, keep: COMMENT_DRAFTS_KEPT }, now);
  const text = readDraft(keyOf(at), COMMENT_DRAFT_MAX_AGE_MS, now);
  return typeof text === 'string' ? text : '';
}

/** Keeps the text (an empty box removes the draft). */
export function saveCommentDraft(at: CommentDraftPlace, text: string, now = Date.now()): void {
  if (text.trim() === '') removeDraft(keyOf(at));
  else writeDraft(keyOf(at), text.slice(0, COMMENT_DRAFT_MAX_CHARS), now);
}

export function clearCommentDraft(at: CommentDraftPlace): void {
  removeDraft(keyOf(at));
}

/** Removes every comment draft in this browser, whoever wrote it (an explicit sign-out). */
export function clearAllCommentDrafts(): void {
  sweepDrafts(PREFIX, { maxAgeMs: 0, keep: 0 });
}
