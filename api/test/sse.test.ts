// GraphQL over Server-Sent Events at /graphql/stream (issue 24): the same authentication, read rule, query limits
// and catch-up as graphql-ws, and a stream that ends when its session does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { sseSubscribe, streamUrlOf } from './support/sse.ts';
import { createTicket, type Sessions, signInEveryone, ticketMutationOk } from './support/tickets.ts';
import { sleep } from './support/ws.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
});
afterAll(() => t.close());

const EVENTS = `subscription ($after: String, $filter: TicketEventFilter) {
  ticketEvents(afterEventId: $after, filter: $filter) { eventId type actor { username } ticket { id title status } }
}`;

type Event = {
  ticketEvents: { eventId: string; type: string; actor: { username: string } | null; ticket: { id: string; title: string; status: string } | null };
};

async function latestEventId(): Promise<string> {
  const newest = await t.db.prisma.activityLog.aggregate({ _max: { id: true } });
  return (newest._max.id ?? 0n).toString();
}

/** A raw event stream request, as curl or EventSource would send it. */
function streamRequest(query: string, headers: Record<string, string> = {}) {
  return fetch(streamUrlOf(t.url), {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
}

/** The `next` events' payloads of a whole event stream's text. */
const eventsOf = (text: string) =>
  [...text.matchAll(/^event: next\ndata: (.+)$/gm)].map((match) => JSON.parse(match[1]!) as { errors?: { extensions?: Record<string, unknown> }[] });

const codesOf = (results: { errors?: readonly { extensions?: Record<string, unknown> }[] | undefined }[]) =>
  results.flatMap((result) => (result.errors ?? []).map((error) => error.extensions?.code));

describe('ticketEvents over SSE', () => {
  it('delivers an event of a ticket the subscriber may read, and none of one it may not', async () => {
    const after = await latestEventId();
    const manager = sseSubscribe<Event>(t.url, s['marketing.manager'].token, EVENTS, { after });
    const seller = sseSubscribe<Event>(t.url, s.seller.token, EVENTS, { after });
    // The marketer's ticket is the Marketing manager's business, not the seller's; the seller's own request is theirs.
    const marketing = await createTicket(t, s.marketer.token, { title: 'SSE marketing request' });
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: marketing.id }, s['marketing.manager'].token);
    const own = await createTicket(t, s.seller.token, { title: 'SSE seller request' });

    const [created, approved] = await manager.until(2);
    expect(created!.data?.ticketEvents).toMatchObject({ type: 'CREATED', ticket: { id: marketing.id, title: 'SSE marketing request' } });
    expect(approved!.data?.ticketEvents).toMatchObject({
      type: 'STATUS_CHANGED',
      actor: { username: 'marketing.manager' },
      ticket: { status: 'PENDING_CREATIVE' },
    });
    await seller.until(1);
    await sleep(200);
    expect(seller.results.map((result) => result.data?.ticketEvents.ticket?.id)).toEqual([own.id]);
    manager.stop();
    seller.stop();
  });

  it('afterEventId replays the missed events, then goes on live', async () => {
    const ticket = await createTicket(t, s.marketer.token, { title: 'SSE replay' });
    const lastSeen = await latestEventId();
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['marketing.manager'].token);
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['creative.manager'].token);
    const missed = await t.db.prisma.activityLog.findMany({ where: { id: { gt: BigInt(lastSeen) } }, orderBy: { id: 'asc' } });
    expect(missed).toHaveLength(2);

    const resumed = sseSubscribe<Event>(t.url, s.marketer.token, EVENTS, { after: lastSeen, filter: { ticketIds: [ticket.id] } });
    const replay = await resumed.until(2);
    expect(replay.map((result) => result.data?.ticketEvents.eventId)).toEqual(missed.map((row) => row.id.toString()));
    await ticketMutationOk(t, 'assignTicket', 'AssignTicketInput', { id: ticket.id, assigneeId: s.designer.globalId }, s['creative.manager'].token);
    const all = await resumed.until(3);
    expect(all[2]!.data?.ticketEvents.type).toBe('ASSIGNED');
    resumed.stop();
  });
});

