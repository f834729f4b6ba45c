// The signed-in session (the access token, the expiries, who) as a small Solid store, persisted in localStorage
// and shared by every tab of the app. The refresh token is not in it: the server keeps it in an HttpOnly cookie
// (sent only to /graphql), which no script can read, and refreshToken and logout use it when called without one.
//
// The access token is refreshed shortly before it expires. Refresh tokens rotate, and presenting a spent
// one again ends the whole session, so exactly one refresh may run at a time: one promise per tab, one
// lock across tabs (tab-lock.ts), and a tab that finds the stored session already refreshed by another tab
// adopts it instead of refreshing. Tabs follow each other through the `storage` event.
//
// Whenever the session ends (sign-out, refresh refused, signed out in another tab) the page reloads at
// /login: a fresh page drops every cached query, open socket and view state of the previous user.
//
// This file is the scheduler and the I/O (timers, storage, events, network); the rules it follows (token
// timing, the stored form, cross-tab adoption, which refusals are final) are pure, in session-model.ts.

import { Client, fetchExchange } from '@urql/core';
import { createStore, reconcile } from 'solid-js/store';
import { type FragmentType, getFragmentData } from '../gql';
import { graphqlUrl } from './api-url';
import { errorCode } from './graphql-errors';
import { logoutMutation, refreshTokenMutation, sessionFieldsFragment } from './session.graphql';
import {
  accessTokenUsable,
  adoptionDecision,
  classifyRefusal,
  parseSession,
  refreshDelayMs,
  refreshIsDue,
  rotationDecision,
  type Session,
  type SessionPayload,
  type SessionUser,
  serializeSession,
  sessionFromPayload,
  usableAtStart,
} from './session-model';
import { withTabLock } from './tab-lock';

export type { Session, SessionUser } from './session-model';

const STORAGE_KEY = 'juan365.session';
const LOCK_NAME = 'juan365.session.refresh';

const [state, setState] = createStore<{ current: Session | null }>({ current: null });

/** Reactive reads of the session. */
export const session = {
  user: (): SessionUser | null => state.current?.user ?? null,
  isSignedIn: (): boolean => state.current !== null,
  /** A one-time password (an admin's reset) must be replaced before anything else. */
  mustChangePassword: (): boolean => state.current?.mustChangePassword === true,
};

/**
 * Refresh and logout go out on a bare client: no bearer token, no cache, no dependency on the app client. The
 * browser adds the refresh cookie; the server reads it only from requests with the CSRF header.
 */
const authClient = new Client({
  url: graphqlUrl,
  exchanges: [fetchExchange],
  fetchOptions: { headers: { 'x-graphql-yoga-csrf': '1' }, credentials: 'same-origin' },
});

let inFlight: Promise<boolean> | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let failedAttempts = 0;

/** Loads the stored session and keeps it fresh and in step with other tabs. Call once, before render. */
export function initSession(): void {
  const stored = readStored();
  const usable = usableAtStart(stored, Date.now());
  if (usable) {
    writeStored(usable); // rewritten in today's form: a refresh token an earlier version stored is dropped
    apply(usable);
  } else if (stored) writeStored(null);

  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) followStored();
  });
  // Timers sleep with the laptop and slow down in background tabs: catch up when the user is back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && refreshIsDue(state.current, Date.now())) void refreshSession();
  });
  window.addEventListener('online', () => {
    if (failedAttempts > 0) void refreshSession();
  });
}

/**
 * Starts the session a sign-in returned. False when it carries no tokens (an account awaiting approval)
 * or tokens that cannot be used.
 */
export function startSession(payload: FragmentType<typeof sessionFieldsFragment>): boolean {
  return begin(sessionFromPayload(getFragmentData(sessionFieldsFragment, payload), Date.now()));
}

/**
 * Replaces the session with the one a password change started (the server ended every other one). Takes the
 * unmasked payload, so its document stays with the (lazy) page that changes passwords.
 */
export function startChangedPasswordSession(payload: SessionPayload): boolean {
  return begin(sessionFromPayload(payload, Date.now()));
}

function begin(next: Session | null): boolean {
  if (!next) return false;
  writeStored(next);
  failedAttempts = 0;
  apply(next);
  return true;
}

/** The access token to send now, refreshed first when it is about to expire; null when signed out. */
export async function freshAccessToken(): Promise<string | null> {
  const current = state.current;
  if (!current) return null;
  if (accessTokenUsable(current, Date.now())) return current.accessToken;
  await refreshSession();
  return state.current?.accessToken ?? null;
}

