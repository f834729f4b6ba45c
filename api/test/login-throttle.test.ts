import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ app: { loginLimits: { perUsername: 3, perAddress: 6, windowSeconds: 60 } } });
});
afterAll(() => t.close());

describe('login throttling', () => {
  it('per username: after 3 failures even the right password gets RATE_LIMITED', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(errorCodes(await t.gql(LOGIN, { input: { username: 'designer', password: 'wrong-password' } }))).toEqual(['UNAUTHENTICATED']);
    }
    const blocked = await t.gql(LOGIN, { input: { username: 'designer', password: 'demo-password' } });
    expect(errorCodes(blocked)).toEqual(['RATE_LIMITED']);
    expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Other usernames are not affected by that counter.
    expect((await t.ok(LOGIN, { input: { username: 'designer2', password: 'demo-password' } })).login.accessToken).toBeTruthy();
  });

  it('per address: failures spread over many usernames are stopped too', async () => {
    // 3 failures above came from this address; 3 more reach the address limit of 6.
    for (const username of ['nobody1', 'nobody2', 'nobody3']) {
      expect(errorCodes(await t.gql(LOGIN, { input: { username, password: 'wrong-password' } }))).toEqual(['UNAUTHENTICATED']);
    }
    expect(errorCodes(await t.gql(LOGIN, { input: { username: 'marketer', password: 'demo-password' } }))).toEqual(['RATE_LIMITED']);
  });
});
