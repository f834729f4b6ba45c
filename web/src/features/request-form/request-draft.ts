// The request being typed, kept in localStorage per user: a session refresh that ends at the sign-in page,
// or a reload, brings back what was typed. Cleared once the request is sent.
import { emptyDraft, type RequestDraft } from './request-rules';

const keyFor = (userId: string) => `juan365.request-draft.${userId}`;

export function loadDraft(userId: string): RequestDraft {
  try {
    const stored = localStorage.getItem(keyFor(userId));
    if (!stored) return emptyDraft();
    const parsed = JSON.parse(stored) as Partial<RequestDraft>;
    // A draft saved by an older form may miss fields: fill them rather than crash.
    return { ...emptyDraft(), ...parsed, productItems: Array.isArray(parsed.productItems) ? parsed.productItems : emptyDraft().productItems };
  } catch {
    return emptyDraft();
  }
}

export function saveDraft(userId: string, draft: RequestDraft): void {
  try {
    localStorage.setItem(keyFor(userId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private mode): the form still works, only without the safety net.
  }
}

export function clearDraft(userId: string): void {
  try {
    localStorage.removeItem(keyFor(userId));
  } catch {
    // See saveDraft.
  }
}

/** Whether the draft holds anything the person typed (to say "draft restored"). */
export function isDraftTouched(draft: RequestDraft): boolean {
  return JSON.stringify(draft) !== JSON.stringify(emptyDraft());
}
