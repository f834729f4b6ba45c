// What the review-decision form checks before sending: the same rule the API holds (a request for changes says
// what to change, in an open annotation on this version or in a note), said in words beside the form.
import type { ReviewVerdict } from '../../gql/graphql';

export type Verdict = ReviewVerdict;

/** How a verdict reads in the list of decisions, in the order the form offers them. */
export const VERDICT_LABELS: Record<ReviewVerdict, string> = { APPROVED: 'Approved', CHANGES_REQUESTED: 'Changes requested' };
export const VERDICT_ORDER = Object.keys(VERDICT_LABELS) as ReviewVerdict[];

/** The API's limit on a note (a revision reason's). */
export const MAX_NOTE_LENGTH = 2000;

export type DecisionDraft = { verdict: Verdict; note: string; openAnnotations: number };

export const CHANGES_NEED_A_REASON = 'Say what should change: pin at least one open annotation on this version, or write a note, before requesting changes.';

/** Why the form may not be sent yet, or undefined when it may. */
export function decisionRefusal(draft: DecisionDraft): string | undefined {
  if (draft.verdict === 'CHANGES_REQUESTED' && draft.openAnnotations === 0 && draft.note.trim() === '') return CHANGES_NEED_A_REASON;
  return undefined;
}

/** The form's button, which says what will happen. */
export function decisionButtonLabel(verdict: Verdict): string {
  return verdict === 'APPROVED' ? 'Approve' : 'Request changes';
}

/** The note to send: trimmed, and none at all rather than an empty one. */
export function noteToSend(note: string): string | undefined {
  const trimmed = note.trim();
  return trimmed === '' ? undefined : trimmed;
}
