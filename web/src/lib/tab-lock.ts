// Mutual exclusion across the tabs of this origin, for work that must not run twice at once (rotating the
// refresh token). Web Locks where the browser offers them (secure contexts: https and localhost); else a
// lease in localStorage, which covers the plain-http LAN deployments an internal tool often lives on.

const LEASE_MS = 10_000;
const tabId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

type Lease = { owner: string; until: number };

export async function withTabLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  // The lock resolves with what the task's promise resolves to (DOM typings nest the promise).
  if ('locks' in navigator) return await navigator.locks.request(name, task);
  return withStorageLease(`lock:${name}`, task);
}

async function withStorageLease<T>(key: string, task: () => Promise<T>): Promise<T> {
  try {
    while (!(await claim(key))) await sleep(100 + Math.random() * 150);
  } catch {
    return task(); // storage unavailable: no other tab can share a session with this one anyway
  }
  try {
    return await task();
  } finally {
    if (readLease(key)?.owner === tabId) localStorage.removeItem(key);
  }
}

async function claim(key: string): Promise<boolean> {
  const held = readLease(key);
  if (held && held.owner !== tabId && held.until > Date.now()) return false;
  localStorage.setItem(key, JSON.stringify({ owner: tabId, until: Date.now() + LEASE_MS } satisfies Lease));
  // Two tabs may write at the same moment: the last write wins, and both read back after it landed.
  await sleep(40);
  return readLease(key)?.owner === tabId;
}

function readLease(key: string): Lease | undefined {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
