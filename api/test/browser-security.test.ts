// What a browser is told about this server: security headers on every answer (a CSP, no framing, no referrer,
// no sniffing, HSTS only behind TLS), CORS only for the listed origins, and the refresh token in an HttpOnly,
// SameSite=Strict cookie on /graphql that needs the CSRF header, beside the body form third-party tools use.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, errorCodes, type GraphQLResponse, startTestApp, type TestApp } from './support/app.ts';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken refreshTokenExpiresAt } }`;
const REFRESH = `mutation ($input: RefreshTokenInput) { refreshToken(input: $input) { accessToken refreshToken refreshTokenExpiresAt } }`;
const LOGOUT = `mutation ($input: LogoutInput) { logout(input: $input) { success } }`;
const VIEWER = `{ viewer { username } }`;
const CSRF = { 'x-graphql-yoga-csrf': '1' };

type Answer = { status: number; headers: Headers; body: GraphQLResponse; cookies: string[] };

async function post(t: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse, cookies: response.headers.getSetCookie() };
}

/** The refresh cookie's value in a Set-Cookie list, and the header it came in. */
function refreshCookie(cookies: string[]): { value: string; header: string } | undefined {
  const header = cookies.find((cookie) => cookie.startsWith('juan365_refresh='));
  return header ? { value: header.slice('juan365_refresh='.length).split(';', 1)[0] ?? '', header } : undefined;
}

/** fetch cannot set Host: a login over node:http naming another host. */
function loginCookiesWithHost(t: TestApp, host: string): Promise<string[]> {
  const body = JSON.stringify({ query: LOGIN, variables: { input: { username: 'designer', password: DEMO_PASSWORD } } });
  return new Promise((resolve, reject) => {
    const req = request(t.url, { method: 'POST', headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve([res.headers['set-cookie'] ?? []].flat()));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const login = (t: TestApp, headers: Record<string, string> = {}) => post(t, LOGIN, { input: { username: 'designer', password: DEMO_PASSWORD } }, headers);

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '1' } });
  }, 60_000);
  afterAll(() => t?.close());

  it('puts the CSP, frame, referrer and sniffing headers on the web app, GraphiQL, the API and /health', async () => {
    const origin = new URL(t.url).origin;
    const answers = [
      await fetch(`${origin}/`),
      await fetch(`${origin}/tickets/some-client-route`),
      await fetch(t.url, { headers: { accept: 'text/html' } }),
      await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: VIEWER }) }),
      await fetch(`${origin}/health`),
    ];
    for (const answer of answers) {
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('strict-transport-security')).toBeNull();
    }
    expect(answers[0]?.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answers[2]?.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('sends HSTS only when a trusted proxy says the request came over TLS', async () => {
    const behindTls = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: '{"query":"{ __typename }"}',
    });
    expect(behindTls.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const plain = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'http' },
      body: '{"query":"{ __typename }"}',
    });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('HSTS without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  }, 60_000);
  afterAll(() => t?.close());

  it('ignores X-Forwarded-Proto from anyone when TRUST_PROXY is unset', async () => {
    const answer = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: '{"query":"{ __typename }"}',
    });
    expect(answer.headers.get('strict-transport-security')).toBeNull();
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { CORS_ORIGINS: 'https://app.example,https://other.example' } });
  }, 60_000);
  afterAll(() => t?.close());

  const corsHeaders = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith('access-control-'));
  const query = (origin: string) =>
    fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: '{"query":"{ __typename }"}' });
  const preflight = (origin: string) =>
    fetch(t.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('answers a listed origin with that origin and credentials', async () => {
    for (const answer of [await query('https://app.example'), await preflight('https://other.example')]) {
      const origin = answer.headers.get('access-control-allow-origin');
      expect(['https://app.example', 'https://other.example']).toContain(origin);
      expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
      expect(answer.headers.get('vary')).toMatch(/origin/i);
    }
  });

  it('gives an unlisted origin, `null` included, no CORS header at all', async () => {
    for (const origin of ['https://evil.example', 'null', 'https://app.example.evil.example']) {
      expect(corsHeaders((await query(origin)).headers)).toEqual([]);
      expect(corsHeaders((await preflight(origin)).headers)).toEqual([]);
    }
  });
});