/**
 * Rotates the tokens, unless another tab already did. Resolves true when a usable session is in place.
 * A refusal ends the session (and leaves for /login); a transport failure keeps it and retries later.
 */
export function refreshSession(): Promise<boolean> {
  const seen = state.current?.accessToken;
  if (!seen) return Promise.resolve(false);
  inFlight ??= withTabLock(LOCK_NAME, () => rotate(seen)).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

/**
 * Ends the session on the server (best effort, briefly awaited) and here, removes the unsent drafts (comments,
 * the request form) so the next person at this browser cannot read them, then shows /login. A session that ends
 * by itself (end(): a refused refresh) keeps them: bringing the text back after a forced sign-in is their purpose.
 */
export async function signOut(): Promise<void> {
  clearTimeout(refreshTimer);
  const draftsCleared = clearDrafts().catch((error: unknown) => console.warn('Unsent drafts could not be removed at sign-out.', error));
  await inFlight?.catch(() => undefined);
  await withTabLock(LOCK_NAME, async () => {
    const stored = readStored();
    if (stored) {
      // The cookie holds the newest refresh token, whichever tab rotated it last; the answer clears it.
      const logout = authClient.mutation(logoutMutation, {}).toPromise();
      await Promise.race([logout, sleep(1_500)]);
    }
    writeStored(null);
  });
  await Promise.race([draftsCleared, sleep(1_500)]);
  leave({ keepPlace: false });
}

/**
 * Removes every unsent comment and request draft. Their modules load here, beside the logout, rather than with
 * this one: the request form's rules would otherwise join every page's first load (≈2.7 kB gzip).
 */
async function clearDrafts(): Promise<void> {
  const [comments, requests] = await Promise.all([import('../components/comment-composer-draft'), import('../features/request-form/request-draft')]);
  comments.clearAllCommentDrafts();
  requests.clearAllRequestDrafts();
}

async function rotate(seen: string): Promise<boolean> {
  const stored = readStored();
  const decision = rotationDecision(stored, seen, Date.now());
  if (decision === 'follow') return followStored();
  if (decision === 'expired') return end();

  const result = await authClient.mutation(refreshTokenMutation, {}).toPromise();
  const next = result.data ? sessionFromPayload(getFragmentData(sessionFieldsFragment, result.data.refreshToken), Date.now()) : null;
  if (next) {
    failedAttempts = 0;
    writeStored(next);
    apply(next);
    return true;
  }
  if (result.error && classifyRefusal({ network: result.error.networkError !== undefined, code: errorCode(result.error) }) === 'transient') {
    failedAttempts += 1;
    scheduleRefresh();
    return false;
  }
  return end();
}

/** Takes over what another tab stored: a rotated session, a sign-in, a sign-out or another user. */
function followStored(): boolean {
  const stored = readStored();
  switch (adoptionDecision(state.current, stored)) {
    case 'nothing':
      return false;
    case 'end':
      return end();
    case 'reload':
      window.location.assign('/');
      return false;
    case 'adopt':
      failedAttempts = 0;
      if (stored) apply(stored);
      return true;
  }
}

function end(): false {
  writeStored(null);
  leave({ keepPlace: true });
  return false;
}

function leave(options: { keepPlace: boolean }): void {
  clearTimeout(refreshTimer);
  setState('current', null);
  const here = window.location.pathname + window.location.search;
  const keep = options.keepPlace && !window.location.pathname.startsWith('/login');
  window.location.assign(keep ? loginHref(here) : '/login');
}

/** The sign-in page, coming back to `next` afterwards. */
export function loginHref(next: string): string {
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

function apply(next: Session): void {
  setState('current', reconcile(next));
  scheduleRefresh();
}

function scheduleRefresh(): void {
  clearTimeout(refreshTimer);
  const current = state.current;
  if (!current) return;
  refreshTimer = setTimeout(() => void refreshSession(), refreshDelayMs(current, Date.now(), failedAttempts, Math.random()));
}

// localStorage can be unavailable (privacy modes, disabled storage): then the session lives in memory only.
let memoryFallback: Session | null = null;

function readStored(): Session | null {
  try {
    return parseSession(localStorage.getItem(STORAGE_KEY));
  } catch {
    return memoryFallback;
  }
}

function writeStored(next: Session | null): void {
  memoryFallback = next;
  try {
    if (next) localStorage.setItem(STORAGE_KEY, serializeSession(next));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // memory only
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
