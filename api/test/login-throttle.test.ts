// Login throttling protects without letting anyone lock a user out (OWASP): guesses are locked out per
// (username, address) and per address, and slowed down (never locked) per username across addresses. Requests come from
// distinct loopback addresses (127.0.0.x) so the server sees several real clients.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, slowdownMs } from '../src/auth/login-throttle.ts';
import { DEMO_PASSWORD, errorCodes, type GraphQLResponse, startTestApp, type TestApp } from './support/app.ts';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
const LIMITS = {
  perUsernameAndAddress: 3,
  perAddress: 6,
  usernameSlowdownAfter: 7,
  slowdownStepMs: 50,
  maxSlowdownMs: 200,
  windowSeconds: 60,
  usernameWindowSeconds: 60,
};
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({
    app: { loginLimits: LIMITS },
  });
});
afterAll(() => t.close());

/** A login sent from the given local address. */
function loginFrom(localAddress: string, username: string, password: string, app = t): Promise<GraphQLResponse> {
  const url = new URL(app.url);
  const body = JSON.stringify({ query: LOGIN, variables: { input: { username, password } } });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as GraphQLResponse));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const codesOf = async (response: Promise<GraphQLResponse>) => errorCodes(await response);

describe('login throttling', () => {
  it('one address guessing one account is stopped, even with the right password, from that address only', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await codesOf(loginFrom('127.0.0.11', 'designer', 'wrong-password'))).toEqual(['UNAUTHENTICATED']);
    }
    const blocked = await loginFrom('127.0.0.11', 'designer', DEMO_PASSWORD);
    expect(errorCodes(blocked)).toEqual(['RATE_LIMITED']);
    expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // The owner, elsewhere, is not locked out by someone else's guessing.
    expect(await codesOf(loginFrom('127.0.0.12', 'designer', DEMO_PASSWORD))).toEqual([]);
    // Other accounts from the guessing address are not affected by that pair's counter.
    expect(await codesOf(loginFrom('127.0.0.11', 'designer2', DEMO_PASSWORD))).toEqual([]);
  });

  it('one address spraying many usernames is stopped', async () => {
    for (const username of ['nobody1', 'nobody2', 'nobody3', 'nobody4', 'nobody5', 'nobody6']) {
      expect(await codesOf(loginFrom('127.0.0.21', username, 'wrong-password'))).toEqual(['UNAUTHENTICATED']);
    }
    expect(await codesOf(loginFrom('127.0.0.21', 'marketer', DEMO_PASSWORD))).toEqual(['RATE_LIMITED']);
    expect(await codesOf(loginFrom('127.0.0.22', 'marketer', DEMO_PASSWORD))).toEqual([]);
  });

  it('guessing one account from many addresses slows its logins down, a bounded wait, never a lock', async () => {
    // A single address gives up after its pair limit of 3: those failures alone stay under the slowdown's 7.
    for (let attempt = 0; attempt < 5; attempt += 1) await loginFrom('127.0.0.31', 'seller', 'wrong-password');
    expect(await codesOf(loginFrom('127.0.0.32', 'seller', DEMO_PASSWORD))).toEqual([]);
    // The success reset the account count; now guesses spread over three addresses (3 + 3 + 1 = 7).
    for (const from of ['127.0.0.33', '127.0.0.34']) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(await codesOf(loginFrom(from, 'seller', 'wrong-password'))).toEqual(['UNAUTHENTICATED']);
      }
    }
    expect(await codesOf(loginFrom('127.0.0.35', 'seller', 'wrong-password'))).toEqual(['UNAUTHENTICATED']);
    // 7 failures: from here every login of 'seller' waits before its password is checked, the right one too.
    const started = performance.now();
    expect(await codesOf(loginFrom('127.0.0.36', 'seller', DEMO_PASSWORD))).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(LIMITS.slowdownStepMs - 5);
  });

  it('11 addresses × 5 wrong passwords do not lock the owner out: the right one from a 12th address signs in', async () => {
    const addresses = Array.from({ length: 11 }, (_, index) => `127.0.0.${101 + index}`);
    const seen: (string | undefined)[] = [];
    for (const from of addresses) {
      for (let attempt = 0; attempt < 5; attempt += 1) seen.push(...(await codesOf(loginFrom(from, 'designer2', 'wrong-password'))));
    }
    // Each address was locked out of this account after its own 3 guesses; 33 failures in all.
    expect(seen.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(33);
    expect(seen.filter((code) => code === 'RATE_LIMITED')).toHaveLength(22);
    const started = performance.now();
    const owner = await loginFrom('127.0.0.112', 'designer2', DEMO_PASSWORD);
    expect(errorCodes(owner)).toEqual([]);
    expect((owner.data as { login: { accessToken: string } }).login.accessToken).toBeTruthy();
    // Slowed by the bounded wait (33 failures is far past 7: the maximum), not refused.
    expect(performance.now() - started).toBeGreaterThanOrEqual(LIMITS.maxSlowdownMs - 5);
  });

  it('the slowdown grows with the failures past the threshold and stops at its maximum', () => {
    expect(slowdownMs(LIMITS, 0)).toBe(0);
    expect(slowdownMs(LIMITS, 6)).toBe(0);
    expect(slowdownMs(LIMITS, 7)).toBe(50);
    expect(slowdownMs(LIMITS, 8)).toBe(100);
    expect(slowdownMs(LIMITS, 1_000)).toBe(200);
  });
});

describe('login throttling in Redis, with the default lockout numbers', () => {
  // The defaults' pair (5) and address (30) limits and slowdown threshold (20); shorter waits.
  const limits = { ...DEFAULT_LOGIN_LIMITS, slowdownStepMs: 10, maxSlowdownMs: 100 };
  let redisApp: TestApp;

  beforeAll(async () => {
    const env = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `login-${randomUUID()}:` };
    redisApp = await startTestApp({ env, app: { loginLimits: limits } });
  });
  afterAll(() => redisApp?.close());

  it('11 addresses × 5 wrong passwords, then the right one from a 12th address: signed in', async () => {
    for (let address = 0; address < 11; address += 1) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect(await codesOf(loginFrom(`127.0.1.${10 + address}`, 'designer', 'wrong-password', redisApp))).toEqual(['UNAUTHENTICATED']);
      }
    }
    // Each of those addresses is now locked out of this account, the right password too.
    expect(await codesOf(loginFrom('127.0.1.10', 'designer', DEMO_PASSWORD, redisApp))).toEqual(['RATE_LIMITED']);
    const started = performance.now();
    expect(await codesOf(loginFrom('127.0.1.30', 'designer', DEMO_PASSWORD, redisApp))).toEqual([]);
    // 55 failures: the slowdown's maximum, shared through Redis.
    expect(performance.now() - started).toBeGreaterThanOrEqual(limits.maxSlowdownMs - 5);
  });
});
