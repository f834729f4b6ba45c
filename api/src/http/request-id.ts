// Every HTTP request gets an id: the caller's `x-request-id` when it looks like one (a proxy or client that
// already tagged the request keeps its id across systems), else a new UUID. It is echoed in the response
// header, written on the access line when the response is finished and on the lines of the operation's errors
// (graphql/operation-error-log.ts), and handed on in the request's own header. The access line also names the
// client's address, and what the handlers after this one noted about the request (noteAccess): the GraphQL
// operation's name and the signed-in user (graphql/access-fields.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Logger, withFields } from '../logger.ts';
import { clientAddress } from './client-address.ts';
import type { Handler } from './router.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
/** Short and plain, so a forged header cannot stuff log lines or response headers. */
const SANE_ID = /^[\w.:-]{8,128}$/;
/** An operation name is the caller's choice: a log line keeps this much of it. */
const MAX_OPERATION_NAME_LENGTH = 100;

export type AccessFields = { operationName?: string | undefined; userId?: string | undefined };
const noted = new WeakMap<IncomingMessage, AccessFields>();

/** Adds to what the request's access line says (later notes win). */
export function noteAccess(req: IncomingMessage, fields: AccessFields): void {
  const operationName = fields.operationName?.slice(0, MAX_OPERATION_NAME_LENGTH);
  noted.set(req, { ...noted.get(req), ...fields, ...(operationName === undefined ? {} : { operationName }) });
}

export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
}

export function requestId(logger: Logger, options: { trustProxyHops: number }): Handler {
  return (req, res, next) => {
    const id = requestIdOf(req);
    const started = process.hrtime.bigint();
    // Read now: by 'close' the response may have let go of its socket.
    const address = clientAddress(req, options.trustProxyHops);
    res.setHeader(REQUEST_ID_HEADER, id);
    // The handlers after this one (Yoga: the GraphQL context, an operation's error lines) read the id here.
    req.headers[REQUEST_ID_HEADER] = id;
    // 'close' also fires when the client went away before the response ended.
    res.once('close', () => {
      const path = (req.url ?? '/').split('?', 1)[0];
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const { operationName, userId } = noted.get(req) ?? {};
      withFields(logger, { requestId: id }).info('request', {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        finished: res.writableFinished,
        address,
        ...(operationName === undefined ? {} : { operationName }),
        ...(userId === undefined ? {} : { userId }),
      });
    });
    next();
  };
}
