// The signed-in session (tokens, their expiries, who) as a small Solid store, persisted in localStorage and
// shared by every tab of the app.
//
// The access token is refreshed shortly before it expires. Refresh tokens rotate, and presenting a spent
// one again ends the whole session, so exactly one refresh may run at a time: one promise per tab, one
// lock across tabs (tab-lock.ts), and a tab that finds the stored token already rotated by another tab
// adopts the stored session instead of refreshing. Tabs follow each other through the `storage` event.
//
// Whenever the session ends (sign-out, refresh refused, signed out in another tab) the page reloads at
// /login: a fresh page drops every cached query, open socket and view state of the previous user.
import { createStore, reconcile } from 'solid-js/store';
import { Client, fetchExchange, type CombinedError } from '@urql/core';
import { getFragmentData, type FragmentType } from '../gql';
import type { SessionFieldsFragment as SessionFields } from '../gql/graphql';
import { graphqlUrl } from './api-url';
import { errorCode } from './graphql-errors';
import { logoutMutation, refreshTokenMutation, sessionFieldsFragment } from './session.graphql';
import { withTabLock } from './tab-lock';

export type SessionUser = SessionFields['user'];

export type Session = {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working, in this browser's clock (corrected for the server's). */
  accessExpiresAt: number;
  /** When to refresh: a little before the access token expires. */
  refreshAt: number;
  /** When the refresh token stops working; after that only signing in again helps. */
  refreshExpiresAt: number;
  user: SessionUser;
};

const STORAGE_KEY = 'juan365.session';
const LOCK_NAME = 'juan365.session.refresh';
/** Refresh this long before the access token expires (at most a quarter of its lifetime). */
const REFRESH_AHEAD_MS = 60_000;
/** An access token closer than this to its expiry is not worth sending. */
const EXPIRY_MARGIN_MS = 5_000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Codes with which the server refuses a refresh token for good; anything else may pass on a retry. */
const FINAL_REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT']);

const [state, setState] = createStore<{ current: Session | null }>({ current: null });

/** Reactive reads of the session. */
export const session = {
  user: (): SessionUser | null => state.current?.user ?? null,
  isSignedIn: (): boolean => state.current !== null,
};

/** Refresh and logout go out on a bare client: no bearer token, no cache, no dependency on the app client. */
const authClient = new Client({ url: graphqlUrl, exchanges: [fetchExchange] });

let inFlight: Promise<boolean> | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let failedAttempts = 0;

/** Loads the stored session and keeps it fresh and in step with other tabs. Call once, before render. */
export function initSession(): void {
  const stored = readStored();
  if (stored && stored.refreshExpiresAt > Date.now()) apply(stored);
  else if (stored) writeStored(null);

  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) followStored();
  });
  // Timers sleep with the laptop and slow down in background tabs: catch up when the user is back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && refreshIsDue()) void refreshSession();
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
  const next = fromPayload(getFragmentData(sessionFieldsFragment, payload));
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
  if (Date.now() < current.accessExpiresAt - EXPIRY_MARGIN_MS) return current.accessToken;
  await refreshSession();
  return state.current?.accessToken ?? null;
}

/**
 * Rotates the tokens, unless another tab already did. Resolves true when a usable session is in place.
 * A refusal ends the session (and leaves for /login); a transport failure keeps it and retries later.
 */
