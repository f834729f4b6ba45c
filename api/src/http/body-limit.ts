// A request body larger than the limit is answered 413 before a byte of it is read (a 20 MB JSON body was
// read whole). Multipart uploads are exempt: they stream through their own limit (UPLOAD_MAX_BYTES).
// Node's parser reads exactly Content-Length bytes, so a declared length is the length; a body without one
// (chunked) is refused with 411, since it could not be judged before reading it.
import type { Handler } from './router.ts';
import { sendJson } from './router.ts';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bodyLimit(maxBytes: number): Handler {
  return (req, res, next) => {
    if (BODYLESS.has(req.method ?? 'GET') || req.headers['content-type']?.startsWith('multipart/form-data')) return next();
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      if (req.headers['transfer-encoding']) return refuse(411, 'Send the request with a Content-Length header.', {});
      return next();
    }
    if (Number(declared) > maxBytes)
      return refuse(413, `The request body is larger than the limit of ${maxBytes} bytes.`, { limit: 'bodySize', max: maxBytes });
    next();

    function refuse(status: number, message: string, limit: { limit?: string; max?: number }) {
      res.setHeader('connection', 'close');
      sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', ...limit } }] });
    }
  };
}
