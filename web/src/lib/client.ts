// The app's urql client: queries and mutations over HTTP with the session's bearer token, subscriptions
// over one lazy graphql-ws socket that authenticates at connection time, and one normalized cache
// (cache.ts) so every view of a ticket shows the same, live data.
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import type { Client as SocketClient } from 'graphql-ws';
import { graphqlSocketUrl, graphqlUrl } from './api-url';
import { lazyExchange } from './lazy-exchange';
import { freshAccessToken, refreshSession, session } from './session';
import { noteSocketEvent, resumeVariables } from './socket-state';

/** A refusal carries only a short errors list; a larger body has data and cannot be one. */
const MAX_REFUSAL_BYTES = 2_048;

let socket: Promise<SocketClient> | undefined;

/** Retries the live connection now instead of after the backoff (the indicator's "Reconnect"). */
export function reconnectNow(): void {
  if (socket) void import('./live-socket').then((module) => module.reconnectNow());
}

/**
 * The socket, created with the first subscription. graphql-ws and the socket's options (live-socket.ts) are
 * imported then too: a page renders from queries over HTTP, so the live connection's code need not be part
 * of any page's first load.
 */
const liveSocket = (): Promise<SocketClient> =>
  (socket ??= import('./live-socket').then((module) =>
    module.createLiveSocket({ url: graphqlSocketUrl, freshAccessToken, refreshSession, isSignedIn: session.isSignedIn, noteSocketEvent }),
  ));

export const client = new Client({
  url: graphqlUrl,
  fetch: authorizedFetch,
  exchanges: [
    // The normalized cache (graphcache and the app's rules, ≈9 kB gzip) is fetched beside the page's chunk
    // instead of before it: a page renders without it, and its queries go out once it is there.
    lazyExchange(() => import('./cache').then((module) => module.appCacheExchange)),
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
