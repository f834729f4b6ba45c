// The request being typed, kept in localStorage per user: a session refresh that ends at the sign-in page,
// or a reload, brings back what was typed. Cleared once the request is sent.
import { readDraft, removeDraft, sweepDrafts, writeDraft } from '../../lib/stored-draft';
import { emptyDraft, type RequestDraft } from './request-rules';

const PREFIX = 'juan365.request-draft.';
const keyFor = (userId: string) => `${PREFIX}${userId}`;

export function loadDraft(userId: string): RequestDraft {
  const parsed = readDraft(keyFor(userId)) as Partial<RequestDraft> | undefined;
  if (typeof parsed !== 'object' || parsed === null) return emptyDraft();
  // A draft saved by an older form may miss fields: fill them rather than crash.
  return { ...emptyDraft(), ...parsed, productItems: Array.isArray(parsed.productItems) ? parsed.productItems : emptyDraft().productItems };
}

export function saveDraft(userId: string, draft: RequestDraft): void {
  writeDraft(keyFor(userId), draft);
}

export function clearDraft(userId: string): void {
  removeDraft(keyFor(userId));
}

/** Removes every request draft in this browser, whoever wrote it (an explicit sign-out). */
export function clearAllRequestDrafts(): void {
  sweepDrafts(PREFIX, { maxAgeMs: 0, keep: 0 });
}

/** Whether the draft holds anything the person typed (to say "draft restored"). */
export function isDraftTouched(draft: RequestDraft): boolean {
  return JSON.stringify(draft) !== JSON.stringify(emptyDraft());
}
