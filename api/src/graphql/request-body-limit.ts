// The request body's size limit (Yoga's `maxRequestBodySize`, which is turned off in yoga.ts for this), without
// its cost on every request: Yoga's own plugin pipes every body through a counting TransformStream into a new
// Request, whose stream pipeline allocates an AbortController and aborts it (a DOMException with a stack) when
// it ends: ≈5 % of a `{ __typename }` request's CPU. A body with a valid Content-Length cannot be longer than
// it (node:http frames the body by it), so a JSON body is judged by the header alone. A body without one
// (chunked) is counted while it streams in, as Yoga does, and so is every multipart upload: its parser stops
// reading at a refused file, and through the counting stream the rest of the body is still drained, so the
// client reads its BAD_USER_INPUT instead of a closed socket. Listed after every plugin that sets a request
// parser (multipart-form.ts), as Yoga lists its own.
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Only a single non-negative integer is a valid Content-Length (comma-joined values are a smuggling attempt). */
const CONTENT_LENGTH = /^\d+$/;

const tooLarge = () => createGraphQLError('Request body too large', { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });

export function requestBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength !== null) {
        if (!CONTENT_LENGTH.test(contentLength)) {
          throw createGraphQLError('Content-Length header is invalid.', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
        }
        if (Number(contentLength) > limit) throw tooLarge();
        if (!isMultipart(request)) return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((incoming) => parse(counted(incoming, limit, fetchAPI)));
    },
  };
}

function isMultipart(request: Request) {
  return request.headers.get('content-type')?.toLowerCase().startsWith('multipart/') ?? false;
}

/** The request with its body counted as it streams: past the limit the stream fails with the 413 error. */
function counted(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  const body = request.body;
  if (!body) return request;
  // A native stream must be piped through a native TransformStream (graphql-yoga issue 4583).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytesRead = 0;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        if (bytesRead > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    duplex: 'half',
  } as RequestInit);
}
