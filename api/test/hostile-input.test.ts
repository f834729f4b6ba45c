// Input a hostile or broken client sends, answered as the client's mistake and promptly (issue 21, item 8):
// variables nested 100,000 deep, a NUL in an export's query parameters or a GraphQL search, and an update
// that is not JSON posted to the Telegram webhook with the right secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_INPUT_DEPTH } from '../src/domain/text.ts';
import { errorCodes, type GraphQLResponse, startTestApp, type TestApp } from './support/app.ts';
import type { FakeTelegram } from './support/fake-telegram.ts';
import { startTelegramTestApp, WEBHOOK_SECRET } from './support/telegram-app.ts';
import { createTicket, type Sessions, signInEveryone } from './support/tickets.ts';

/** A value nested `levels` deep in arrays (compact: 100,000 levels are 200 kB of JSON). */
function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

/** The same as JSON text, written out: JSON.stringify itself overflows the stack at 100,000 levels. */
const nestedJson = (levels: number) => `${'['.repeat(levels)}"leaf"${']'.repeat(levels)}`;

describe('hostile input over HTTP and WebSocket', () => {
  let t: TestApp;
  let s: Sessions;

  beforeAll(async () => {
    t = await startTestApp({ env: { REQUEST_BODY_MAX_BYTES: String(1024 * 1024) } });
    s = await signInEveryone(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const SEARCH = 'query ($filter: TicketFilter) { tickets(filter: $filter, first: 5) { nodes { id } } }';

  it('refuses variables nested 100,000 deep with BAD_USER_INPUT, not a stack overflow', async () => {
    const body = `{"query": ${JSON.stringify(SEARCH)}, "variables": {"filter": {"search": ${nestedJson(100_000)}}}}`;
    const response = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.admin.token}` }, body });
    const answer = (await response.json()) as GraphQLResponse;
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors?.[0]?.message).toMatch(new RegExp(`^Variable \\$filter\\.search(\\[0\\])+ is nested deeper than ${MAX_INPUT_DEPTH} levels\\.$`));
    // The server is fine afterwards.
    expect((await t.ok('{ viewer { username } }', {}, s.admin.token)).viewer.username).toBe('admin');
  });

  it('refuses the same over WebSocket', async () => {
    const socket = new WebSocket(t.wsUrl, 'graphql-transport-ws');
    const messages: { type: string; payload?: unknown }[] = [];
    const next = (type: string) =>
      new Promise<{ type: string; payload?: unknown }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} message; got ${JSON.stringify(messages)}`)), 5000);
        const check = () => {
          const found = messages.find((message) => message.type === type);
          if (!found) return;
          clearTimeout(timer);
          socket.off('message', check);
          resolve(found);
        };
        socket.on('message', check);
        check();
      });
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    try {
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${s.admin.token}` } }));
      await next('connection_ack');
      socket.send(
        `{"id": "1", "type": "subscribe", "payload": {"query": ${JSON.stringify(SEARCH)}, "variables": {"filter": {"search": ${nestedJson(100_000)}}}}}`,
      );
      const answer = (await next('next')).payload as GraphQLResponse;
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    } finally {
      socket.close();
    }
  });

  it('accepts input nested to the limit (the guard does not refuse ordinary deep input)', async () => {
    // $filter is level 1, so this array is as deep as the limit allows; the schema then refuses its type.
    const answer = await t.gql(SEARCH, { filter: { search: nested(MAX_INPUT_DEPTH - 2) } }, s.admin.token);
    expect(answer.errors?.[0]?.message).not.toMatch(/nested deeper/);
  });

  it('refuses a NUL in a GraphQL search, as a variable or written in the document', async () => {
    const asVariable = await t.gql(SEARCH, { filter: { search: 'a\u0000b' } }, s.admin.token);
    expect(errorCodes(asVariable)).toEqual(['BAD_USER_INPUT']);
    expect(asVariable.errors?.[0]?.message).toBe('Variable $filter.search contains a NUL character.');
    const inDocument = await t.gql('{ tickets(filter: { search: "a\\u0000b" }, first: 5) { nodes { id } } }', {}, s.admin.token);
    expect(errorCodes(inDocument)).toEqual(['BAD_USER_INPUT']);
    const users = await t.gql('query ($q: String) { users(filter: { search: $q }, first: 5) { nodes { id } } }', { q: 'x\u0000' }, s.admin.token);
    expect(errorCodes(users)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers search=a%00b on the tickets export with 400 naming the parameter', async () => {
    await createTicket(t, s.marketer.token, { title: 'A banner' });
    const response = await fetch(new URL('/export/tickets.csv?search=a%00b', t.url), { headers: { authorization: `Bearer ${s.admin.token}` } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors?.[0]).toEqual({ message: 'search contains a NUL character.', extensions: { code: 'BAD_USER_INPUT', field: 'search' } });
    // Any parameter of either export, also one it ignores.
    const ignored = await fetch(new URL('/export/analytics.csv?from=2026-01-01&to=2026-02-01&note=x%00', t.url), {
      headers: { authorization: `Bearer ${s.admin.token}` },
    });
    expect(ignored.status).toBe(400);
    expect(((await ignored.json()) as GraphQLResponse).errors?.[0]?.message).toBe('note contains a NUL character.');
    // A plain search still exports.
    const plain = await fetch(new URL('/export/tickets.csv?search=banner', t.url), { headers: { authorization: `Bearer ${s.admin.token}` } });
    expect(plain.status).toBe(200);
    expect(await plain.text()).toMatch(/A banner/);
  });
});

describe('the Telegram webhook and a body that is not JSON', () => {
  let t: TestApp;
  let fake: FakeTelegram;

  beforeAll(async () => {
    ({ t, fake } = await startTelegramTestApp());
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const post = (body: string, secret: string) =>
    fetch(new URL('/telegram/webhook', t.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body,
      signal: AbortSignal.timeout(5000),
    });

  it('answers malformed JSON with the right secret 400 at once', async () => {
    const response = await post('{"update_id": 1, "message": ', WEBHOOK_SECRET);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, description: 'The update is not valid JSON.' });
  });

  it('still answers it 401 without the secret, and a valid update 200', async () => {
    expect((await post('{"update_id": 1, "message": ', 'wrong-secret-000000')).status).toBe(401);
    expect((await post(JSON.stringify({ update_id: 2 }), WEBHOOK_SECRET)).status).toBe(200);
  });
});
