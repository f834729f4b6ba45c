// GraphQL over Server-Sent Events (the graphql-sse protocol) at /graphql/stream, for clients that cannot keep a
// WebSocket open. Yoga's plugin serves it and runs every operation through Yoga's getEnveloped, so it passes the
// same context factory, query limits, rate limit, shield and shared subscription execution as HTTP and graphql-ws.
// What this adds around the plugin:
// - Only the "distinct connections" mode (one request per operation, the graphql-sse client's default): the single
//   connection mode reserves a stream for anyone who asks (PUT, no credentials, kept until opened) under a token
//   from Math.random, which whoever holds it may read.
// - Authenticated callers only, as over graphql-ws: no Authorization header → 401 UNAUTHENTICATED.
// - A document refused before it runs (not GraphQL, not valid, over a query limit, over the rate limit) gets its
//   errors as the stream's one `next` event, as graphql-sse clients take them; a refused token is a 401 JSON answer.
//   The plugin threw the first kind and the token's refusal (Yoga answers a throw there 500, with the stack trace
//   in the body) and answered the rest 400 "Unable to detect operation AST".
// - Errors in the stream carry their public code and no `http` extension (Yoga's HTTP details, meaningless there).
// The stream ends when its token expires or its session ends: graphql/subscription-lifetime.ts.
import { STATUS_CODES } from 'node:http';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { print } from 'graphql-sse';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { REQUEST_ID_HEADER } from '../http/request-id.ts';
import { type Logger, withFields } from '../logger.ts';
import { isClientError, type PublicErrorCode, toPublicError } from './errors.ts';
import { logClientErrors } from './operation-error-log.ts';

export const GRAPHQL_SSE_PATH = '/graphql/stream';

const EVENT_STREAM = 'text/event-stream';

/** The HTTP status of a refusal before the stream starts (the context could not be built), by its code. */
const STATUS_OF_CODE: Partial<Record<PublicErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/** Refusals of the document itself that the parser raises (Yoga's parse gives its syntax errors this code). */
const DOCUMENT_CODES = new Set<unknown>(['GRAPHQL_PARSE_FAILED', 'QUERY_TOO_COMPLEX'] satisfies PublicErrorCode[]);

type FetchAPI = Pick<typeof globalThis, 'Response' | 'Headers'>;

type Refusal = readonly [string, { status: number; statusText: string; headers: Record<string, string> }];

function refusal(status: number, errors: readonly GraphQLError[], headers: Record<string, string> = {}): Refusal {
  return [
    JSON.stringify({ errors }),
    { status, statusText: STATUS_CODES[status] ?? '', headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } },
  ];
}

/** An error as a client sees it in the stream: its public code (or `code` for one without), no `http`. */
function inStream(error: GraphQLError, code: PublicErrorCode): GraphQLError {
  const { http: _http, ...extensions } = error.extensions ?? {};
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...extensions, code: extensions.code ?? code },
  });
}

/** An answer that is an event stream of these errors, then its end: how graphql-sse clients take a refusal. */
function refusedInStream(fetchAPI: FetchAPI, errors: readonly GraphQLError[]): Response {
  const body = print({ event: 'next', data: { errors } }) + print({ event: 'complete', data: null });
  return new fetchAPI.Response(body, { status: 200, headers: { 'content-type': `${EVENT_STREAM}; charset=utf-8`, 'cache-control': 'no-cache' } });
}

/** The library's own refusals (no query, a media type it does not read, no operation to run) with a code. */
async function withCodes(fetchAPI: FetchAPI, response: Response): Promise<Response> {
  if (response.status < 400 || !response.headers.get('content-type')?.startsWith('application/json')) return response;
  const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const errors = (body.errors ?? []).map((error) => ({ ...error, extensions: { code: 'BAD_REQUEST' satisfies PublicErrorCode, ...error.extensions } }));
  const headers = new fetchAPI.Headers(response.headers);
  headers.delete('content-length');
  return new fetchAPI.Response(JSON.stringify({ errors }), { status: response.status, statusText: response.statusText, headers });
}

const requestOf = (context: unknown) => (context as { request?: Request } | undefined)?.request;

/** A result with no `data` (an operation refused before it ran) with `data: null`, so graphql-sse streams it. */
function withData({ result, setResult }: { result: unknown; setResult: (result: ExecutionResult) => void }) {
  if (!isAsyncIterable(result) && !('data' in (result as ExecutionResult))) setResult({ data: null, ...(result as ExecutionResult) });
}

