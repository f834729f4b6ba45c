// Redis channels are shared by everyone on the Redis server (ioredis' keyPrefix does not apply to pub/sub),
// so each deployment's channels carry its REDIS_PREFIX: two deployments on one Redis never hear each other.
import type { ChannelTarget } from './redis-event-target.ts';

export function withChannelPrefix(target: ChannelTarget, prefix: string): ChannelTarget {
  return {
    addEventListener: (type, listener) => target.addEventListener(prefix + type, listener),
    removeEventListener: (type, listener) => target.removeEventListener(prefix + type, listener),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(prefix + event.type, { detail: event.detail })),
  };
}
