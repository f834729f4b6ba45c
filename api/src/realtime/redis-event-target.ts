// The pub/sub event target over Redis (the shape of @graphql-yoga/redis-event-target), written here because
// that one drops the promises of PUBLISH and SUBSCRIBE: in an outage each rejection was unhandled and the
// process ended. Here a publish happens only while the publisher is ready; otherwise the event goes straight
// to this instance's own listeners instead (an event is either published or delivered here, never both), and
// other instances miss it: their clients catch up from the database (ticketEvents' afterEventId) when they
// reconnect. A failure is reported, never thrown.
import type { Redis } from 'ioredis';

export type ChannelTarget = {
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
  dispatchEvent(event: CustomEvent): boolean;
};

export function createRedisEventTarget(options: {
  publisher: Redis;
  subscriber: Redis;
  /** A publish or (un)subscribe that failed: the caller logs it (rate-limited). */
  onError: (what: string, error: unknown) => void;
}): ChannelTarget {
  const { publisher, subscriber, onError } = options;
  const callbacksForChannel = new Map<string, Set<(event: CustomEvent) => void>>();

  function deliver(channel: string, message: string) {
    const callbacks = callbacksForChannel.get(channel);
    if (!callbacks) return;
    let detail: unknown;
    try {
      detail = message === '' ? null : JSON.parse(message);
    } catch (error) {
      onError(`an unreadable message on ${channel} was dropped`, error);
      return;
    }
    const event = new CustomEvent(channel, { detail });
    for (const callback of callbacks) callback(event);
  }
  subscriber.on('message', deliver);

  const callbackOf = (listener: EventListenerOrEventListenerObject) =>
    ('handleEvent' in listener ? listener.handleEvent : listener) as (event: CustomEvent) => void;

  return {
    addEventListener(channel, listener) {
      if (!listener) return;
      let callbacks = callbacksForChannel.get(channel);
      if (!callbacks) {
        callbacks = new Set();
        callbacksForChannel.set(channel, callbacks);
        // Queued until Redis answers (the subscriber keeps an offline queue); ioredis re-sends it on reconnection.
        subscriber.subscribe(channel).catch((error: unknown) => onError(`subscribing to ${channel} failed`, error));
      }
      callbacks.add(callbackOf(listener));
    },
    removeEventListener(channel, listener) {
      const callbacks = listener && callbacksForChannel.get(channel);
      if (!callbacks) return;
      callbacks.delete(callbackOf(listener));
      if (callbacks.size > 0) return;
      callbacksForChannel.delete(channel);
      subscriber.unsubscribe(channel).catch((error: unknown) => onError(`unsubscribing from ${channel} failed`, error));
    },
    dispatchEvent(event) {
      const message = event.detail === undefined ? '' : JSON.stringify(event.detail);
      if (publisher.status !== 'ready') {
        deliver(event.type, message);
        return true;
      }
      publisher.publish(event.type, message).catch((error: unknown) => onError(`publishing on ${event.type} failed; other instances miss this event`, error));
      return true;
    },
  };
}
