// The example receiver (docs/examples/webhook-receiver.ts) does what docs/integrations.md says: it accepts a request
// signed per Standard Webhooks with the endpoint's secret, once per webhook-id, and refuses a tampered body, a
// wrong secret and a stale timestamp without handing anything on.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookReceiver, type TicketWebhook } from './webhook-receiver.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const received: { event: TicketWebhook; messageId: string }[] = [];
const receiver = createWebhookReceiver(secret, (event, messageId) => void received.push({ event, messageId }));
let url = '';

beforeAll(async () => {
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
});

const event: TicketWebhook = {
  type: 'ticket.status_changed',
  timestamp: '2026-12-06T15:00:00.000Z',
  data: {
    eventId: '4711',
    type: 'STATUS_CHANGED',
    at: '2026-12-06T15:00:00.000Z',
    actor: { id: 'VXNlcjox', displayName: 'Dana Designer' },
    ticket: { id: 'VGlja2V0OjE=', number: 42, title: 'Spring banner', status: 'COMPLETED' },
  },
};

/** A request as the server sends it: the body, and the three headers signed with `signingSecret`. */
function signed(body: string, options: { signingSecret?: string; id?: string; at?: Date } = {}) {
  const id = options.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.signingSecret ?? secret).sign(id, at, body);
  return {
    id,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

const post = (body: string, headers: Record<string, string>) => fetch(url, { method: 'POST', headers, body });

describe('the example webhook receiver', () => {
  it('accepts a correctly signed delivery and hands on the event it carries', async () => {
    const body = JSON.stringify(event);
    const { id, headers } = signed(body);
    const response = await post(body, headers);
    expect(response.status).toBe(204);
    expect(received).toEqual([{ event, messageId: id }]);
  });

  it('hands on a retry or redelivery of the same webhook-id once', async () => {
    const body = JSON.stringify(event);
    const { headers } = signed(body);
    expect((await post(body, headers)).status).toBe(204);
    expect((await post(body, headers)).status).toBe(204);
    expect(received).toHaveLength(1);
  });

  it('refuses a tampered body', async () => {
    const body = JSON.stringify(event);
    const { headers } = signed(body);
    const tampered = body.replace('"COMPLETED"', '"CLOSED"');
    expect(tampered).not.toBe(body);
    const response = await post(tampered, headers);
    expect(response.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('refuses a request signed with another secret, a stale timestamp, or no signature', async () => {
    const body = JSON.stringify(event);
    const otherSecret = signed(body, { signingSecret: `whsec_${randomBytes(24).toString('base64')}` });
    expect((await post(body, otherSecret.headers)).status).toBe(401);
    const stale = signed(body, { at: new Date(Date.now() - 10 * 60_000) });
    expect((await post(body, stale.headers)).status).toBe(401);
    const { 'webhook-signature': _dropped, ...unsigned } = signed(body).headers;
    expect((await post(body, unsigned)).status).toBe(401);
    expect(received).toEqual([]);
  });
});
