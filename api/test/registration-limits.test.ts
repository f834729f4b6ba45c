// Self-registration is metered per address and in all (each pending account reserves a username and an
// email), pending accounts expire, and an admin can decline one, freeing its names. Client addresses come
// from X-Forwarded-For (TRUST_PROXY), so one test plays many clients.
import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLResponse, startTestApp, type TestApp } from './support/app.ts';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { pendingApproval user { id username } } }`;
const DECLINE = `mutation ($input: DeclineRegistrationInput!) { declineRegistration(input: $input) { declinedUserId username } }`;
const PER_ADDRESS = 5;
const GLOBAL = 10;
let t: TestApp;
let salesId: string;

beforeAll(async () => {
  t = await startTestApp({
    env: {
      TRUST_PROXY: 'true',
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: String(PER_ADDRESS),
      REGISTRATIONS_PER_HOUR: String(GLOBAL),
      PENDING_REGISTRATION_DAYS: '7',
    },
  });
  salesId = await salesOf(t);
});

async function salesOf(app: TestApp): Promise<string> {
  const { departments } = await app.ok<{ departments: { id: string; name: string }[] }>(`{ departments { id name } }`);
  return departments.find((department) => department.name === 'Sales')!.id;
}
afterAll(() => t.close());

type Registered = { register: { pendingApproval: boolean; user: { id: string; username: string } } };

async function registerFrom(address: string, username: string, app = t, departmentId = salesId): Promise<GraphQLResponse<Registered>> {
  const input = { username, email: `${username}@example.com`, password: 'a-long-password', displayName: username, departmentId };
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: REGISTER, variables: { input } }),
  });
  return (await response.json()) as GraphQLResponse<Registered>;
}

describe('registration limits', () => {
  it('100 registrations from one address in 10 s: a handful accepted, RATE_LIMITED after', async () => {
    const started = Date.now();
    const codes: (string | undefined)[] = [];
    for (let index = 0; index < 100; index += 1) {
      const result = await registerFrom('203.0.113.7', `flood${index}`);
      codes.push(errorCodes(result)[0] ?? 'OK');
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(codes.slice(0, PER_ADDRESS)).toEqual(Array(PER_ADDRESS).fill('OK'));
    expect(codes.slice(PER_ADDRESS)).toEqual(Array(100 - PER_ADDRESS).fill('RATE_LIMITED'));
    // Refused ones reserved nothing.
    expect(await t.db.prisma.user.count({ where: { username: { startsWith: 'flood' } } })).toBe(PER_ADDRESS);
    const refused = await registerFrom('203.0.113.7', 'flood-late');
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another address is not held back by this one's count.
    expect(errorCodes(await registerFrom('203.0.113.8', 'elsewhere'))).toEqual([]);
  });

  it('an admin declines a pending account: it is deleted and its username is free again', async () => {
    const pending = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'flood0' } });
    const id = encodeGlobalID('User', pending.id);
    const member = await t.login('designer');
    expect(errorCodes(await t.gql(DECLINE, { input: { id } }, member.accessToken))).toEqual(['FORBIDDEN']);
    const admin = await t.login('admin');
    // login's user id is already a global ID.
    expect(errorCodes(await t.gql(DECLINE, { input: { id: member.userId } }, admin.accessToken))).toEqual(['BAD_USER_INPUT']);

    const declined = await t.ok(DECLINE, { input: { id } }, admin.accessToken);
    expect(declined.declineRegistration).toEqual({ declinedUserId: id, username: 'flood0' });
    expect(await t.db.prisma.user.findUnique({ where: { username: 'flood0' } })).toBeNull();
    expect(errorCodes(await t.gql(DECLINE, { input: { id } }, admin.accessToken))).toEqual(['NOT_FOUND']);
    // The name (and email) can be registered again.
    const again = await registerFrom('192.0.2.50', 'flood0');
    expect(errorCodes(again)).toEqual([]);
    expect(again.data?.register.user.id).not.toBe(id);
  });

  it('a pending account older than PENDING_REGISTRATION_DAYS is deleted at the next registration, freeing its name', async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await t.db.prisma.user.update({ where: { username: 'flood1' }, data: { createdAt: eightDaysAgo } });
    const sixDaysAgo = new Date(Date.now() - 6 * 86_400_000);
    await t.db.prisma.user.update({ where: { username: 'flood2' }, data: { createdAt: sixDaysAgo } });
    // Approved accounts never expire, however old.
    await t.db.prisma.user.update({ where: { username: 'designer' }, data: { createdAt: eightDaysAgo } });
    expect(errorCodes(await registerFrom('192.0.2.51', 'flood1'))).toEqual([]);
    expect(await t.db.prisma.user.findUnique({ where: { username: 'flood2' } })).not.toBeNull();
    expect(await t.db.prisma.user.findUnique({ where: { username: 'designer' } })).not.toBeNull();
  });

  it('many addresses together stop at the global limit', async () => {
    // 8 of the 10 were spent above (6 + 1 + 1); two more from fresh addresses pass, the next is refused.
    for (const address of ['198.51.100.1', '198.51.100.2']) {
      expect(errorCodes(await registerFrom(address, `spread${address.split('.').pop()}`))).toEqual([]);
    }
    expect(errorCodes(await registerFrom('198.51.100.3', 'spread3'))).toEqual(['RATE_LIMITED']);
  });
});

describe('registration limits in Redis (shared by every instance)', () => {
  const env = { TRUST_PROXY: 'true', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `registration-${randomUUID()}:` };
  let one: TestApp;
  let two: TestApp;
  const departmentOf = new Map<TestApp, string>();

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestApp({ env }), startTestApp({ env })]);
    for (const app of [one, two]) departmentOf.set(app, await salesOf(app));
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('one address spread over two instances still gets only its handful', async () => {
    const codes: (string | undefined)[] = [];
    for (let index = 0; index < 20; index += 1) {
      const app = index % 2 ? two : one;
      const result = await registerFrom('203.0.113.99', `spread.flood${index}`, app, departmentOf.get(app));
      codes.push(errorCodes(result)[0] ?? 'OK');
    }
    expect(codes.filter((code) => code === 'OK')).toHaveLength(5);
    expect(codes.slice(5)).toEqual(Array(15).fill('RATE_LIMITED'));
  });
});
