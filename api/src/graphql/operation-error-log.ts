// An operation's errors, each logged once, with the id of the HTTP request that asked for it (http/request-id.ts
// puts it in the request's header).
// - Server faults: at error level with their stack, from where they are raised (this plugin sees them first, in
//   the operation's context; Yoga, which masks them later and cannot name the request, skips the ones written).
// - A client's refusals and mistakes: from the answer, where every error has its public code, without a stack
//   (they are the caller's doing): warn for a limit reached (QUERY_TOO_COMPLEX, RATE_LIMITED), info for a request
//   that is not valid GraphQL for this schema (a client out of step, or probing), debug for everyday refusals
//   (FORBIDDEN, NOT_FOUND, CONFLICT, bad input). Yoga's own lines for them are dropped.
import type { IncomingMessage } from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, isAsyncIterable, type Plugin } from 'graphql-yoga';
import { REQUEST_ID_HEADER } from '../http/request-id.ts';
import { type Logger, withFields } from '../logger.ts';
import { INTERNAL_SERVER_ERROR, isClientError, type PublicErrorCode, toPublicError } from './errors.ts';

export type OperationErrorLog = {
  plugin: Plugin;
  /** Yoga's logger, without the lines this plugin already wrote (or will write: the client's errors). */
  yogaLogger: Logger;
};

const LEVEL_BY_CODE: Partial<Record<PublicErrorCode, 'warn' | 'info'>> = {
  QUERY_TOO_COMPLEX: 'warn',
  RATE_LIMITED: 'warn',
  BAD_REQUEST: 'info',
  GRAPHQL_PARSE_FAILED: 'info',
  GRAPHQL_VALIDATION_FAILED: 'info',
};

/** The extensions worth a log line (which limit, which field); never `http` or anything unexpected. */
const LOGGED_EXTENSIONS = ['limit', 'max', 'found', 'field', 'variable', 'retryAfterSeconds'] as const;

function clientErrorFields(error: GraphQLError, code: string): Record<string, unknown> {
  const fields: Record<string, unknown> = { code, reason: error.message };
  for (const key of LOGGED_EXTENSIONS) if (error.extensions?.[key] !== undefined) fields[key] = error.extensions[key];
  if (error.path) fields.path = error.path.join('.');
  return fields;
}

/**
 * One line for one answer's client errors, in their public form (an invalid document can have dozens): the
 * weightiest, and how many there were. Server faults (INTERNAL_SERVER_ERROR) are not this function's.
 */
export function logClientErrors(logger: Logger, errors: readonly GraphQLError[] | undefined): void {
  const clientErrors = (errors ?? []).filter((error) => typeof error.extensions?.code === 'string' && error.extensions.code !== INTERNAL_SERVER_ERROR);
  const levelOf = (error: GraphQLError) => LEVEL_BY_CODE[error.extensions.code as PublicErrorCode] ?? 'debug';
  const first = clientErrors.find((error) => levelOf(error) === 'warn') ?? clientErrors.find((error) => levelOf(error) === 'info') ?? clientErrors[0];
  if (!first) return;
  const fields = clientErrorFields(first, first.extensions.code as string);
  logger[levelOf(first)]('client error', clientErrors.length > 1 ? { ...fields, errors: clientErrors.length } : fields);
}

/** The context of an operation: over HTTP its Fetch request, over WebSocket (no `request`) the upgrade request. */
type OperationContext = { request?: Request; req?: IncomingMessage };

export function operationErrorLog(logger: Logger): OperationErrorLog {
  const written = new WeakSet<object>();
  const scopedTo = (context: OperationContext) => {
    const header = context.request ? context.request.headers.get(REQUEST_ID_HEADER) : context.req?.headers[REQUEST_ID_HEADER];
    return typeof header === 'string' ? withFields(logger, { requestId: header }) : logger;
  };
  const logFaults = (context: OperationContext, errors: readonly GraphQLError[] | undefined) => {
    for (const error of errors ?? []) {
      if (isClientError(error)) continue;
      written.add(error);
      scopedTo(context).error(error);
    }
  };
  /** Over WebSocket no answer passes onResultProcess: an operation's first result is logged here (not yet masked). */
  const logOverWebSocket = (context: OperationContext, result: unknown) => {
    if (context.request || isAsyncIterable(result)) return;
    const errors = (result as ExecutionResult).errors?.filter(isClientError).map((error) => toPublicError(error) as GraphQLError);
    logClientErrors(scopedTo(context), errors);
  };
  return {
    plugin: {
      // Queries and mutations; a subscription's events (over WebSocket, no HTTP request) stay with Yoga's log,
      // so no hook runs per delivered event.
      onExecute: () => ({
        onExecuteDone: (payload) => {
          const context = payload.args.contextValue as OperationContext;
          logOverWebSocket(context, payload.result);
          return handleStreamOrSingleExecutionResult(payload, ({ result }) => logFaults(context, result.errors));
        },
      }),
      // A subscription refused before its stream starts (RATE_LIMITED, say), over WebSocket.
      onSubscribe: () => ({
        onSubscribeResult: ({ args, result }) => logOverWebSocket(args.contextValue as OperationContext, result),
      }),
      // Every HTTP answer, masked by now: refusals before execution (a request that is not GraphQL, parse and
      // validation errors, query limits) and the operation's own. An event stream's events are not looked at.
      onResultProcess: ({ request, result }) => {
        if (isAsyncIterable(result)) return;
        for (const single of Array.isArray(result) ? result : [result]) logClientErrors(scopedTo({ request }), (single as ExecutionResult).errors);
      },
    },
    yogaLogger: {
      ...logger,
      error: (...args) => {
        if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null && written.has(args[0])) return;
        if (args.some(isClientError)) return;
        logger.error(...args);
      },
    },
  };
}
