// GraphQL metrics for /metrics: operation durations, HTTP durations and errors by code, and the subscriptions open
// right now (over graphql-ws, and over HTTP event streams), counted from subscribe to the end of their stream.
// Every label comes from a bounded set, so no caller can add series: an operation is labelled by its name only when
// the web client sends an operation of that name and type (generated/known-operations.ts, written by codegen), else
// `other`; the type is query, mutation, subscription or `none` (nothing ran); the code is one of the published
// ErrorCode values. The Yoga Prometheus plugin labelled by any name a caller sent (and by error paths, which aliases
// choose), so every invented name added ~94 series, kept for the life of the process whether /metrics was on or not.
// Nothing here is keyed by name: per-request state lives in WeakMaps of the request and context objects.
import { type DocumentNode, type ExecutionResult, type GraphQLError, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { Counter, Histogram } from 'prom-client';
import type { Context } from '../context.ts';
import type { Metrics } from '../metrics.ts';
import { INTERNAL_SERVER_ERROR, PUBLIC_ERROR_CODES } from './errors.ts';
import { KNOWN_OPERATIONS } from './generated/known-operations.ts';

export const OTHER_OPERATION = 'other';
export type OperationLabels = { operationName: string; operationType: string };
const NO_OPERATION: OperationLabels = { operationName: OTHER_OPERATION, operationType: 'none' };

/** The labels of the operation a document runs: its name if the web client sends it (as that type), else `other`. */
export function operationLabels(document: DocumentNode, operationName?: string | null): OperationLabels {
  const operation = getOperationAST(document, operationName);
  if (!operation) return NO_OPERATION;
  const name = operation.name?.value;
  const known = name !== undefined && KNOWN_OPERATIONS.get(name) === operation.operation;
  return { operationName: known ? name : OTHER_OPERATION, operationType: operation.operation };
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function metricsPlugins(metrics: Metrics): Plugin<Context>[] {
  const operationDuration = new Histogram({
    name: 'juan365_graphql_operation_duration_seconds',
    help: 'GraphQL execution time of an operation (a subscription: until its stream is set up), by operation.',
    labelNames: ['operationName', 'operationType'],
    buckets: DURATION_BUCKETS,
    registers: [metrics.registry],
  });
  const httpDuration = new Histogram({
    name: 'juan365_graphql_http_duration_seconds',
    help: 'Time from a GraphQL HTTP request to its response, by operation and status.',
    labelNames: ['operationName', 'operationType', 'status'],
    buckets: DURATION_BUCKETS,
    registers: [metrics.registry],
  });
  const errors = new Counter({
    name: 'juan365_graphql_errors_total',
    help: 'Errors in GraphQL answers over HTTP (the first result of a stream included), by operation and ErrorCode.',
    labelNames: ['operationName', 'operationType', 'code'],
    registers: [metrics.registry],
  });

  const startedAt = new WeakMap<Request, number>();
  const labelsOf = new WeakMap<Request, OperationLabels>();
  const requestOf = (context: unknown) => (context as { request?: Request }).request;

  const timed = (args: { document: DocumentNode; operationName?: string | null | undefined; contextValue: unknown }) => {
    const labels = operationLabels(args.document, args.operationName);
    const request = requestOf(args.contextValue);
    if (request) labelsOf.set(request, labels);
    const end = operationDuration.startTimer(labels);
    return { labels, end };
  };

  const graphqlMetrics: Plugin<Context> = {
    onRequest: ({ request }) => {
      startedAt.set(request, performance.now());
    },
    // The document is known once parsed: label the request by it even if validation then refuses it.
    onValidate: ({ params, context }) => {
      const request = requestOf(context);
      const operationName = (context as { params?: { operationName?: string | null } }).params?.operationName;
      if (request) labelsOf.set(request, operationLabels(params.documentAST, operationName));
    },
    onExecute: ({ args }) => {
      const { end } = timed(args);
      return { onExecuteDone: () => void end() };
    },
    onSubscribe: ({ args }) => {
      const { end } = timed(args);
      return {
        onSubscribeResult: ({ result }) => {
          end();
          if (!isAsyncIterable(result)) return;
          metrics.activeSubscriptions.inc();
          return { onEnd: () => metrics.activeSubscriptions.dec() };
        },
        onSubscribeError: () => void end(),
      };
    },
    onResultProcess: ({ request, result }) => {
      if (isAsyncIterable(result)) return;
      const labels = labelsOf.get(request) ?? NO_OPERATION;
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of (single as ExecutionResult).errors ?? []) errors.inc({ ...labels, code: publicCode(error) });
      }
    },
    onResponse: ({ request, response }) => {
      const started = startedAt.get(request);
      if (started === undefined) return;
      const labels = labelsOf.get(request) ?? NO_OPERATION;
      httpDuration.observe({ ...labels, status: String(response.status) }, (performance.now() - started) / 1000);
    },
  };
  return [graphqlMetrics];
}

const PUBLIC_CODES = new Set<string>(PUBLIC_ERROR_CODES);

/** By the time an answer is processed every error has its public code (graphql/errors.ts); anything else is a bug. */
function publicCode(error: GraphQLError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' && PUBLIC_CODES.has(code) ? code : INTERNAL_SERVER_ERROR;
}
