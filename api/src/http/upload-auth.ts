// A multipart request (an upload) is answered 401 UNAUTHENTICATED before a byte of its body is read unless its
// Authorization header names a signed-in user: every mutation that takes a file needs one, and reading,
// buffering and mapping a 10 MiB file only to refuse the caller afterwards let anyone keep the server busy.
// The viewer is resolved again, as for any request, when Yoga builds the operation's context; a one-time
// password passes here and hears PASSWORD_CHANGE_REQUIRED there, as for any other operation.
import type { ServerResponse } from 'node:http';
import type { ViewerResolver } from '../context.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';
import { type Handler, sendJson } from './router.ts';

const SIGN_IN_FIRST = 'Sign in to upload: send the Authorization header with your access token.';

export function uploadAuthentication(resolveViewer: ViewerResolver, logger: Logger): Handler {
  return (req, res, next) => {
    if (req.method !== 'POST' || !req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) return next();
    resolveViewer(req.headers.authorization).then(
      (resolved) => (resolved ? next() : refuse(res, SIGN_IN_FIRST)),
      (error: unknown) => {
        if (error instanceof DomainError) return refuse(res, error.message);
        logger.error(error);
        // Close rather than drain, as for any refusal here: the body is never read.
        res.setHeader('connection', 'close');
        sendJson(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      },
    );
  };
}

function refuse(res: ServerResponse, message: string) {
  // Close rather than drain: the rest of the body is never read.
  res.setHeader('connection', 'close');
  sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}