describe('who may open a stream', () => {
  it('anonymous callers and refused tokens get 401 UNAUTHENTICATED before any stream', async () => {
    const anonymous = await streamRequest('subscription { ticketEvents { eventId } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(codesOf([await anonymous.json()])).toEqual(['UNAUTHENTICATED']);

    const forged = await streamRequest('subscription { ticketEvents { eventId } }', { authorization: 'Bearer not-a-token' });
    expect(forged.status).toBe(401);
    const body = await forged.text();
    expect(codesOf([JSON.parse(body)])).toEqual(['UNAUTHENTICATED']);
    expect(body).not.toMatch(/\bat\s.+\.ts:\d+/);
  });

  it('a document that is not GraphQL, or not valid, is answered in the stream with its code (no stack trace)', async () => {
    const headers = { authorization: `Bearer ${s.marketer.token}` };
    for (const [query, code] of [
      ['subscription {', 'GRAPHQL_PARSE_FAILED'],
      ['subscription { ticketEvents { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
    ] as const) {
      const response = await streamRequest(query, headers);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = await response.text();
      expect(codesOf(eventsOf(text))).toEqual([code]);
      expect(text).toContain('event: complete');
      expect(text).not.toContain('    at ');
    }
  });

  it('the single connection mode (a reserved stream under a token) is not offered', async () => {
    const reserve = await fetch(streamUrlOf(t.url), { method: 'PUT', headers: { authorization: `Bearer ${s.marketer.token}` } });
    expect(reserve.status).toBe(405);
    expect(codesOf([await reserve.json()])).toEqual(['BAD_REQUEST']);
  });

  it('a GET event stream reaches GraphQL (not the web app), as curl or EventSource sends it', async () => {
    const url = new URL(streamUrlOf(t.url));
    url.searchParams.set('query', '{ viewer { username } }');
    const response = await fetch(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${s.marketer.token}` } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    expect(text).toContain('"username":"marketer"');
    expect(text).toContain('event: complete');
  });

  it('an over-cost subscription is refused with QUERY_TOO_COMPLEX', async () => {
    const costly = `subscription { ticketEvents { ticket { ${Array.from({ length: 15 }, (_, i) => `c${i}: comments(first: 100) { nodes { id body author { id username department { id name } } } }`).join(' ')} } } }`;
    const refused = sseSubscribe(t.url, s.marketer.token, costly);
    const [result] = await refused.until(1);
    expect(result!.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 10_000 });
    expect(JSON.stringify(result)).not.toContain('"http"');
    await refused.ended;
    refused.stop();
  });
});

describe('a stream ends with its session', () => {
  const LOGOUT = `mutation ($input: LogoutInput!) { logout(input: $input) { __typename } }`;

  it('a logout ends the stream with an UNAUTHENTICATED event; another session’s stream goes on', async () => {
    const login = () =>
      t.ok<{ login: { accessToken: string; refreshToken: string } }>(`mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`, {
        input: { username: 'designer2', password: 'demo-password' },
      });
    const [laptop, phone] = [(await login()).login, (await login()).login];
    const ending = sseSubscribe<Event>(t.url, laptop.accessToken, EVENTS);
    const going = sseSubscribe<Event>(t.url, phone.accessToken, EVENTS);
    await sleep(300);
    await t.ok(LOGOUT, { input: { refreshToken: laptop.refreshToken } }, laptop.accessToken);
    await ending.ended;
    expect(codesOf(ending.results)).toEqual(['UNAUTHENTICATED']);
    // The other session still hears its events.
    const own = await createTicket(t, phone.accessToken, { title: 'SSE after logout' });
    const [event] = await going.until(1);
    expect(event!.data?.ticketEvents.ticket?.id).toBe(own.id);
    going.stop();
  });

  it('an event stream on /graphql (Yoga’s own SSE) ends with its session too', async () => {
    const session = (
      await t.ok<{ login: { accessToken: string; refreshToken: string } }>(
        `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
        { input: { username: 'designer2', password: 'demo-password' } },
      )
    ).login;
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ query: 'subscription { ticketEvents { eventId } }' }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const whole = response.text();
    await sleep(300);
    await t.ok(LOGOUT, { input: { refreshToken: session.refreshToken } }, session.accessToken);
    expect(codesOf(eventsOf(await whole))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('a stream ends when its access token expires', () => {
  let short: TestApp;
  beforeAll(async () => {
    short = await startTestApp({ config: { accessTokenTtlSeconds: 2 } });
  });
  afterAll(() => short.close());

  it('its last event is UNAUTHENTICATED, saying the token expired', async () => {
    const { accessToken } = await short.login('marketer');
    const stream = sseSubscribe<Event>(short.url, accessToken, EVENTS);
    await stream.ended;
    expect(stream.results.at(-1)?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/expired/), extensions: { code: 'UNAUTHENTICATED' } });
    expect(errorCodes(await short.gql('{ viewer { username } }', {}, accessToken))).toEqual(['UNAUTHENTICATED']);
  });
});