export function graphqlOverSse(options: { logger: Logger }): Plugin {
  const scoped = (request: Request) => {
    const requestId = request.headers.get(REQUEST_ID_HEADER);
    return requestId ? withFields(options.logger, { requestId }) : options.logger;
  };
  /** The event stream requests being prepared, and the validation errors of those whose document was refused. */
  const refusedDocuments = new WeakMap<Request, readonly GraphQLError[] | null>();
  /** A document refused before the stream started (parse, validation, query limits): its errors, in the stream. */
  const refuseDocument = (fetchAPI: FetchAPI, request: Request, errors: readonly GraphQLError[], code: PublicErrorCode) => {
    const publicErrors = errors.map((error) => inStream(error, code));
    logClientErrors(scoped(request), publicErrors);
    return refusedInStream(fetchAPI, publicErrors);
  };

  /**
   * Thrown before the stream started: a parse error (graphql-js' carries no code) or the token limit (the parser
   * applies it), both answered in the stream like any refused document; a refused token (401); or a fault (500,
   * masked, logged with the request's id). The plugin throws them all, which Yoga would answer 500 with the stack.
   */
  const refusedBeforeStream = (fetchAPI: FetchAPI, request: Request, error: unknown): Response => {
    if (error instanceof GraphQLError && !error.originalError && DOCUMENT_CODES.has(error.extensions?.code ?? 'GRAPHQL_PARSE_FAILED')) {
      return refuseDocument(fetchAPI, request, [error], 'GRAPHQL_PARSE_FAILED');
    }
    const publicError = inStream(toPublicError(error), 'INTERNAL_SERVER_ERROR');
    const code = publicError.extensions.code as PublicErrorCode;
    if (isClientError(error)) logClientErrors(scoped(request), [publicError]);
    else scoped(request).error(error);
    const [body, init] = refusal(STATUS_OF_CODE[code] ?? 400, [publicError]);
    return new fetchAPI.Response(body, init);
  };

  const sse = useGraphQLSSE({
    endpoint: GRAPHQL_SSE_PATH,
    // No stream token, ever: every event stream request is its own operation (distinct connections).
    authenticate: (req) => {
      if (req.headers.get('accept') === EVENT_STREAM) return undefined;
      const message = `Send each operation in its own request with "Accept: ${EVENT_STREAM}" (graphql-sse's distinct connections mode); the single connection mode is not offered.`;
      const error = new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' satisfies PublicErrorCode } });
      return req.method === 'GET' || req.method === 'POST' ? refusal(406, [error]) : refusal(405, [error], { allow: 'GET, POST' });
    },
    onConnect: (req) => {
      if (req.headers.get('authorization')) return;
      const error = new GraphQLError('Send "Authorization: Bearer <accessToken>": event streams are for signed-in callers.', {
        extensions: { code: 'UNAUTHENTICATED' satisfies PublicErrorCode },
      });
      return refusal(401, [error], { 'www-authenticate': 'Bearer' });
    },
    onNext: (_ctx, req, result) => {
      const { errors, extensions } = result as ExecutionResult;
      if (!errors?.length && !extensions?.http) return;
      const publicErrors = errors?.map((error) => inStream(error, 'INTERNAL_SERVER_ERROR'));
      logClientErrors(scoped(req.raw as Request), publicErrors);
      const { http: _http, ...rest } = extensions ?? {};
      return { ...result, ...(publicErrors ? { errors: publicErrors } : {}), ...(extensions ? { extensions: rest } : {}) };
    },
  });
  const onRequest = sse.onRequest;
  if (!onRequest) throw new Error('@graphql-yoga/plugin-graphql-sse serves requests in onRequest');

  return {
    ...sse,
    // The plugin answers a document that fails validation with 400 "Unable to detect operation AST" (it hands
    // graphql-sse the errors where an execution result is expected): the errors are kept here to answer with.
    onValidate: ({ context }) => {
      const request = requestOf(context);
      if (!request || !refusedDocuments.has(request)) return;
      return ({ result }) => {
        if (result.length)
          refusedDocuments.set(
            request,
            result.map((error) => (error instanceof GraphQLError ? error : new GraphQLError(error.message))),
          );
      };
    },
    // Likewise an operation refused before it ran (a rate limit, a subscription refused by its resolver): graphql-sse
    // takes only a result with `data` for one, so it gets `data: null` (this plugin comes first, so it sees those
    // that other plugins stop early).
    onExecute: ({ args }) => (refusedDocuments.has(requestOf(args.contextValue) as Request) ? { onExecuteDone: withData } : undefined),
    onSubscribe: ({ args }) => (refusedDocuments.has(requestOf(args.contextValue) as Request) ? { onSubscribeResult: withData } : undefined),
    onRequest: async (payload) => {
      const { request, fetchAPI } = payload;
      if (!request.url.split('?', 1)[0]?.endsWith(GRAPHQL_SSE_PATH)) return;
      refusedDocuments.set(request, null);
      let answer: Response | undefined;
      try {
        await onRequest({ ...payload, endResponse: (response) => (answer = response) });
      } catch (error) {
        answer = refusedBeforeStream(fetchAPI, request, error);
      }
      const refused = refusedDocuments.get(request);
      refusedDocuments.delete(request);
      if (refused) answer = refuseDocument(fetchAPI, request, refused, 'GRAPHQL_VALIDATION_FAILED');
      if (answer) payload.endResponse(await withCodes(fetchAPI, answer));
    },
  };
}
