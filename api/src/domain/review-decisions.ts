// Review decisions: a reviewer's verdict on the latest version of a file. Pure rules: who reviews, what a
// decision needs, and which workflow action (if any) the requester's decision on a completed ticket is. The
// workflow table still decides that action; nothing here changes a status.
import { annotationLabel } from './annotations.ts';
import { BadInputError } from './errors.ts';
import { canReadTicket, hasManagerAuthority, isCollaborator, isRequester, type TicketFacts } from './ticket-access.ts';
import type { FieldChange } from './ticket-snapshot.ts';
import { isAdmin, type Viewer } from './viewer.ts';
import type { ReviewVerdict, TicketAction } from './vocabulary.ts';

/** The longest note (and the longest revision reason a decision writes): a workflow reason's limit. */
export const MAX_NOTE_LENGTH = 2000;

/**
 * Who reviews a ticket's files: its requester, collaborators (asked to look at the work), managers with
 * authority over it and admins. Not the assignee alone: the person who made the work does not approve it.
 */
export function isReviewer(viewer: Viewer, ticket: TicketFacts): boolean {
  return isRequester(viewer, ticket) || isCollaborator(viewer, ticket) || hasManagerAuthority(viewer, ticket) || isAdmin(viewer);
}

/** A decision is taken on the latest live version of a file only (an earlier one is CONFLICT). */
export function isLatestVersion(file: { version: number }, latestVersion: number | null): boolean {
  return (latestVersion ?? file.version) <= file.version;
}

/**
 * Whether recordReviewDecision would take a decision from the viewer on this file now: a reviewer of a ticket
 * it may read, on the latest version. The mutation's checks, in one (Attachment.viewerCanDecide).
 */
export function canRecordDecision(viewer: Viewer, ticket: TicketFacts, file: { version: number }, latestVersion: number | null): boolean {
  return !ticket.deleted && canReadTicket(viewer, ticket) && isReviewer(viewer, ticket) && isLatestVersion(file, latestVersion);
}

export const REVIEWER_REFUSAL = "Only the ticket's requester, its collaborators, a manager with authority over it or an admin can record a review decision.";

/** The note as stored (trimmed, null when empty), or BAD_USER_INPUT. */
export function checkNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() || null;
  if (trimmed && trimmed.length > MAX_NOTE_LENGTH) throw new BadInputError(`note must be at most ${MAX_NOTE_LENGTH} characters.`, 'note');
  return trimmed;
}

/** CHANGES_REQUESTED says what to change: at least one open annotation on the version, or a note. */
export function checkVerdict(verdict: ReviewVerdict, note: string | null, openAnnotations: number): void {
  if (verdict === 'CHANGES_REQUESTED' && openAnnotations === 0 && !note) {
    throw new BadInputError('Requesting changes needs at least one open annotation on this version, or a note saying what to change.', 'note');
  }
}

/**
 * The workflow action a decision is, or null: the requester's "changes requested" is the revision request, the
 * requester's "approved" the confirmation, both only while the ticket is COMPLETED (the state those actions
 * start from). Anyone else's decision, or a decision on a ticket in another state, is recorded only.
 */
export function workflowActionOf(verdict: ReviewVerdict, viewer: Viewer, ticket: TicketFacts): Extract<TicketAction, 'REQUEST_REVISION' | 'CONFIRM'> | null {
  if (!isRequester(viewer, ticket) || ticket.status !== 'COMPLETED') return null;
  return verdict === 'CHANGES_REQUESTED' ? 'REQUEST_REVISION' : 'CONFIRM';
}

/** The open annotations a revision reason lists (read with their bodies); the rest are counted: "and N more". */
export const OPEN_IN_REASON = 50;

export type OpenAnnotation = { number: number; page: number | null; body: string };

const EXCERPT = 120;

/**
 * The revision request's reason: the note, then the open annotations of the version, one per entry:
 * "#1 logo 20 px left; #3 wrong price (page 3)". Long bodies are cut, and the whole stays within the
 * workflow's reason limit (the annotations that do not fit are counted instead, with `unlisted`: the open
 * ones not read, past OPEN_IN_REASON).
 */
export function revisionReason(file: { fileName: string; version: number }, note: string | null, open: readonly OpenAnnotation[], unlisted = 0): string {
  const head = note ?? '';
  if (open.length === 0) return unlisted > 0 ? `${head ? `${head}\n` : ''}${unlisted} open annotations` : head;
  const name = annotationLabel(file, { number: 0, page: null }).replace(/, #0$/, '');
  const entries = open.map((annotation) => {
    const body = annotation.body.replace(/\s+/g, ' ').trim();
    const excerpt = body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body;
    return `#${annotation.number} ${excerpt}${annotation.page !== null ? ` (page ${annotation.page})` : ''}`;
  });
  const prefix = `${head ? `${head}\n` : ''}Open on ${name}: `;
  let text = prefix;
  let cut = false;
  for (const [index, entry] of entries.entries()) {
    const separator = index === 0 ? '' : '; ';
    const rest = entries.length - index + unlisted;
    const more = `; and ${rest} more`;
    if ((text + separator + entry).length + (rest > 1 ? more.length : 0) > MAX_NOTE_LENGTH) {
      text += index === 0 ? `${rest} annotations` : more;
      cut = true;
      break;
    }
    text += separator + entry;
  }
  if (!cut && unlisted > 0) text += `; and ${unlisted} more`;
  return text.length > MAX_NOTE_LENGTH ? `${text.slice(0, MAX_NOTE_LENGTH - 1)}…` : text;
}

/**
 * What a decision's history entry records (action DECISION_RECORDED): the file as people name it ("hero.png v2"),
 * the verdict and, when changes were requested with notes still open on the file, how many.
 */
export function decisionChanges(fileLabel: string, verdict: ReviewVerdict, openAnnotations: number): FieldChange[] {
  return [
    { field: 'file', from: null, to: fileLabel },
    { field: 'verdict', from: null, to: verdict },
    ...(verdict === 'CHANGES_REQUESTED' && openAnnotations > 0 ? [{ field: 'openAnnotations', from: null, to: openAnnotations }] : []),
  ];
}