export function refreshSession(): Promise<boolean> {
  const seen = state.current?.refreshToken;
  if (!seen) return Promise.resolve(false);
  inFlight ??= withTabLock(LOCK_NAME, () => rotate(seen)).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

/** Ends the session on the server (best effort, briefly awaited) and here, then shows /login. */
export async function signOut(): Promise<void> {
  clearTimeout(refreshTimer);
  await inFlight?.catch(() => undefined);
  await withTabLock(LOCK_NAME, async () => {
    const stored = readStored(); // the newest refresh token, whichever tab rotated it last
    if (stored) {
      const logout = authClient.mutation(logoutMutation, { input: { refreshToken: stored.refreshToken } }).toPromise();
      await Promise.race([logout, sleep(1_500)]);
    }
    writeStored(null);
  });
  leave({ keepPlace: false });
}

async function rotate(seen: string): Promise<boolean> {
  const stored = readStored();
  if (stored?.refreshToken !== seen) return followStored(); // another tab rotated or ended it meanwhile
  if (stored.refreshExpiresAt <= Date.now()) return end();

  const result = await authClient.mutation(refreshTokenMutation, { input: { refreshToken: seen } }).toPromise();
  const next = result.data ? fromPayload(getFragmentData(sessionFieldsFragment, result.data.refreshToken)) : null;
  if (next) {
    failedAttempts = 0;
    writeStored(next);
    apply(next);
    return true;
  }
  if (result.error && isTransient(result.error)) {
    failedAttempts += 1;
    scheduleRefresh();
    return false;
  }
  return end();
}

/** Takes over what another tab stored: a rotated session, a sign-in, a sign-out or another user. */
function followStored(): boolean {
  const stored = readStored();
  const current = state.current;
  if (!stored) return current ? end() : false;
  if (current && current.user.id !== stored.user.id) {
    window.location.assign('/');
    return false;
  }
  failedAttempts = 0;
  apply(stored);
  return true;
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
  let delay: number;
  if (failedAttempts > 0) {
    delay = Math.min(60_000, 2_000 * 2 ** (failedAttempts - 1));
  } else {
    // Tabs sharing a session spread out their timers; the lock makes the losers adopt the winner's tokens.
    const slack = Math.min(10_000, (current.accessExpiresAt - current.refreshAt) / 2);
    delay = current.refreshAt - Date.now() + Math.random() * slack;
  }
  refreshTimer = setTimeout(() => void refreshSession(), Math.min(Math.max(delay, 0), MAX_TIMEOUT_MS));
}

function refreshIsDue(): boolean {
  const current = state.current;
  return current !== null && Date.now() >= current.refreshAt;
}

function isTransient(error: CombinedError): boolean {
  if (error.networkError) return true;
  const code = errorCode(error);
  return code === undefined || !FINAL_REFUSALS.has(code);
}

/**
 * Turns a sign-in or refresh payload into a session. Expiries are moved into this browser's clock: the
 * token's lifetime comes from its own `iat`/`exp`, so a wrong clock here cannot cause a refresh loop.
 */
function fromPayload(payload: SessionFields, receivedAt = Date.now()): Session | null {
  const { accessToken, refreshToken, accessTokenExpiresAt, refreshTokenExpiresAt } = payload;
  if (!accessToken || !refreshToken || !accessTokenExpiresAt || !refreshTokenExpiresAt) return null;
  const serverAccessExpiry = Date.parse(accessTokenExpiresAt);
  const lifetime = tokenLifetimeMs(accessToken) ?? serverAccessExpiry - receivedAt;
  if (!(lifetime > 0)) return null;
  const accessExpiresAt = receivedAt + lifetime;
  const clockOffset = Number.isFinite(serverAccessExpiry) ? accessExpiresAt - serverAccessExpiry : 0;
  return {
    accessToken,
    refreshToken,
    accessExpiresAt,
    refreshAt: accessExpiresAt - Math.min(REFRESH_AHEAD_MS, lifetime / 4),
    refreshExpiresAt: Date.parse(refreshTokenExpiresAt) + clockOffset,
    user: { id: payload.user.id, username: payload.user.username, displayName: payload.user.displayName, role: payload.user.role },
  };
}

/** `exp - iat` of a JWT, read without verifying (the server verifies; this only schedules). */
function tokenLifetimeMs(jwt: string): number | undefined {
  try {
    const part = jwt.split('.')[1] ?? '';
    const claims: unknown = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { iat, exp } = claims as { iat?: unknown; exp?: unknown };
    return typeof iat === 'number' && typeof exp === 'number' ? (exp - iat) * 1000 : undefined;
  } catch {
    return undefined;
  }
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
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // memory only
  }
}

function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session> | null;
    const valid =
      typeof value?.accessToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.accessExpiresAt === 'number' &&
      typeof value.refreshAt === 'number' &&
      typeof value.refreshExpiresAt === 'number' &&
      typeof value.user?.id === 'string';
    return valid ? (value as Session) : null;
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
