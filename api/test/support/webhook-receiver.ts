// A local HTTP endpoint for webhook tests: records every request (headers and body as received) and answers what
// the test scripts, per path.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedRequest = { path: string; headers: IncomingHttpHeaders; body: string; at: number };
/** hang: never answer (the connection stays open until the sender gives up or the receiver closes). */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | { hang: true };
/** Decides the answer to a request, given the requests to its path so far (this one included). */
export type Responder = (request: ReceivedRequest, earlier: readonly ReceivedRequest[]) => Answer;

export type WebhookReceiver = {
  /** http://127.0.0.1:<port> */
  origin: string;
  requests: ReceivedRequest[];
  on(path: string, responder: Responder): void;
  /** Requests to a path (all when omitted). */
  to(path?: string): ReceivedRequest[];
  close(): Promise<void>;
};

const answerOk: Responder = () => ({ status: 200 });

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const responders = new Map<string, Responder>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const request: ReceivedRequest = { path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(request);
      const answer = (responders.get(path) ?? answerOk)(
        request,
        requests.filter((earlier) => earlier.path === path),
      );
      if ('hang' in answer) return;
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    on: (path, responder) => void responders.set(path, responder),
    to: (path) => (path === undefined ? requests : requests.filter((request) => request.path === path)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
