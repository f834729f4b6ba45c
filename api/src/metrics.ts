// The Prometheus registry of one app (one per app, so tests can build several in a process): process
// metrics (prom-client's defaults), the GraphQL operation histograms (graphql/metrics-plugin.ts adds them),
// live subscriptions, the lag from a ticket event's commit to its delivery, and the Telegram outbox backlog,
// which is counted when Prometheus scrapes (one indexed count), not on a timer.
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type Metrics = {
  registry: Registry;
  activeSubscriptions: Gauge;
  /** Seconds from a ticket event's `at` (just before its commit) to its hand-over to a subscriber. */
  eventLag: Histogram;
};

export function createMetrics(options: { countPendingOutbox: () => Promise<number> }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const activeSubscriptions = new Gauge({
    name: 'juan365_active_subscriptions',
    help: 'GraphQL subscriptions open on this instance.',
    registers: [registry],
  });
  const eventLag = new Histogram({
    name: 'juan365_ticket_event_lag_seconds',
    help: "Time from a ticket event's commit to its delivery to a subscriber (catch-up replays included).",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'juan365_outbox_pending',
    help: 'Outbox messages (Telegram) waiting to be delivered.',
    registers: [registry],
    async collect() {
      // A database that does not answer shows on /ready; the scrape still reports everything else.
      this.set(await options.countPendingOutbox().catch(() => Number.NaN));
    },
  });
  return { registry, activeSubscriptions, eventLag };
}
