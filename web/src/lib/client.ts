// The app's urql client: queries and mutations over HTTP with the session's bearer token, subscriptions
// over one lazy graphql-ws socket that authenticates at connection time, and one normalized cache
// (cache.ts) so every view of a ticket shows the same, live data.
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import type { Client as SocketClient } from 'graphql-ws';
import { graphqlSocketUrl, graphqlUrl } from './api-url';
import { appCacheExchange } from './cache';
import { freshAccessToken, refreshSession, session } from './session';
import { noteSocketEvent, resumeVariables } from './socket-state';

/** The server closes the socket with this code when the token in connectionParams is bad or expired. */
const FORBIDDEN_CLOSE_CODE = 4403;
/**
 * A socket the server opens but never acknowledges is closed after this long and tried again, so the
 * indicator says live updates are reconnecting instead of "Connecting…" for ever.
 */
const CONNECTION_ACK_TIMEOUT_MS = 10_000;
/** A refusal carries only a short errors list; a larger body has data and cannot be one. */
const MAX_REFUSAL_BYTES = 2_048;

let socketTokenRefused = false;
/** Pending reconnect waits; calling one retries at once. */
const retryWaiters = new Set<() => void>();

/** Retries the live connection now instead of after the backoff (the indicator's "Reconnect"). */
export function reconnectNow(): void {
  for (const wake of [...retryWaiters]) wake();
}

let socket: Promise<SocketClient> | undefined;
/** Attempts in a row that closed before the server acknowledged them (0 once connected). */
let failedAttempts = 0;
let acknowledged = false;
/** graphql-ws retries a socket closed with 1000 at once, without its backoff: this one applies then. */
let backoffBeforeNextAttempt = false;

/**
 * The socket, created with the first subscription. graphql-ws is imported then too: a page renders from
 * queries over HTTP, so the live connection's code need not be part of any page's first load.
 */
const liveSocket = (): Promise<SocketClient> => (socket ??= import('graphql-ws').then(({ createClient }) => createClient(socketOptions())));

const socketOptions = (): Parameters<typeof import('graphql-ws').createClient>[0] => ({
  url: async () => {
    if (backoffBeforeNextAttempt) {
      backoffBeforeNextAttempt = false;
      await backoff(failedAttempts - 1);
    }
    return graphqlSocketUrl();
  },
  lazy: true,
  connectionAckWaitTimeout: CONNECTION_ACK_TIMEOUT_MS,
  connectionParams: async () => {
    if (socketTokenRefused) {
      socketTokenRefused = false;
      await refreshSession();
    }
    const token = await freshAccessToken();
    // Throwing closes the socket for good (no retry): subscriptions need a signed-in user.
    if (!token) throw new Error('Sign in to receive live updates.');
    return { authorization: `Bearer ${token}` };
  },
  on: {
    connecting: (isRetry) => {
      acknowledged = false;
      noteSocketEvent({ type: 'connecting', retry: isRetry });
    },
    connected: () => {
      acknowledged = true;
      failedAttempts = 0;
      noteSocketEvent({ type: 'connected' });
    },
    closed: (event) => {
      if (isCloseEvent(event) && event.code === FORBIDDEN_CLOSE_CODE) socketTokenRefused = true;
      if (!acknowledged) {
        failedAttempts++;
        backoffBeforeNextAttempt = isCloseEvent(event) && event.code === 1000;
      }
      noteSocketEvent({ type: 'closed', code: isCloseEvent(event) ? event.code : undefined });
    },
  },
  // Pings keep proxies from closing an idle socket and reveal a dead one sooner.
  keepAlive: 20_000,
  retryAttempts: Infinity,
  shouldRetry: () => session.isSignedIn(),
  // Exponential backoff with jitter, capped at 30 s, so a restarting server is not stampeded; cut short
  // when the network comes back or the person asks (reconnectNow).
  retryWait: (retries) => backoff(retries),
});

/** Exponential backoff with jitter, capped at 30 s; cut short by reconnectNow. */
function backoff(retries: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      retryWaiters.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, Math.min(30_000, 1_000 * 2 ** retries) * (0.5 + Math.random() / 2));
    retryWaiters.add(wake);
  });
}

export const client = new Client({
  url: graphqlUrl,
  fetch: authorizedFetch,
  exchanges: [
    appCacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => {
        // The socket client re-sends this payload after every reconnect; the getter lets a resumable
        // subscription (ticket events) ask each time for what came after the last event it saw.
        const operation = {
          query: request.query ?? '',
          operationName: request.operationName,
          extensions: request.extensions,
          get variables() {
            return resumeVariables(request.operationName, request.variables ?? {});
          },
        };
        return {
          subscribe: (sink) => {
            let unsubscribe: (() => void) | undefined;
            let cancelled = false;
            liveSocket().then(
              (ws) => {
                if (!cancelled) unsubscribe = ws.subscribe(operation, sink);
              },
              (error: unknown) => sink.error(error),
            );
            return {
              unsubscribe: () => {
                cancelled = true;
                unsubscribe?.();
              },
            };
          },
        };
      },
    }),
  ],
});

/**
 * fetch with `Authorization: Bearer <accessToken>` (refreshed first when about to expire). When the
 * server refuses a token that looked valid here (the password changed elsewhere, the account was
 * deactivated), the session is refreshed once and the request repeated; if the refresh is refused too,
 * the session ends and the app goes to /login.
 */
async function authorizedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const token = await freshAccessToken();
  const response = await fetch(input, withBearer(init, token));
  if (token === null || !(await isTokenRefusal(response))) return response;
  if (!(await refreshSession())) return response;
  return fetch(input, withBearer(init, await freshAccessToken()));
}

function withBearer(init: RequestInit | undefined, token: string | null): RequestInit {
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function isTokenRefusal(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (!/json/.test(response.headers.get('content-type') ?? '')) return false;
  if (Number(response.headers.get('content-length') ?? 0) > MAX_REFUSAL_BYTES) return false;
  try {
    const body = (await response.clone().json()) as { errors?: { extensions?: { code?: unknown } }[] };
    return body.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED') ?? false;
  } catch {
    return false;
  }
}

window.addEventListener('offline', () => noteSocketEvent({ type: 'offline' }));
window.addEventListener('online', () => {
  noteSocketEvent({ type: 'online' });
  reconnectNow();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') reconnectNow();
});

function isCloseEvent(event: unknown): event is CloseEvent {
  return typeof event === 'object' && event !== null && 'code' in event;
}
