// The GraphQL server: the schema, its plugins (query limits, metrics, the query-cost rate limit, shield,
// page sizes), the one error mapper and the context factory. HTTP hands it requests (http/router.ts); graphql-ws runs operations through its
// getEnveloped (realtime/ws-server.ts), so both transports share all of this.

import type { IncomingMessage } from 'node:http';
import { useGraphQLMiddleware } from '@envelop/graphql-middleware';
import { createYoga, type YogaInitialContext, type YogaServerInstance } from 'graphql-yoga';
import type { QueryRateLimiter } from '../auth/query-rate-limit.ts';
import type { Config } from '../config.ts';
import type { Context, ServerContext } from '../context.ts';
import { graphiqlPage } from '../http/graphiql.ts';
import { MULTIPART_ALLOWANCE_BYTES } from '../http/upload-limit.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { accessFields } from './access-fields.ts';
import { anonymousInProduction } from './anonymous-in-production.ts';
import { armorPlugin, type QueryCosts } from './armor.ts';
import { pageSizeMiddleware } from './connection-args.ts';
import { corsFor } from './cors.ts';
import { csrfPrevention } from './csrf-prevention.ts';
import { isClientError, toPublicError } from './errors.ts';
import { graphqlOverSse } from './graphql-sse.ts';
import { metricsPlugins } from './metrics-plugin.ts';
import { multipartForm } from './multipart-form.ts';
import { operationErrorLog } from './operation-error-log.ts';
import { passwordChangeGate } from './password-change-gate.ts';
import { buildPermissions } from './permissions/shield.ts';
import { rateLimitPlugin } from './rate-limit.ts';
import { refreshCookiePlugin } from './refresh-cookie.ts';
import { requestBodyLimit } from './request-body-limit.ts';
import { schema } from './schema.ts';
import { useSharedSubscriptionExecution } from './shared-subscription-execution.ts';
import { subscriptionLifetime } from './subscription-lifetime.ts';
import { synchronousNodeIds } from './synchronous-node-ids.ts';
import { textInputGuard } from './text-input-guard.ts';

export type GraphQLServer = YogaServerInstance<ServerContext, Context>;

/** Response headers a browser client on another origin may read (rate limits, the request id to quote). */
const EXPOSED_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after', 'x-request-id'];
/** Files one multipart request may carry (the spec's multi-file shape); each is one upload. */
const MAX_FILES_PER_REQUEST = 10;

export function createGraphQLServer(options: {
  config: Pick<Config, 'corsOrigins' | 'graphiql' | 'uploadMaxBytes' | 'production'>;
  logger: Logger;
  context: (initial: ServerContext & YogaInitialContext) => Promise<Context>;
  metrics?: Metrics | undefined;
  /** Unset: no rate limit. `identify` names the caller of a request that ran no operation. */
  rateLimit?: { limiter: QueryRateLimiter; identify: (request: Request, req: IncomingMessage | undefined) => Promise<string> } | undefined;
}): GraphQLServer {
  const costs: QueryCosts = new WeakMap();
  const errorLog = operationErrorLog(options.logger);
  return createYoga<ServerContext, Context>({
    // Node ids without a promise each (synchronous-node-ids.ts).
    schema: synchronousNodeIds(schema),
    graphqlEndpoint: '/graphql',
    // Our own page and assets (http/graphiql.ts), never the CDN Yoga's default page loads from.
    graphiql: options.config.graphiql && { title: 'Juan365 Ticketing', subscriptionsProtocol: 'WS' },
    renderGraphiQL: graphiqlPage,
    landingPage: false,
    cors: corsFor(options.config.corsOrigins, EXPOSED_HEADERS),
    logging: errorLog.yogaLogger,
    // Yoga's own limit counts every body through a stream: requestBodyLimit below does the same for the bodies
    // that need it (graphql/request-body-limit.ts).
    maxRequestBodySize: false,
    maskedErrors: { maskError: (error, message) => toPublicError(error, message) },
    plugins: [
      // GraphQL over SSE at /graphql/stream. First, so it sees every operation's result, also those stopped early.
      graphqlOverSse({ logger: options.logger }),
      // Before Yoga's masking (added after these plugins), so the errors are logged as raised, with the request id.
      errorLog.plugin,
      // The operation's name and the user, for the request's access line.
      accessFields(),
      // Before anything reads a multipart body, refuse it without the CSRF header.
      csrfPrevention(),
      // The refresh-token cookie that login, refreshToken and logout set (graphql/refresh-cookie.ts).
      refreshCookiePlugin(),
      // Uploads are read here (file names as sent, the size held while streaming), then Yoga maps the files.
      multipartForm({ uploadMaxBytes: options.config.uploadMaxBytes, fieldMaxBytes: MULTIPART_ALLOWANCE_BYTES, maxFiles: MAX_FILES_PER_REQUEST }),
      armorPlugin(costs),
      ...(options.metrics ? metricsPlugins(options.metrics) : []),
      ...(options.rateLimit ? [rateLimitPlugin({ ...options.rateLimit, costs, logger: options.logger })] : []),
      anonymousInProduction(options.config.production),
      // Before shield, so a one-time password hears PASSWORD_CHANGE_REQUIRED rather than each field's own refusal.
      passwordChangeGate(),
      textInputGuard(),
      useGraphQLMiddleware([buildPermissions(schema), pageSizeMiddleware(schema)]),
      // One execution per event for every subscriber who would get the same answer (realtime fan-out).
      useSharedSubscriptionExecution({
        sharedContextKeys: ['prisma', 'sql', 'services', 'realtime'] satisfies (keyof Context)[],
        viewerKey: 'viewer' satisfies keyof Context,
        eventOnlyRootFields: ['ticketEvents'],
      }),
      // An event stream (HTTP) ends when its token expires or its session ends, as a socket closes then.
      subscriptionLifetime(),
      // Counted while the body streams in: a chunked upload (no Content-Length for http/upload-limit.ts to
      // judge) is cut off once it passes the largest file plus the form around it. JSON bodies have their own,
      // smaller limit before they get here (http/body-limit.ts). After every plugin that sets a request parser.
      requestBodyLimit(options.config.uploadMaxBytes + MULTIPART_ALLOWANCE_BYTES),
    ],
    // A refused token is an answer for the client (UNAUTHENTICATED), not a server error to log.
    context: (initial) =>
      options.context(initial).catch((error: unknown) => {
        throw isClientError(error) ? toPublicError(error) : error;
      }),
  });
}