describe('the refresh-token cookie', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '1' } });
  }, 60_000);
  afterAll(() => t?.close());

  it('is set at login: HttpOnly, SameSite=Strict, only for /graphql, as long as the token lives; Secure except on plain http to loopback', async () => {
    const answer = await login(t);
    const cookie = refreshCookie(answer.cookies);
    expect(cookie?.value).toBe((answer.body.data as { login: { refreshToken: string } }).login.refreshToken);
    const attributes = cookie?.header.split(';').map((part) => part.trim()) ?? [];
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/graphql']));
    const maxAge = Number(attributes.find((part) => part.startsWith('Max-Age='))?.slice('Max-Age='.length));
    expect(maxAge).toBeGreaterThan(30 * 86_400 - 60);
    expect(maxAge).toBeLessThanOrEqual(30 * 86_400);
    expect(attributes).not.toContain('Secure');
    expect(answer.headers.get('cache-control')).toBe('no-store');

    const overTls = refreshCookie((await login(t, { 'x-forwarded-proto': 'https' })).cookies);
    expect(overTls?.header).toMatch(/; Secure(;|$)/);
    // Plain http to another host: Secure all the same (a browser then keeps the cookie only over https).
    const otherHost = refreshCookie(await loginCookiesWithHost(t, 'tickets.example.com'));
    expect(otherHost?.header).toMatch(/; Secure(;|$)/);
  });

  it('refreshes with the cookie and the CSRF header: the new token goes into the cookie only, the old one is spent', async () => {
    const first = refreshCookie((await login(t)).cookies)?.value ?? '';
    const answer = await post(t, REFRESH, {}, { cookie: `juan365_refresh=${first}`, ...CSRF });
    expect(answer.body.errors).toBeUndefined();
    const payload = (answer.body.data as { refreshToken: { accessToken: string; refreshToken: string | null; refreshTokenExpiresAt: string } }).refreshToken;
    expect(payload.refreshToken).toBeNull();
    expect(Date.parse(payload.refreshTokenExpiresAt)).toBeGreaterThan(Date.now());
    const second = refreshCookie(answer.cookies)?.value;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect((await t.ok(VIEWER, {}, payload.accessToken)).viewer.username).toBe('designer');

    // The spent cookie again is reuse: refused, the cookie cleared, and the session ended.
    const replay = await post(t, REFRESH, {}, { cookie: `juan365_refresh=${first}`, ...CSRF });
    expect(errorCodes(replay.body)).toEqual(['UNAUTHENTICATED']);
    expect(refreshCookie(replay.cookies)?.header).toMatch(/Max-Age=0/);
    expect(errorCodes(await post(t, REFRESH, {}, { cookie: `juan365_refresh=${second}`, ...CSRF }).then((a) => a.body))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses the cookie without the CSRF header, and leaves its token unspent', async () => {
    const token = refreshCookie((await login(t)).cookies)?.value ?? '';
    const refused = await post(t, REFRESH, {}, { cookie: `juan365_refresh=${token}` });
    expect(errorCodes(refused.body)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors?.[0]?.message).toMatch(/x-graphql-yoga-csrf/);
    expect(refused.cookies).toEqual([]);
    const logoutRefused = await post(t, LOGOUT, {}, { cookie: `juan365_refresh=${token}` });
    expect(errorCodes(logoutRefused.body)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes((await post(t, REFRESH, {}, { cookie: `juan365_refresh=${token}`, ...CSRF })).body)).toEqual([]);
  });

  it('keeps the body form for third-party tools: the token in, the next one in the payload, no cookie', async () => {
    const first = (await t.login('designer')).refreshToken;
    const answer = await post(t, REFRESH, { input: { refreshToken: first } });
    const payload = (answer.body.data as { refreshToken: { refreshToken: string } }).refreshToken;
    expect(payload.refreshToken).toMatch(/^[\w-]{40,}$/);
    expect(refreshCookie(answer.cookies)).toBeUndefined();
    expect(errorCodes((await post(t, REFRESH, { input: { refreshToken: payload.refreshToken } })).body)).toEqual([]);
  });

  it('without a token in the body or a cookie, refreshToken is UNAUTHENTICATED', async () => {
    expect(errorCodes((await post(t, REFRESH, {}, CSRF)).body)).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes((await post(t, REFRESH, { input: {} })).body)).toEqual(['UNAUTHENTICATED']);
  });

  it('logout with the cookie ends its session and clears the cookie', async () => {
    const token = refreshCookie((await login(t)).cookies)?.value ?? '';
    const answer = await post(t, LOGOUT, {}, { cookie: `juan365_refresh=${token}`, ...CSRF });
    expect(answer.body.errors).toBeUndefined();
    expect(refreshCookie(answer.cookies)?.header).toMatch(/^juan365_refresh=;.*Max-Age=0/);
    expect(errorCodes((await post(t, REFRESH, {}, { cookie: `juan365_refresh=${token}`, ...CSRF })).body)).toEqual(['UNAUTHENTICATED']);
  });
});
