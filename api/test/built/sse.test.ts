// GraphQL over SSE through the build people run: @graphql-yoga/plugin-graphql-sse and graphql-sse are bundled
// (scripts/build-api.mjs), so a subscriber on /graphql/stream of the built server must hear a ticket event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, cleanUpBuiltServers, startBuiltServer } from '../support/built-server.ts';
import { sseSubscribe } from '../support/sse.ts';
import { createTicket } from '../support/tickets.ts';
import { sleep } from '../support/ws.ts';

let server: BuiltServer;

beforeAll(async () => {
  server = await startBuiltServer();
});

afterAll(async () => {
  await server?.stop();
  await cleanUpBuiltServers();
});

describe('the built server over SSE', () => {
  it('a subscriber on /graphql/stream hears a ticket it may read being created', async () => {
    const manager = await server.login('marketing.manager');
    const events = sseSubscribe<{ ticketEvents: { type: string; ticket: { title: string } } }>(
      server.url,
      manager.accessToken,
      'subscription { ticketEvents { type ticket { title } } }',
    );
    await sleep(300);
    const marketer = await server.login('marketer');
    await createTicket(server, marketer.accessToken, { title: 'Heard over SSE' });
    const [event] = await events.until(1, 10_000);
    expect(event!.data?.ticketEvents).toEqual({ type: 'CREATED', ticket: { title: 'Heard over SSE' } });
    events.stop();
  });
});
