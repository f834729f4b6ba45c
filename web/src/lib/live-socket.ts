// The live connection's socket: graphql-ws with the app's options (token at connection time, backoff with
// jitter, the state for the indicator). Loaded with graphql-ws on the first subscription (client.ts), so no
// page's first load carries it.
import { type Client, createClient } from 'graphql-ws';
import type { noteSocketEvent } from './socket-state';

/**
 * What the socket needs from the app, handed over by client.ts: importing these modules here would split them
 * into a chunk of their own that every page's first load then fetches.
 */
export type LiveSocketApp = {
  url: () => string;
  freshAccessToken: () => Promise<string | null>;
  refreshSession: () => Promise<boolean>;
  isSignedIn: () => boolean;
  noteSocketEvent: typeof noteSocketEvent;
};

/** The server closes the socket with this code when the token in connectionParams is bad or expired. */
const FORBIDDEN_CLOSE_CODE = 4403;
/**
 * A socket the server opens but never acknowledges is closed after this long and tried again, so the
 * indicator says live updates are reconnecting instead of "Connecting…" for ever.
 */
const CONNECTION_ACK_TIMEOUT_MS = 10_000;
let socketTokenRefused = false;
/** Pending reconnect waits; calling one retries at once. */
const retryWaiters = new Set<() => void>();

/** Retries the live connection now instead of after the backoff (the indicator's "Reconnect"). */
export function reconnectNow(): void {
  for (const wake of [...retryWaiters]) wake();
}

/** Attempts in a row that closed before the server acknowledged them (0 once connected). */
let failedAttempts = 0;
let acknowledged = false;
/** graphql-ws retries a socket closed with 1000 at once, without its backoff: this one applies then. */
let backoffBeforeNextAttempt = false;

/** The app's one graphql-ws client (client.ts creates it with the first subscription). */
export const createLiveSocket = (app: LiveSocketApp): Client =>
  createClient({
    url: async () => {
      if (backoffBeforeNextAttempt) {
        backoffBeforeNextAttempt = false;
        await backoff(failedAttempts - 1);
      }
      return app.url();
    },
    lazy: true,
    connectionAckWaitTimeout: CONNECTION_ACK_TIMEOUT_MS,
    connectionParams: async () => {
      if (socketTokenRefused) {
        socketTokenRefused = false;
        await app.refreshSession();
      }
      const token = await app.freshAccessToken();
      // Throwing closes the socket for good (no retry): subscriptions need a signed-in user.
      if (!token) throw new Error('Sign in to receive live updates.');
      return { authorization: `Bearer ${token}` };
    },
    on: {
      connecting: (isRetry) => {
        acknowledged = false;
        app.noteSocketEvent({ type: 'connecting', retry: isRetry });
      },
      connected: () => {
        acknowledged = true;
        failedAttempts = 0;
        app.noteSocketEvent({ type: 'connected' });
      },
      closed: (event) => {
        if (isCloseEvent(event) && event.code === FORBIDDEN_CLOSE_CODE) socketTokenRefused = true;
        if (!acknowledged) {
          failedAttempts++;
          backoffBeforeNextAttempt = isCloseEvent(event) && event.code === 1000;
        }
        app.noteSocketEvent({ type: 'closed', code: isCloseEvent(event) ? event.code : undefined });
      },
    },
    // Pings keep proxies from closing an idle socket and reveal a dead one sooner.
    keepAlive: 20_000,
    retryAttempts: Infinity,
    shouldRetry: () => app.isSignedIn(),
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

function isCloseEvent(event: unknown): event is CloseEvent {
  return typeof event === 'object' && event !== null && 'code' in event;
}
