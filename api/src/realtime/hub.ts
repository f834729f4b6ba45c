// Realtime fan-out. Committed changes are published once (in-process, or through Redis so every API instance
// hears every change); each instance keeps ONE subscription to that stream and dispatches to its local
// subscribers, so a thousand open dashboards cost one Redis subscription, not a thousand.
import { createPubSub } from 'graphql-yoga';
import type { TicketEventType } from '../domain/workflow.ts';
import type { Logger } from '../logger.ts';
import type { RedisConnections } from '../redis/connections.ts';
import type { EndedSessions } from '../services/ended-sessions.ts';
import type { CommittedEffects, EffectsSink } from '../services/ticket-changes.ts';
import { withChannelPrefix } from './channel-prefix.ts';
import { createRedisEventTarget } from './redis-event-target.ts';

/** What travels between instances: ids only; each instance loads what it delivers. JSON-safe. */
export type TicketEventMessage = {
  /** ActivityLog id, decimal: increasing and durable. */
  eventId: string;
  ticketId: string;
  type: TicketEventType;
  actorId: string | null;
  at: string;
};

export type NotificationMessage = { id: string; recipientId: string };

type Topics = {
  'ticket-event': [TicketEventMessage];
  notification: [NotificationMessage];
  'session-ended': [EndedSessions];
};

export type Listener<T> = (message: T) => void;

export type RealtimeHub = {
  /** Hand this to the services: it publishes what a transaction did, after it committed. */
  sink: EffectsSink;
  onTicketEvent(listener: Listener<TicketEventMessage>): () => void;
  onNotification(listener: Listener<NotificationMessage>): () => void;
  /** Tell every instance that these sessions ended; each closes their sockets. */
  endSessions(ended: EndedSessions): void;
  onSessionsEnded(listener: Listener<EndedSessions>): () => void;
  close(): Promise<void>;
};

/** How often a failing Redis command may be logged: in an outage every change fails the same way. */
const REDIS_ERROR_LOG_INTERVAL_MS = 60_000;

export function createRealtimeHub(options: { redis?: RedisConnections | undefined; redisPrefix?: string; logger: Logger }): RealtimeHub {
  let lastErrorLoggedAt = -Infinity;
  const onRedisError = (what: string, error: unknown) => {
    if (Date.now() - lastErrorLoggedAt < REDIS_ERROR_LOG_INTERVAL_MS) return;
    lastErrorLoggedAt = Date.now();
    options.logger.warn(`realtime through Redis: ${what}`, error);
  };
  // The connections belong to the app (redis/connections.ts); the hub neither opens nor closes them.
  const { redis } = options;
  const eventTarget = redis
    ? withChannelPrefix(createRedisEventTarget({ publisher: redis.publisher, subscriber: redis.subscriber, onError: onRedisError }), options.redisPrefix ?? '')
    : undefined;
  const pubsub = createPubSub<Topics>(eventTarget ? { eventTarget } : {});

  const ticketListeners = new Set<Listener<TicketEventMessage>>();
  const notificationListeners = new Set<Listener<NotificationMessage>>();
  const endedSessionListeners = new Set<Listener<EndedSessions>>();

  function pump<T>(stream: AsyncIterable<T>, listeners: Set<Listener<T>>, name: string) {
    const iterator = stream[Symbol.asyncIterator]();
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        for (const listener of listeners) {
          try {
            listener(next.value);
          } catch (error) {
            options.logger.error(`realtime ${name} listener failed`, error);
          }
        }
      }
    })().catch((error: unknown) => options.logger.error(`realtime ${name} stream failed`, error));
    return iterator;
  }

  const streams = [
    pump(pubsub.subscribe('ticket-event'), ticketListeners, 'ticket-event'),
    pump(pubsub.subscribe('notification'), notificationListeners, 'notification'),
    pump(pubsub.subscribe('session-ended'), endedSessionListeners, 'session-ended'),
  ];

  const sink: EffectsSink = (effects: CommittedEffects) => {
    for (const event of effects.ticketEvents) {
      pubsub.publish('ticket-event', {
        eventId: event.eventId.toString(),
        ticketId: event.ticketId,
        type: event.type,
        actorId: event.actorId,
        at: event.at.toISOString(),
      });
    }
    for (const notification of effects.notifications) pubsub.publish('notification', notification);
  };

  const listen =
    <T>(listeners: Set<Listener<T>>) =>
    (listener: Listener<T>) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };

  return {
    sink,
    onTicketEvent: listen(ticketListeners),
    onNotification: listen(notificationListeners),
    endSessions: (ended) => pubsub.publish('session-ended', ended.sessionId ? ended : { userId: ended.userId }),
    onSessionsEnded: listen(endedSessionListeners),
    async close() {
      await Promise.all(streams.map((stream) => stream.return?.()));
      ticketListeners.clear();
      notificationListeners.clear();
      endedSessionListeners.clear();
    },
  };
}
