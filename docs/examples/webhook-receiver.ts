// A receiver for Juan365 Ticketing's webhooks (docs/integrations.md, "Webhooks"): an HTTP server that verifies
// each request's Standard Webhooks signature with the `standardwebhooks` package and hands the event on once.
//
//   WEBHOOK_SECRET='whsec_…' PORT=8787 node --import tsx docs/examples/webhook-receiver.ts
//
// The secret is the one createWebhook returned (shown once). Answer 2xx quickly and do slow work afterwards: a
// 5xx, 429, 408 or a timeout is retried with backoff; any other status means "refused" and is not retried.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';

/** What every delivery POSTs: `data` is the TicketEvent a subscription would get, as the webhook's owner may read it. */
export type TicketWebhook = {
  /** "ticket." and the event type in lower case: ticket.created, ticket.status_changed, … */
  type: string;
  timestamp: string;
  data: {
    eventId: string;
    type: string;
    at: string;
    actor: { id: string; displayName: string } | null;
    ticket: { id: string; number: number; title: string; status: string; [field: string]: unknown } | null;
  };
};

/** Bodies are a few kilobytes; anything far larger is not ours. */
const MAX_BODY_BYTES = 1024 * 1024;
/** How many message ids to remember for spotting a retry or a redelivery of one already handled. */
const REMEMBERED_IDS = 10_000;

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The receiver: 204 for a verified delivery (handled once per `webhook-id`: a retry or a redelivery of the same
 * event carries the same id), 401 when the signature or timestamp does not verify, 413/405 for what is no delivery.
 */
export function createWebhookReceiver(secret: string, onEvent: (event: TicketWebhook, messageId: string) => void | Promise<void>): Server {
  const webhook = new Webhook(secret);
  const handled = new Set<string>();
  return createServer(async (request, response) => {
    if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end();
    const body = await readBody(request);
    if (body === null) return void response.writeHead(413).end();
    const header = (name: string) => String(request.headers[name] ?? '');
    const headers = { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') };
    let event: TicketWebhook;
    try {
      // Verify the raw bytes as received: re-serialised JSON would not match the signature.
      event = webhook.verify(body, headers) as TicketWebhook;
    } catch {
      return void response.writeHead(401).end('invalid signature');
    }
    const messageId = headers['webhook-id'];
    if (!handled.has(messageId)) {
      handled.add(messageId);
      if (handled.size > REMEMBERED_IDS) handled.delete(handled.values().next().value as string);
      await onEvent(event, messageId);
    }
    response.writeHead(204).end();
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) throw new Error('Set WEBHOOK_SECRET to the secret createWebhook returned (whsec_…).');
  const port = Number(process.env.PORT ?? 8787);
  createWebhookReceiver(secret, ({ type, data }, messageId) => {
    console.log(
      `${messageId} ${type}: #${data.ticket?.number ?? '?'} ${data.ticket?.title ?? ''} (${data.ticket?.status ?? ''}) by ${data.actor?.displayName ?? 'the system'}`,
    );
  }).listen(port, () => console.log(`Receiving webhooks on http://localhost:${port}/`));
}
