// The graphql-ws protocol's close codes, spoken by a raw WebSocket client that misbehaves on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.login('admin')).accessToken;
});
afterAll(() => t.close());

/** Opens a raw graphql-transport-ws socket, sends the messages in order, resolves with the close code. */
function closeCodeAfter(messages: (Record<string, unknown> | string)[], options: { waitForAck?: boolean } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(t.wsUrl, 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('socket stayed open')), 10_000);
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', () => {});
    socket.on('open', () => {
      const [first, ...rest] = messages;
      const send = (message: Record<string, unknown> | string) => socket.send(typeof message === 'string' ? message : JSON.stringify(message));
      if (first === undefined) return;
      send(first);
      if (!options.waitForAck) return rest.forEach(send);
      socket.once('message', () => rest.forEach(send));
    });
  });
}

const init = () => ({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
const subscribe = (id: string) => ({ type: 'subscribe', id, payload: { query: 'subscription { notificationAdded { id } }' } });

describe('graphql-ws close codes', () => {
  it('4400 for a message that is not the protocol', async () => {
    expect(await closeCodeAfter(['this is not json'])).toBe(4400);
  });
  it('4401 for a subscribe before the connection is acknowledged', async () => {
    expect(await closeCodeAfter([subscribe('1')])).toBe(4401);
  });
  it('4429 for a second connection_init', async () => {
    expect(await closeCodeAfter([init(), init()], { waitForAck: true })).toBe(4429);
  });
  it('4409 for a second subscription with an id already in use', async () => {
    expect(await closeCodeAfter([init(), subscribe('same'), subscribe('same')], { waitForAck: true })).toBe(4409);
  });
  it('4408 when connection_init never comes', async () => {
    expect(await closeCodeAfter([])).toBe(4408);
  });
  it('4403 for a connection_init with a bad token', async () => {
    expect(await closeCodeAfter([{ type: 'connection_init', payload: { authorization: 'Bearer nope' } }])).toBe(4403);
  });
});
