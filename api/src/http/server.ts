// The one node:http server (HTTP and WebSocket share its port), listening on it, and closing it gracefully:
// stop accepting, let the requests in flight finish (up to a deadline), then close what is left.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export function createHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
  const server = createServer(handler);
  track(server);
  // Longer than the usual load balancer idle timeout (60 s), so the balancer, not us, closes idle
  // keep-alive connections; otherwise a request can race the close and fail with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/** The port or address cannot be had; the message names the setting to change. */
export class ListenError extends Error {}

/** Listens (port 0 = a random free port) and returns the port it got. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => reject(explainListenError(error, port, host));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function explainListenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE') return new ListenError(`port ${port} is in use (PORT)`);
  if (error.code === 'EACCES') return new ListenError(`port ${port} needs privileges this process lacks (PORT)`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new ListenError(`${host} is not an address of this machine (HOST)`);
  return error;
}

/** The responses being written right now, so a shutdown can wait for them. */
const inFlight = new WeakMap<Server, Set<ServerResponse>>();

function track(server: Server): Set<ServerResponse> {
  let responses = inFlight.get(server);
  if (!responses) {
    const open = new Set<ServerResponse>();
    responses = open;
    inFlight.set(server, open);
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      open.add(res);
      // A request that arrives on a kept-alive connection while closing is served, and the connection
      // ends after it.
      if (!server.listening && !res.headersSent) res.setHeader('connection', 'close');
      res.once('close', () => open.delete(res));
    });
  }
  return responses;
}

/**
 * Stops accepting connections, lets the requests in flight finish within `timeoutMs` (their connections
 * close after the response), then closes every connection left. Resolves with how many were cut.
 */
export async function closeServer(server: Server, timeoutMs = 0): Promise<number> {
  const responses = track(server);
  const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
  server.closeIdleConnections();
  for (const res of responses) if (!res.headersSent) res.setHeader('connection', 'close');
  const deadline = Date.now() + timeoutMs;
  while (responses.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  const cut = responses.size;
  server.closeAllConnections();
  await closed;
  return cut;
}
