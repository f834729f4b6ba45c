// GraphQL multipart uploads (the GraphQL multipart request spec), as a browser's FormData sends them, to any
// server a test talks to: the in-process app or the built one.
import type { GraphQLClient, GraphQLResponse } from './app.ts';

export const ATTACHMENT_FIELDS = 'id fileName mimeType size version width height url viewerCanDelete uploader { username }';
export const UPLOAD = `mutation ($input: UploadAttachmentInput!) { uploadAttachment(input: $input) { attachment { ${ATTACHMENT_FIELDS} } } }`;

export type Part = { name: string; bytes: Uint8Array | string; type?: string };

/** A GraphQL multipart request (operations, map, files). Yoga's CSRF prevention wants its header on multipart. */
export async function multipart(
  t: Pick<GraphQLClient, 'url'>,
  token: string | undefined,
  operations: unknown,
  map: Record<string, string[]>,
  files: Part[],
  headers: Record<string, string> = { 'x-graphql-yoga-csrf': '1' },
): Promise<{ status: number; body: GraphQLResponse }> {
  const form = new FormData();
  form.set('operations', JSON.stringify(operations));
  form.set('map', JSON.stringify(map));
  for (const [index, file] of files.entries()) {
    const bytes = typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes);
    form.set(String(index), new Blob([bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  const response = await fetch(t.url, { method: 'POST', headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: form });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

export function upload(t: Pick<GraphQLClient, 'url'>, token: string | undefined, ticketId: string, file: Part, headers?: Record<string, string>) {
  return multipart(t, token, { query: UPLOAD, variables: { input: { ticketId, file: null } } }, { 0: ['variables.input.file'] }, [file], headers);
}

// biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
export async function uploadOk(t: Pick<GraphQLClient, 'url'>, token: string, ticketId: string, file: Part): Promise<Record<string, any>> {
  const { body } = await upload(t, token, ticketId, file);
  if (body.errors?.length) throw new Error(`upload failed: ${JSON.stringify(body.errors)}`);
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  return (body.data as any).uploadAttachment.attachment;
}
