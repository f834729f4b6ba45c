// An operation's errors, each logged once, with the id of the HTTP request that asked for it (http/request-id.ts
// puts it in the request's header).
// - Server faults: at error level with their stack, from where they are raised (this plugin sees them first, in
//   the operation's context; Yoga, which masks them later and cannot name the request, skips the ones written).
// - A client's refusals and mistakes: from the answer, where every error has its public code, without a stack
//   (they are the caller's doing): warn for a limit reached (QUERY_TOO_COMPLEX, RATE_LIMITED), info for a request
//   that is not valid GraphQL for this schema (a client out of step, or probing), debug for everyday refusals
//   (FORBIDDEN, NOT_FOUND, CONFLICT, bad input). Yoga's own lines for them are dropped.
import type { ExecutionResult, GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, isAsyncIterable, type Plugin } from 'graphql-yoga';
import { REQUEST_ID_HEADER } from '../http/request-id.ts';
import { type Logger, withFields } from '../logger.ts';
import { INTERNAL_SERVER_ERROR, isClientError, type PublicErrorCode } from './errors.ts';

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

export function operationErrorLog(logger: Logger): OperationErrorLog {
  const written = new WeakSet<object>();
  const scopedTo = (request: Request | undefined) => {
    const requestId = request?.headers.get(REQUEST_ID_HEADER) ?? undefined;
    return requestId ? withFields(logger, { requestId }) : logger;
  };
  const logFaults = (request: Request | undefined, errors: readonly GraphQLError[] | undefined) => {
    for (const error of errors ?? []) {
      if (isClientError(error)) continue;
      written.add(error);
      scopedTo(request).error(error);
    }
  };
  /** One line per answer (an invalid document can have dozens of errors): its weightiest error, and how many. */
  const logClientErrors = (request: Request, result: ExecutionResult) => {
    const clientErrors = (result.errors ?? []).filter((error) => typeof error.extensions?.code === 'string' && error.extensions.code !== INTERNAL_SERVER_ERROR);
    const levelOf = (error: GraphQLError) => LEVEL_BY_CODE[error.extensions.code as PublicErrorCode] ?? 'debug';
    const first = clientErrors.find((error) => levelOf(error) === 'warn') ?? clientErrors.find((error) => levelOf(error) === 'info') ?? clientErrors[0];
    if (!first) return;
    const fields = clientErrorFields(first, first.extensions.code as string);
    scopedTo(request)[levelOf(first)]('client error', clientErrors.length > 1 ? { ...fields, errors: clientErrors.length } : fields);
  };
  return {
    plugin: {
      // Queries and mutations; a subscription's events (over WebSocket, no HTTP request) stay with Yoga's log,
      // so no hook runs per delivered event.
      onExecute: () => ({
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ args, result }) => {
            logFaults((args.contextValue as { request?: Request }).request, result.errors);
          }),
      }),
      // Every HTTP answer, masked by now: refusals before execution (a request that is not GraphQL, parse and
      // validation errors, query limits) and the operation's own. An event stream's events are not looked at.
      onResultProcess: ({ request, result }) => {
        if (isAsyncIterable(result)) return;
        for (const single of Array.isArray(result) ? result : [result]) logClientErrors(request, single as ExecutionResult);
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
