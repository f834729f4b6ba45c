// CSRF prevention for the request kinds a browser sends cross-site without asking first (a "simple" request:
// a form's multipart/form-data, x-www-form-urlencoded or text/plain POST): they must carry the
// x-graphql-yoga-csrf header, which a cross-site form cannot set without a CORS preflight we would refuse.
// JSON requests are preflighted anyway. The same rule and header as Yoga's @graphql-yoga/plugin-csrf-prevention.
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const CSRF_HEADER = 'x-graphql-yoga-csrf';

const SIMPLE_CONTENT_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain'];

export function csrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const contentType = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
      if (SIMPLE_CONTENT_TYPES.includes(contentType) && !request.headers.has(CSRF_HEADER)) {
        throw createGraphQLError(`Send the ${CSRF_HEADER} header (any value) with ${contentType} requests (CSRF prevention).`, {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 403 } },
        });
      }
    },
  };
}
