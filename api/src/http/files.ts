// GET /files/<id>: an attachment's bytes, for whoever may read its ticket. Credentials: the Authorization
// header, or the short-lived signed token that Attachment.url carries (an <img> cannot send headers).
// Everyone else gets 404, as for a file that does not exist. The answer names the type decided at upload,
// forbids sniffing, runs nothing (a sandboxing Content-Security-Policy) and serves byte ranges (video).
// GET /files/<id>/preview: the image's small WebP preview (services/previews.ts), on the same credentials and
// the same read rule (the same signed token works for both); 404 also when no preview can be made.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { create as contentDisposition } from 'content-disposition';
import rangeParser from 'range-parser';
import type { ViewerResolver } from '../context.ts';
import { allowedType } from '../domain/attachments.ts';
import { DomainError, PasswordChangeRequiredError } from '../domain/errors.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { Logger } from '../logger.ts';
import type { AttachmentService } from '../services/attachments.ts';
import type { ByteRange } from '../storage/index.ts';
import { type Handler, sendJson } from './router.ts';

export const FILES_PATH = '/files/';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PREVIEW_SUFFIX = '/preview';

function refuse(res: ServerResponse, status: number, code: string, message: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/**
 * One `bytes=` range of a file of `size` bytes (RFC 9110 14.1.2), parsed by range-parser: 'unsatisfiable' for
 * a range outside the file; undefined (serve it whole) for anything else, such as several ranges, which no
 * player needs.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const ranges = rangeParser(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return undefined;
  const [range] = ranges;
  return range ? { start: range.start, end: range.end } : undefined;
}

export function files(deps: { attachments: AttachmentService; resolveViewer: ViewerResolver; logger: Logger }): Handler {
  const { attachments, resolveViewer, logger } = deps;

  async function viewerFor(req: IncomingMessage, id: string, token: string | null): Promise<Viewer | null | 'refused' | PasswordChangeRequiredError> {
    if (token) return (await attachments.viewerOfLink(token, id)) ?? 'refused';
    try {
      return (await resolveViewer(req.headers.authorization))?.viewer ?? null;
    } catch (error) {
      // A one-time password is a valid credential that opens nothing yet: said as such, not as a bad token.
      if (error instanceof PasswordChangeRequiredError) return error;
      if (error instanceof DomainError) return 'refused';
      throw error;
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://files');
    const rest = url.pathname.slice(FILES_PATH.length);
    const wantsPreview = rest.endsWith(PREVIEW_SUFFIX);
    const id = wantsPreview ? rest.slice(0, -PREVIEW_SUFFIX.length) : rest;
    const viewer = await viewerFor(req, id, url.searchParams.get('token'));
    if (viewer === 'refused')
      return refuse(res, 401, 'UNAUTHENTICATED', 'The link has expired or the credentials are not valid; reload the page for a fresh link.');
    if (!viewer) return refuse(res, 401, 'UNAUTHENTICATED', 'Send the Authorization header, or use the signed url of the attachment.');
    if (viewer instanceof PasswordChangeRequiredError) return refuse(res, 403, viewer.code, viewer.message);
    if (!UUID.test(id)) return refuse(res, 404, 'NOT_FOUND', 'Attachment not found.');
    if (wantsPreview) return servePreview(req, res, viewer, id);

    let wanted: ByteRange | 'unsatisfiable' | undefined;
    const opened = await attachments.open(viewer, id, (size) => {
      wanted = parseRange(req.headers.range, size);
      return wanted === 'unsatisfiable' ? undefined : wanted;
    });
    if (!opened) return refuse(res, 404, 'NOT_FOUND', 'Attachment not found.');
    const { attachment, body, range } = opened;
    if (wanted === 'unsatisfiable') {
      body.destroy();
      res.setHeader('content-range', `bytes */${attachment.size}`);
      return refuse(res, 416, 'BAD_USER_INPUT', 'The range is outside the file.');
    }

    const type = allowedType(attachment.mimeType);
    res.setHeader('content-type', attachment.mimeType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.mimeType);
    // An ASCII fallback name and the exact one in RFC 5987 form.
    res.setHeader('content-disposition', contentDisposition(attachment.fileName, { type: type?.inline ? 'inline' : 'attachment' }));
    res.setHeader('x-content-type-options', 'nosniff');
    // Opened on its own, a file can run nothing and load nothing. Chromium's PDF viewer does not run in a
    // sandboxed document, so a PDF gets the rest of the policy without the sandbox. Only the app itself may
    // frame it (its PDF preview), in place of the DENY every other answer carries (http/security-headers.ts).
    res.setHeader(
      'content-security-policy',
      attachment.mimeType === 'application/pdf' ? "default-src 'none'; frame-ancestors 'self'" : "default-src 'none'; frame-ancestors 'self'; sandbox",
    );
    res.setHeader('x-frame-options', 'SAMEORIGIN');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    res.setHeader('referrer-policy', 'no-referrer');
    // The bytes under an id never change; the link's token does, so caches keep it per URL and briefly.
    res.setHeader('cache-control', 'private, max-age=600');
    res.setHeader('etag', `"${attachment.sha256}"`);
    res.setHeader('accept-ranges', 'bytes');
    if (range) {
      res.statusCode = 206;
      res.setHeader('content-range', `bytes ${range.start}-${range.end}/${attachment.size}`);
      res.setHeader('content-length', range.end - range.start + 1);
    } else {
      res.statusCode = 200;
      res.setHeader('content-length', attachment.size);
    }
    if (req.method === 'HEAD') {
      body.destroy();
      res.end();
      return;
    }
    await pipeline(body, res);
  }

  async function servePreview(req: IncomingMessage, res: ServerResponse, viewer: Viewer, id: string): Promise<void> {
    const opened = await attachments.openPreview(viewer, id);
    if (!opened) return refuse(res, 404, 'NOT_FOUND', 'No preview of this attachment.');
    const { attachment, preview } = opened;
    res.statusCode = 200;
    res.setHeader('content-type', 'image/webp');
    res.setHeader('content-disposition', contentDisposition(`${attachment.fileName}.webp`, { type: 'inline' }));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'self'; sandbox");
    res.setHeader('x-frame-options', 'SAMEORIGIN');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'private, max-age=600');
    res.setHeader('etag', `"${attachment.sha256}-preview"`);
    res.setHeader('content-length', preview.byteLength);
    res.end(req.method === 'HEAD' ? undefined : preview);
  }

  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      logger.error('serving an attachment failed', error);
      refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    });
  };
}
