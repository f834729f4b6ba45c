// A multipart upload whose declared length is over the upload limit is answered 413 before a byte of it is
// read (Node's parser reads exactly Content-Length bytes, so the declared length is the length). What a
// request may carry: UPLOAD_MAX_BYTES of file plus room for the operation and the multipart framing. A
// chunked upload (no declared length) is counted while it streams and cut off at the same size (Yoga's
// maxRequestBodySize, graphql/yoga.ts); the service then holds each file to UPLOAD_MAX_BYTES exactly.
import { tooLargeMessage } from '../domain/attachments.ts';
import { type Handler, sendJson } from './router.ts';

/** The operation, the map and the part headers around the files. */
export const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;

export function uploadLimit(uploadMaxBytes: number): Handler {
  const maxBody = uploadMaxBytes + MULTIPART_ALLOWANCE_BYTES;
  return (req, res, next) => {
    if (req.method !== 'POST' || !req.headers['content-type']?.startsWith('multipart/form-data')) return next();
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > maxBody) return refuse(413, tooLargeMessage(uploadMaxBytes));
    next();

    function refuse(status: number, message: string) {
      // Close rather than drain: the rest of the body is never read.
      res.setHeader('connection', 'close');
      sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field: 'file', limit: 'uploadSize', max: uploadMaxBytes } }] });
    }
  };
}
