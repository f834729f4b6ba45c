// The client's address, for throttling and the session record. Behind reverse proxies the socket's peer is
// the nearest proxy; each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the
// entry the outermost trusted proxy added. Entries left of it are whatever the client wrote: never trusted.
import type { IncomingMessage } from 'node:http';

export function clientAddress(request: IncomingMessage | undefined, trustedProxies: number): string {
  const peer = request?.socket.remoteAddress ?? 'unknown';
  if (!request || trustedProxies <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? peer;
}
