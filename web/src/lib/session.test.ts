// What a session's end leaves in this browser: an explicit sign-out removes the unsent drafts (the next person at
// the browser must not read them); a session that ends by itself (a refused refresh) keeps them, since bringing
// the text back after the forced sign-in is what they are for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCommentDraft, saveCommentDraft } from '../components/comment-composer-draft';
import { isDraftTouched, loadDraft, saveDraft } from '../features/request-form/request-draft';
import { emptyDraft } from '../features/request-form/request-rules';

const comment = { userId: 'u1', ticketId: 't1', place: 'new' };
const otherUsersComment = { userId: 'u2', ticketId: 't2', place: 'reply:c1' };
const user = { id: 'u1', username: 'designer', displayName: 'Dana Designer', role: 'MEMBER' as const };

/** localStorage as the browser has it (the module reads it at call time). */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** The server's answer to every request: logout succeeds, a refresh is refused for good. */
function graphqlAnswer(body: string): Response {
  const refused = body.includes('refreshToken');
  const answer = refused
    ? { data: null, errors: [{ message: 'Refresh token refused', extensions: { code: 'UNAUTHENTICATED' } }] }
    : { data: { logout: { __typename: 'LogoutPayload', ok: true } } };
  return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
}

let assign: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.resetModules();
  assign = vi.fn();
  const now = Date.now();
  const storage = new MemoryStorage();
  storage.setItem(
    'juan365.session',
    JSON.stringify({ accessToken: 'a', accessExpiresAt: now + 600_000, refreshAt: now + 540_000, refreshExpiresAt: now + 86_400_000, user }),
  );
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', { location: { pathname: '/tickets/7', search: '', assign }, addEventListener: () => {} });
  vi.stubGlobal('document', { visibilityState: 'visible', addEventListener: () => {} });
  vi.stubGlobal('navigator', { locks: { request: (_name: string, task: () => Promise<unknown>) => task() } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: unknown, init?: RequestInit) => graphqlAnswer(String(init?.body ?? ''))),
  );

  saveCommentDraft(comment, 'Half a thought about the banner');
  saveCommentDraft(otherUsersComment, 'Another person’s reply');
  saveDraft('u1', { ...emptyDraft(), title: 'Summer sale banner' });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('session end and drafts', () => {
  it('an explicit sign-out removes every comment and request draft, and only those', async () => {
    localStorage.setItem('juan365.theme', 'dark');
    const session = await import('./session');
    session.initSession();
    expect(session.session.isSignedIn()).toBe(true);

    await session.signOut();

    expect(assign).toHaveBeenCalledWith('/login');
    expect(localStorage.getItem('juan365.session')).toBeNull();
    expect(loadCommentDraft(comment)).toBe('');
    expect(loadCommentDraft(otherUsersComment)).toBe('');
    expect(isDraftTouched(loadDraft('u1'))).toBe(false);
    expect(localStorage.getItem('juan365.theme')).toBe('dark');
  });

  it('a session ended by a refused refresh keeps the drafts for after the sign-in', async () => {
    const session = await import('./session');
    session.initSession();

    expect(await session.refreshSession()).toBe(false);

    expect(assign).toHaveBeenCalledWith('/login?next=%2Ftickets%2F7');
    expect(localStorage.getItem('juan365.session')).toBeNull();
    expect(loadCommentDraft(comment)).toBe('Half a thought about the banner');
    expect(loadCommentDraft(otherUsersComment)).toBe('Another person’s reply');
    expect(loadDraft('u1').title).toBe('Summer sale banner');
  });
});
