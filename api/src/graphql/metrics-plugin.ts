// GraphQL metrics for /metrics: operation durations by name and type (the Yoga Prometheus plugin's
// histograms: the whole operation, and its execute/subscribe phase) and the subscriptions open right now
// (over graphql-ws, and over HTTP event streams), counted from subscribe to the end of their stream.
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import type { Metrics } from '../metrics.ts';

export function metricsPlugins(metrics: Metrics): Plugin<Context>[] {
  const activeSubscriptions: Plugin<Context> = {
    onSubscribe: () => ({
      onSubscribeResult: ({ result }) => {
        if (!isAsyncIterable(result)) return;
        metrics.activeSubscriptions.inc();
        return { onEnd: () => metrics.activeSubscriptions.dec() };
      },
    }),
  };
  return [
    usePrometheus({
      registry: metrics.registry,
      // Served by http/metrics.ts behind its token, not by Yoga.
      endpoint: false,
      skipIntrospection: true,
      // Any path can reach Yoga's 404: a label per URL would let callers grow the series without bound.
      labels: { url: false },
      metrics: {
        graphql_envelop_request_duration: true,
        graphql_envelop_phase_execute: true,
        graphql_envelop_phase_subscribe: true,
        graphql_envelop_error_result: true,
        graphql_yoga_http_duration: true,
      },
    }) as Plugin<Context>,
    activeSubscriptions,
  ];
}
