// Reads GraphQL multipart requests (uploads) with busboy's `preservePath`, then hands the form to Yoga's own
// multipart parser, which maps the files into the operation as the spec says.
//
// Why not Yoga's reading: @whatwg-node's FormData parser keeps only the last segment of a file name, so an
// upload named `../../etc/passwd` reached the upload service as `passwd` and was stored under that name. The
// service refuses path-like names (domain/attachments.ts); it can only do so if it sees the name as sent.
// Reading here also refuses an oversize file as soon as its bytes pass the limit, not after the whole body.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy } from '@fastify/busboy';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { tooLargeMessage } from '../domain/attachments.ts';

type FetchApi = { Request: typeof Request; FormData: typeof FormData; File: typeof File };

export type MultipartLimits = {
  uploadMaxBytes: number;
  /** The largest text field (the `operations` and `map` JSON). */
  fieldMaxBytes: number;
  maxFiles: number;
};

export function multipartForm(limits: MultipartLimits): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser || request.method !== 'POST' || !isMultipart(request)) return;
      const yogaMultipartParser = requestParser;
      setRequestParser(async (incoming) => {
        const form = await readMultipartForm(incoming, fetchAPI, limits);
        const headers = new fetchAPI.Headers(incoming.headers);
        headers.delete('content-type');
        headers.delete('content-length');
        // A request whose body is the form already read: Yoga's parser gets it back from formData() as it is.
        return yogaMultipartParser(new fetchAPI.Request(incoming.url, { method: 'POST', headers, body: form }));
      });
    },
  };
}

function isMultipart(request: Request) {
  return request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data') ?? false;
}

async function readMultipartForm(request: Request, fetchAPI: FetchApi, limits: MultipartLimits): Promise<FormData> {
  if (!request.body) throw invalidMultipart('the body is empty');
  const form = new fetchAPI.FormData();
  const pendingFiles: Promise<void>[] = [];
  let refusal: Error | undefined;
  const parser = new Busboy({
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    preservePath: true,
    defCharset: 'utf8',
    limits: { fileSize: limits.uploadMaxBytes, fieldSize: limits.fieldMaxBytes, files: limits.maxFiles, fields: 20, parts: limits.maxFiles + 20 },
  });
  // The first refusal wins; destroying the parser ends the pipeline, so the rest of the body is never read.
  const refuse = (error: Error) => {
    refusal ??= error;
    parser.destroy(error);
  };
  parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) return refuse(invalidMultipart(`the field "${name}" is longer than ${limits.fieldMaxBytes} bytes`));
    form.set(name, value);
  });
  parser.on('file', (name, stream, fileName, _encoding, mimeType) => {
    // Busboy hands out Buffers over plain ArrayBuffers (never shared memory).
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    stream.on('data', (chunk: Uint8Array<ArrayBuffer>) => chunks.push(chunk));
    stream.on('limit', () => refuse(tooLarge(limits.uploadMaxBytes)));
    pendingFiles.push(
      new Promise((resolve) =>
        stream.on('end', () => {
          form.set(name, new fetchAPI.File(chunks, fileName, { type: mimeType }));
          resolve();
        }),
      ),
    );
  });
  parser.on('filesLimit', () => refuse(invalidMultipart(`at most ${limits.maxFiles} files per request`)));
  parser.on('fieldsLimit', () => refuse(invalidMultipart('too many fields')));
  parser.on('partsLimit', () => refuse(invalidMultipart('too many parts')));

  try {
    await pipeline(Readable.from(request.body as unknown as AsyncIterable<Uint8Array>), parser as unknown as Writable);
  } catch (error) {
    if (refusal) throw refusal;
    // Yoga's body-size limit (a chunked body over the limit) is already an answer for the client.
    if (isGraphQLErrorLike(error)) throw error;
    throw invalidMultipart(error instanceof Error ? error.message : 'unreadable body');
  }
  if (refusal) throw refusal;
  await Promise.all(pendingFiles);
  return form;
}

function tooLarge(uploadMaxBytes: number) {
  return createGraphQLError(tooLargeMessage(uploadMaxBytes), {
    extensions: { code: 'BAD_USER_INPUT', field: 'file', limit: 'uploadSize', max: uploadMaxBytes, http: { status: 413 } },
  });
}

function invalidMultipart(reason: string) {
  return createGraphQLError(`The upload is not a valid multipart request: ${reason}.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

function isGraphQLErrorLike(error: unknown): error is Error {
  return error instanceof Error && error.name === 'GraphQLError';
}
