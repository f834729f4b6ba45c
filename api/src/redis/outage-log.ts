// What the log says about Redis, for all of an instance's Redis connections together: one warning when
// Redis becomes unreachable, one line when every connection is back, and in between at most one reminder a
// minute. ioredis reports every failed reconnection attempt (several a second); a line for each would bury
// everything else in the log, and three connections would say the same thing three times.
import type { Logger } from '../logger.ts';

export type OutageLog = {
  /** A connection was lost or failed to connect (`error` when ioredis gave one). */
  down(connection: string, error?: Error): void;
  /** A connection is ready (connected, and subscribed again where it subscribes). */
  up(connection: string): void;
  /** Every connection is ready. */
  readonly reachable: boolean;
};

export const REMINDER_INTERVAL_MS = 60_000;

export function createOutageLog(options: {
  logger: Logger;
  /** Where Redis is, as the log should name it (no password). */
  where: string;
  /** What this instance does without Redis, said once in the warning. */
  consequence: string;
  connections: readonly string[];
  now?: () => number;
}): OutageLog {
  const now = options.now ?? Date.now;
  const ready = new Set<string>();
  let outage: { since: number; errors: number; remindedAt: number } | undefined;

  return {
    down(connection, error) {
      ready.delete(connection);
      const at = now();
      if (!outage) {
        outage = { since: at, errors: error ? 1 : 0, remindedAt: at };
        options.logger.warn(`Redis at ${options.where} is unreachable (${connection} connection: ${describe(error)}); ${options.consequence}`);
        return;
      }
      if (error) outage.errors += 1;
      if (at - outage.remindedAt >= REMINDER_INTERVAL_MS) {
        outage.remindedAt = at;
        const seconds = Math.round((at - outage.since) / 1000);
        options.logger.warn(`Redis at ${options.where} still unreachable after ${seconds} s (${outage.errors} connection errors; last: ${describe(error)})`);
      }
    },
    up(connection) {
      ready.add(connection);
      if (!outage || !options.connections.every((name) => ready.has(name))) return;
      const seconds = Math.round((now() - outage.since) / 1000);
      outage = undefined;
      options.logger.warn(`Redis at ${options.where} is reachable again after ${seconds} s; counters and realtime go through it again`);
    },
    get reachable() {
      return options.connections.every((name) => ready.has(name));
    },
  };
}

function describe(error: Error | undefined): string {
  if (!error) return 'connection lost';
  // ioredis wraps a refused reconnection in an AggregateError with an empty message on Node 20.
  const code = (error as { code?: unknown }).code;
  return error.message || (typeof code === 'string' ? code : error.name);
}
