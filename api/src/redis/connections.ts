// The instance's Redis connections, each configured for what an outage means to its use:
// - limiter (login throttle, query budget): commands fail at once while disconnected (no offline queue, no
//   retries, a 1 s command timeout), and the limiters count in memory instead, so a login never waits on Redis.
// - publisher (realtime fan-out): the hub publishes only while it is ready and delivers on this instance
//   otherwise (realtime/redis-event-target.ts), so nothing queues up or rejects unheard.
// - subscriber: keeps its SUBSCRIBE commands queued until Redis answers, and ioredis subscribes again on
//   every reconnection, so events from other instances flow again by themselves when Redis returns.
// ioredis reconnects forever (every ≤ 2 s); every 'error' event goes to the outage log (redis/outage-log.ts),
// never to ioredis' own console fallback.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../logger.ts';
import { createOutageLog } from './outage-log.ts';

export type RedisConnections = {
  limiter: Redis;
  publisher: Redis;
  subscriber: Redis;
  /** Every connection is ready (the subscriber subscribed again) and Redis answers PING (within 1 s). */
  check(): Promise<boolean>;
  close(): void;
};

const CONNECTIONS = ['limiter', 'publisher', 'subscriber'] as const;

const HEARTBEAT_INTERVAL_MS = 2000;

const COMMON: RedisOptions = {
  connectTimeout: 2000,
  // Reconnection attempts back off from 0.1 s to one every 2 s, and never stop.
  retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
};

const FAIL_FAST: RedisOptions = { ...COMMON, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1000 };

const OPTIONS: Record<(typeof CONNECTIONS)[number], RedisOptions> = {
  limiter: FAIL_FAST,
  publisher: FAIL_FAST,
  // null: a queued SUBSCRIBE waits for the connection instead of rejecting after a number of attempts.
  subscriber: { ...COMMON, maxRetriesPerRequest: null },
};

/**
 * Opens the connections and waits up to `readyTimeoutMs` for them, so the first requests already share the
 * deployment's counters; if Redis does not answer by then the app starts anyway, on its in-memory fallbacks.
 */
export async function openRedis(url: string, logger: Logger, options: { readyTimeoutMs?: number } = {}): Promise<RedisConnections> {
  const outages = createOutageLog({
    logger,
    where: describeUrl(url),
    consequence:
      'login throttling and query rate limits count on this instance only, realtime events reach only this instance, /ready answers 503; reconnecting',
    connections: CONNECTIONS,
  });
  // Loaded here, not at start-up: an instance without REDIS_URL never needs ioredis (≈0.2 s of CPU to load).
  const { Redis: RedisClient } = await import('ioredis');
  let closing = false;
  const open = (name: (typeof CONNECTIONS)[number]) => {
    const client = new RedisClient(url, { ...OPTIONS[name], connectionName: name });
    client.on('error', (error: Error) => {
      if (!closing) outages.down(name, error);
    });
    client.on('close', () => {
      if (!closing) outages.down(name);
    });
    client.on('ready', () => {
      if (name !== 'subscriber') return outages.up(name);
      // 'ready' comes before ioredis re-sends SUBSCRIBE; a PING answered after it means the channels are back.
      client.ping().then(
        () => outages.up(name),
        () => {},
      );
    });
    return client;
  };
  const [limiter, publisher, subscriber] = CONNECTIONS.map(open) as [Redis, Redis, Redis];
  const clients = [limiter, publisher, subscriber];

  // A Redis that stops answering on open connections (a hung server, a network black hole) sends no 'error' or
  // 'close', so every command would wait out its 1 s timeout. A PING every 2 s notices; reconnecting the
  // fail-fast connections leaves them not ready (the new connection's ready check waits for an answer), so
  // commands fail at once again, until Redis answers and they are ready by themselves.
  const heartbeat = setInterval(() => {
    if (limiter.status !== 'ready') return;
    limiter.ping().catch((error: Error) => {
      if (closing || limiter.status !== 'ready') return;
      outages.down('limiter', error);
      limiter.disconnect(true);
      publisher.disconnect(true);
    });
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();

  const ready = Promise.all(clients.map((client) => new Promise((resolve) => client.once('ready', resolve))));
  await Promise.race([ready, sleep(options.readyTimeoutMs ?? 3000, undefined, { ref: false })]);

  return {
    limiter,
    publisher,
    subscriber,
    async check() {
      if (!outages.reachable) return false;
      return limiter.ping().then(
        () => true,
        () => false,
      );
    },
    close() {
      closing = true;
      clearInterval(heartbeat);
      for (const client of clients) client.disconnect();
    },
  };
}

/** host:port only: the URL may carry a password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
  } catch {
    return 'REDIS_URL';
  }
}
