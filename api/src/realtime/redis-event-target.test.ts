// The Redis event target never leaves a promise unheard: a refused PUBLISH is reported to onError (not an
// unhandled rejection), an event published while the publisher is down is delivered on this instance instead,
// and a message from Redis reaches the listeners of its channel. On the test's own redis-server.
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type TestRedisServer } from '../../test/support/redis-server.ts';
import { createRedisEventTarget } from './redis-event-target.ts';

let server: TestRedisServer;
const clients: Redis[] = [];
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);

/** A client of the test's own; its connection errors at teardown are expected, so heard and dropped. */
function client(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, options);
  redis.on('error', () => {});
  clients.push(redis);
  return redis;
}

async function connect(url: string): Promise<Redis> {
  const redis = client(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

const received = (target: ReturnType<typeof createRedisEventTarget>, channel: string) => {
  const details: unknown[] = [];
  target.addEventListener(channel, (event) => details.push((event as CustomEvent).detail));
  return details;
};

const until = async (done: () => boolean) => {
  for (let waited = 0; !done() && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
};

beforeAll(async () => {
  process.on('unhandledRejection', recordUnhandled);
  server = await startRedisServer();
  const admin = await connect(server.url);
  // A user who may subscribe but not publish: Redis refuses its PUBLISH, every time.
  await admin.call('ACL', 'SETUSER', 'listener', 'on', 'nopass', '~*', '&*', '+@all', '-publish');
});
afterAll(async () => {
  for (const redis of clients) redis.disconnect();
  await server?.stop();
  process.off('unhandledRejection', recordUnhandled);
});

describe('Redis event target', () => {
  it('delivers what another publisher sends on a channel it listens to', async () => {
    const subscriber = client(server.url);
    const target = createRedisEventTarget({ publisher: await connect(server.url), subscriber, onError: () => {} });
    const details = received(target, 'events');
    await until(() => subscriber.status === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
    target.dispatchEvent(new CustomEvent('events', { detail: { id: 1 } }));
    await until(() => details.length > 0);
    expect(details).toEqual([{ id: 1 }]);
  });

  it('reports a refused publish to onError instead of rejecting unheard', async () => {
    const refusing = await connect(server.url.replace('redis://', 'redis://listener@'));
    const errors: string[] = [];
    const target = createRedisEventTarget({ publisher: refusing, subscriber: await connect(server.url), onError: (what) => errors.push(what) });
    expect(target.dispatchEvent(new CustomEvent('refused', { detail: { id: 2 } }))).toBe(true);
    await until(() => errors.length > 0);
    expect(errors).toEqual(['publishing on refused failed; other instances miss this event']);
    expect(unhandled).toEqual([]);
  });

  it('delivers on this instance when the publisher is not connected, and publishes nothing', async () => {
    const closed = await connect(server.url);
    closed.disconnect();
    await until(() => closed.status === 'end');
    const errors: string[] = [];
    const target = createRedisEventTarget({ publisher: closed, subscriber: client(server.url, { lazyConnect: true }), onError: (what) => errors.push(what) });
    const details = received(target, 'local');
    target.dispatchEvent(new CustomEvent('local', { detail: { id: 3 } }));
    expect(details).toEqual([{ id: 3 }]);
    expect(errors).toEqual([]);
  });
});
