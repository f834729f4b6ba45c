// An operation's errors, logged with the id of the HTTP request that asked for it (http/request-id.ts puts it in
// the request's header). Yoga logs every error it masks, but from where it masks them it cannot name the request;
// this plugin sees the errors first, in the operation's context, and Yoga's log then skips the ones it wrote.
// Client errors (refusals, bad input) go at debug level: they are the caller's doing, not a server fault.
import type { GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { REQUEST_ID_HEADER } from '../http/request-id.ts';
import { type Logger, withFields } from '../logger.ts';
import { isClientError } from './errors.ts';

export type OperationErrorLog = {
  plugin: Plugin;
  /** Yoga's logger, without the lines this plugin already wrote (and with client errors at debug level). */
  yogaLogger: Logger;
};

export function operationErrorLog(logger: Logger): OperationErrorLog {
  const written = new WeakSet<object>();
  const log = (request: Request | undefined, errors: readonly GraphQLError[] | undefined) => {
    if (!errors?.length) return;
    const requestId = request?.headers.get(REQUEST_ID_HEADER) ?? undefined;
    const scoped = requestId ? withFields(logger, { requestId }) : logger;
    for (const error of errors) {
      written.add(error);
      if (isClientError(error)) scoped.debug(error);
      else scoped.error(error);
    }
  };
  return {
    plugin: {
      // Queries and mutations; a subscription's events (over WebSocket, no HTTP request) stay with Yoga's log,
      // so no hook runs per delivered event.
      onExecute: () => ({
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ args, result }) => {
            log((args.contextValue as { request?: Request }).request, result.errors);
          }),
      }),
    },
    yogaLogger: {
      ...logger,
      error: (...args) => {
        if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null && written.has(args[0])) return;
        if (args.some(isClientError)) logger.debug(...args);
        else logger.error(...args);
      },
    },
  };
}
