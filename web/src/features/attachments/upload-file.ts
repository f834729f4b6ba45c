// One file to uploadAttachment over the GraphQL multipart request spec, with upload progress: fetch cannot
// report how much of a request body went out, XMLHttpRequest can. Multipart requests need the CSRF header.
import { graphqlUrl } from '../../lib/api-url';

const UPLOAD_MUTATION = `mutation UploadAttachment($input: UploadAttachmentInput!) {
  uploadAttachment(input: $input) { attachment { id fileName version } }
}`;

export type UploadOutcome = { ok: true } | { ok: false; reason: string };

type GraphQLAnswer = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

function reasonOf(status: number, body: string): string | undefined {
  let answer: GraphQLAnswer | undefined;
  try {
    answer = JSON.parse(body) as GraphQLAnswer;
  } catch {
    answer = undefined;
  }
  const first = answer?.errors?.[0];
  if (first) return first.extensions?.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side. Please try again.' : first.message;
  if (status < 200 || status >= 300) return status === 413 ? 'The file is larger than the upload limit.' : `The upload failed (HTTP ${status}).`;
  return undefined;
}

export function uploadFile(ticketId: string, file: File, token: string | null, onProgress: (fraction: number) => void): Promise<UploadOutcome> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: UPLOAD_MUTATION, variables: { input: { ticketId, file: null } } }));
  form.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.append('0', file, file.name);
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', graphqlUrl);
    request.setRequestHeader('x-graphql-yoga-csrf', '1');
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const reason = reasonOf(request.status, request.responseText);
      resolve(reason ? { ok: false, reason } : { ok: true });
    });
    request.addEventListener('error', () => resolve({ ok: false, reason: 'Cannot reach the server. Check your connection and try again.' }));
    request.addEventListener('abort', () => resolve({ ok: false, reason: 'The upload was cancelled.' }));
    request.send(form);
  });
}
