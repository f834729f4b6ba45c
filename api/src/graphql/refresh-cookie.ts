// The web client's refresh token lives in a cookie that scripts cannot read (HttpOnly), that the browser sends
// only to /graphql (where refreshToken and logout are) and only from this site (SameSite=Strict), and only
// over TLS (Secure) except on plain http to a loopback host (development, the tests), where a browser would
// drop a Secure cookie. Reading it needs the CSRF header too, which a cross-site page cannot send without a
// CORS preflight we refuse. Third-party tools keep passing the token in the body, and get it back there: a
// refresh token goes back the way it came, so a script that can call refreshToken never sees the cookie's.
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { BadInputError } from '../domain/errors.ts';
import { requestOverTls } from '../http/security-headers.ts';
import { CSRF_HEADER } from './csrf-prevention.ts';

export const REFRESH_COOKIE = 'juan365_refresh';
export const REFRESH_COOKIE_PATH = '/graphql';

export type RefreshCookie = {
  /** The token the browser sent, if any; refuses (BAD_USER_INPUT) a request that lacks the CSRF header. */
  read(): string | undefined;
  /** Sends the token back as the cookie, living as long as the token does. */
  set(token: string, expiresAt: Date): void;
  clear(): void;
};

/** Over graphql-ws there is no response to set a cookie on: nothing is read or written. */
export const NO_REFRESH_COOKIE: RefreshCookie = { read: () => undefined, set: () => undefined, clear: () => undefined };

/** Set-Cookie values waiting for the response to their request. */
const pending = new WeakMap<Request, string[]>();

const LOOPBACK_HOST = /^(localhost|[\w-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || undefined;
  }
  return undefined;
}

export function createRefreshCookie(request: Request, req: IncomingMessage | undefined, trustProxyHops: number): RefreshCookie {
  // Worked out when a cookie is written (login, refresh, logout), not for every request's context.
  const attributes = () => {
    const hostname = (request.headers.get('host') ?? '').replace(/:\d+$/, '');
    const secure = (req !== undefined && requestOverTls(req, trustProxyHops)) || !LOOPBACK_HOST.test(hostname);
    return `Path=${REFRESH_COOKIE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  };
  const queue = (value: string) => pending.set(request, [...(pending.get(request) ?? []), value]);
  return {
    read() {
      const token = cookieValue(request.headers.get('cookie'), REFRESH_COOKIE);
      if (token && !request.headers.has(CSRF_HEADER)) {
        throw new BadInputError(`Send the ${CSRF_HEADER} header (any value) to use the refresh cookie (CSRF prevention).`, 'refreshToken');
      }
      return token;
    },
    set(token, expiresAt) {
      const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
      queue(`${REFRESH_COOKIE}=${token}; ${attributes()}; Max-Age=${maxAge}`);
    },
    clear() {
      queue(`${REFRESH_COOKIE}=; ${attributes()}; Max-Age=0`);
    },
  };
}

/** Writes the cookies a request's resolvers set onto its response. */
export function refreshCookiePlugin(): Plugin {
  return {
    onResponse({ request, response }) {
      for (const value of pending.get(request) ?? []) response.headers.append('set-cookie', value);
      // Never cached by anyone: the answer carries a credential.
      if (pending.has(request)) response.headers.set('cache-control', 'no-store');
    },
  };
}
