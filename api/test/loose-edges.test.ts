// The loose edges a hostile client found (issue 10, defect 5) and TRUST_PROXY: past dates on edit, unbounded
// profile text, a body read whole however large, and a production server that toured its schema to anyone.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket } from './support/tickets.ts';

const PAST = new Date(Date.now() - 86_400_000).toISOString();
const FUTURE = new Date(Date.now() + 7 * 86_400_000).toISOString();
const UPDATE_TICKET = `mutation ($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id title } } }`;
const UPDATE_USER = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { displayName telegramUsername } } }`;

let t: TestApp;
let marketer: { accessToken: string; userId: string };

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.login('marketer');
});
afterAll(() => t.close());

const fieldOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.field;

describe('dates a request sets must lie ahead, on edit as on create', () => {
  it('refuses a past due date on edit', async () => {
    const ticket = await createTicket(t, marketer.accessToken);
    const result = await t.gql(UPDATE_TICKET, { input: { id: ticket.id, dueDate: PAST } }, marketer.accessToken);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(fieldOf(result)).toBe('dueDate');
  });

  it('refuses a past schedule on create and on edit', async () => {
    const shoot = { requestType: 'PHOTOSHOOT', scheduledStart: PAST, scheduledEnd: FUTURE };
    const created = await t.gql(
      `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }`,
      {
        input: { title: 'Product shoot', ...shoot },
      },
      marketer.accessToken,
    );
    expect(errorCodes(created)).toEqual(['BAD_USER_INPUT']);
    expect(fieldOf(created)).toBe('scheduledStart');
    const ticket = await createTicket(t, marketer.accessToken, {
      title: 'Product shoot',
      requestType: 'PHOTOSHOOT',
      scheduledStart: FUTURE,
      scheduledEnd: FUTURE.replace(/T.*/, 'T23:59:00.000Z'),
    });
    const edited = await t.gql(UPDATE_TICKET, { input: { id: ticket.id, scheduledStart: PAST } }, marketer.accessToken);
    expect(errorCodes(edited)).toEqual(['BAD_USER_INPUT']);
    expect(fieldOf(edited)).toBe('scheduledStart');
  });

  it('a deadline that has passed since does not block editing other fields', async () => {
    const ticket = await createTicket(t, marketer.accessToken, { dueDate: FUTURE });
    await t.db.prisma.ticket.update({ where: { number: ticket.number }, data: { dueDate: new Date(PAST) } });
    const result = await t.ok<{ updateTicket: { ticket: { title: string } } }>(
      UPDATE_TICKET,
      { input: { id: ticket.id, title: 'Renamed' } },
      marketer.accessToken,
    );
    expect(result.updateTicket.ticket.title).toBe('Renamed');
  });
});

describe('profile text is bounded', () => {
  it.each([
    ['displayName', 'x'.repeat(5000)],
    ['telegramUsername', 'x'.repeat(5000)],
    ['telegramUsername', 'not a handle!'],
  ])('refuses %s of %#', async (field, value) => {
    const result = await t.gql(UPDATE_USER, { input: { id: marketer.userId, [field]: value } }, marketer.accessToken);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(fieldOf(result)).toBe(field);
  });

  it('accepts ordinary values, and a Telegram handle with its @', async () => {
    const result = await t.ok<{ updateUser: { user: { displayName: string; telegramUsername: string } } }>(
      UPDATE_USER,
      { input: { id: marketer.userId, displayName: 'Mara Keting', telegramUsername: '@mara_keting' } },
      marketer.accessToken,
    );
    expect(result.updateUser.user).toEqual({ displayName: 'Mara Keting', telegramUsername: 'mara_keting' });
  });
});

/** A raw POST, to control the headers and the body's framing. */
function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('request bodies are bounded before they are read', () => {
  it('answers 413 to a 20 MB JSON body', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(20 * 1024 * 1024) } });
    const response = await post(t.url, body, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }).catch(
      // The server may close the connection before the client finished sending: that is the point.
      (error: NodeJS.ErrnoException) => ({ status: error.code === 'EPIPE' || error.code === 'ECONNRESET' ? 413 : 0, body: '' }),
    );
    expect(response.status).toBe(413);
  });

  it('answers 411 to a body of unknown length', async () => {
    const response = await post(t.url, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(response.status).toBe(411);
  });

  it('still serves an ordinary request', async () => {
    expect((await t.ok<{ __typename: string }>('{ __typename }')).__typename).toBe('Query');
  });
});

describe('production: no schema tour for anonymous callers', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => prod.close());

  it('serves GraphiQL from its own assets (graphiql.test.ts); without credentials it can tour nothing (below)', async () => {
    const response = await fetch(prod.url, { headers: { accept: 'text/html' } });
    expect(await response.text()).toMatch(/src="\/graphiql\/graphiql\.js"/);
  });

  it('refuses introspection without credentials and keeps it for signed-in callers', async () => {
    const INTROSPECT = '{ __schema { queryType { name } } }';
    expect(errorCodes(await prod.gql(INTROSPECT))).not.toEqual([]);
    const { accessToken } = await prod.login('designer', DEMO_PASSWORD);
    expect((await prod.ok<{ __schema: { queryType: { name: string } } }>(INTROSPECT, {}, accessToken)).__schema.queryType.name).toBe('Query');
  });

  it('suggests no field names to anonymous callers, and does to signed-in ones', async () => {
    const TYPO = '{ viewr { id } }';
    const anonymous = await prod.gql(TYPO);
    expect(anonymous.errors?.[0]?.message).toMatch(/Cannot query field "viewr"/);
    expect(anonymous.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const { accessToken } = await prod.login('designer', DEMO_PASSWORD);
    expect((await prod.gql(TYPO, {}, accessToken)).errors?.[0]?.message).toMatch(/Did you mean "viewer"/);
  });
});

describe('TRUST_PROXY decides whether X-Forwarded-For names the client', () => {
  const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';
  const limits = {
    perUsernameAndAddress: 2,
    perAddress: 50,
    usernameSlowdownAfter: 50,
    slowdownStepMs: 10,
    maxSlowdownMs: 100,
    windowSeconds: 60,
    usernameWindowSeconds: 60,
  };
  // Documentation addresses (TEST-NET-2), only ever written into the header: nothing is sent to them.
  const loginVia = (app: TestApp, forwardedFor: string, password: string) =>
    post(app.url, JSON.stringify({ query: LOGIN, variables: { input: { username: 'designer2', password } } }), {
      'content-type': 'application/json',
      'x-forwarded-for': forwardedFor,
    }).then((response) => errorCodes(JSON.parse(response.body)));

  it('behind one trusted proxy, clients are told apart by the address it saw', async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: '1' }, app: { loginLimits: limits } });
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) expect(await loginVia(proxied, '198.51.100.7', 'wrong-password')).toEqual(['UNAUTHENTICATED']);
      expect(await loginVia(proxied, '198.51.100.7', DEMO_PASSWORD)).toEqual(['RATE_LIMITED']);
      expect(await loginVia(proxied, '198.51.100.8', DEMO_PASSWORD)).toEqual([]);
      // Whatever the client wrote left of the proxy's entry is not believed.
      expect(await loginVia(proxied, '198.51.100.8, 198.51.100.7', DEMO_PASSWORD)).toEqual(['RATE_LIMITED']);
    } finally {
      await proxied.close();
    }
  });

  it('by default the header is ignored: a client cannot pick its own address', async () => {
    const direct = await startTestApp({ app: { loginLimits: limits } });
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) expect(await loginVia(direct, '198.51.100.7', 'wrong-password')).toEqual(['UNAUTHENTICATED']);
      expect(await loginVia(direct, '198.51.100.9', DEMO_PASSWORD)).toEqual(['RATE_LIMITED']);
    } finally {
      await direct.close();
    }
  });
});
