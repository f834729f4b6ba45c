// The HTTP side of the one port: each path to its handler, first match wins. GraphQL (and its 404s) is the
// fallback. New endpoints are one line in the app's route list: `/files/` (attachments), `/metrics`,
// the Telegram webhook.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type Route = {
  /** Exact path, or a prefix when it ends with '/' ('/' matches every path). */
  path: string;
  /** Any method when unset. */
  methods?: readonly string[];
  handle: Handler;
};

function matches(route: Route, pathname: string, method: string): boolean {
  if (route.methods && !route.methods.includes(method)) return false;
  return route.path.endsWith('/') ? pathname.startsWith(route.path) : pathname === route.path;
}

export function createRouter(routes: readonly Route[], fallback: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const method = req.method ?? 'GET';
    const candidates = routes.filter((route) => matches(route, pathname, method));
    const run = (index: number): void => {
      const route = candidates[index];
      if (route) route.handle(req, res, () => run(index + 1));
      else fallback(req, res);
    };
    run(0);
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}
