import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { wsClient, wsQuery } from './support/ws.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('graphql-ws on the same port and path', () => {
  it('runs viewer with the token from connectionParams', async () => {
    const { accessToken } = await t.login('admin');
    const client = wsClient(t.wsUrl, accessToken);
    const result = await wsQuery<{ viewer: { username: string; role: string } }>(client, `{ viewer { username role } }`);
    expect(result.data?.viewer).toEqual({ username: 'admin', role: 'ADMIN' });
    await client.dispose();
  });

  it.each([
    ['a bad token', 'not-a-token'],
    ['no token', undefined],
  ])('closes the socket with 4403 for %s before any operation', async (_label, token) => {
    const closed = new Promise<number>((resolve) => {
      const client = wsClient(t.wsUrl, token, { onClose: (code) => resolve(code) });
      void wsQuery(client, `{ viewer { username } }`).catch(() => {});
    });
    expect(await closed).toBe(4403);
  });
});

describe('health', () => {
  it('/health and /ready answer 200 with JSON', async () => {
    const base = t.url.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', migrations: 'applied' });
  });
});
