// Text a person typed and has not sent yet, kept in localStorage: leaving the page (Back, a reload, a closed tab,
// a session refresh through the sign-in page) does not lose it. Each entry records when it was saved, so a kind
// of draft can expire (readDraft's maxAgeMs, sweepDrafts). Storage may be full or disabled (private mode): then
// every call does nothing and the form works without the safety net.

type Entry = { savedAt: number; value: unknown };

const isEntry = (parsed: unknown): parsed is Entry =>
  typeof parsed === 'object' && parsed !== null && typeof (parsed as Entry).savedAt === 'number' && 'value' in parsed;

/** The value saved under key, or undefined (none, unreadable, or saved more than maxAgeMs ago: then removed). */
export function readDraft(key: string, maxAgeMs = Number.POSITIVE_INFINITY, now = Date.now()): unknown {
  try {
    const stored = localStorage.getItem(key);
    if (stored === null) return undefined;
    const parsed: unknown = JSON.parse(stored);
    // Saved before entries carried their time (the request form's drafts): taken as they are.
    if (!isEntry(parsed)) return parsed;
    if (now - parsed.savedAt <= maxAgeMs) return parsed.value;
    localStorage.removeItem(key);
    return undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, value: unknown, now = Date.now()): void {
  try {
    localStorage.setItem(key, JSON.stringify({ savedAt: now, value } satisfies Entry));
  } catch {
    // Full or disabled: see above.
  }
}

export function removeDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Disabled: see above.
  }
}

/** Removes the drafts whose key starts with prefix that were saved more than maxAgeMs ago, then the oldest beyond keep. */
export function sweepDrafts(prefix: string, limits: { maxAgeMs: number; keep: number }, now = Date.now()): void {
  try {
    const entries: { key: string; savedAt: number }[] = [];
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index);
      if (!key?.startsWith(prefix)) continue;
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
      entries.push({ key, savedAt: isEntry(parsed) ? parsed.savedAt : 0 });
    }
    entries.sort((a, b) => b.savedAt - a.savedAt);
    entries.forEach((entry, rank) => {
      if (rank >= limits.keep || now - entry.savedAt > limits.maxAgeMs) localStorage.removeItem(entry.key);
    });
  } catch {
    // Disabled or a foreign unreadable entry: sweeping is only housekeeping.
  }
}
