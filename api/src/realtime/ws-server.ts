// GraphQL over WebSocket (graphql-ws) on the HTTP server's /graphql path. Every operation runs through
// Yoga's getEnveloped, so it passes the same plugins, shield, context factory and validation as HTTP.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type DocumentNode, GraphQLError, type execute as graphqlExecute, type subscribe as graphqlSubscribe } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Context, ServerContext, ViewerResolver } from '../context.ts';
import { DomainError } from '../domain/errors.ts';
import { logClientErrors } from '../graphql/operation-error-log.ts';
import { clientAddress } from '../http/client-address.ts';
import { REQUEST_ID_HEADER, requestIdOf } from '../http/request-id.ts';
import { type Logger, withFields } from '../logger.ts';
import type { EndedSessions } from '../services/ended-sessions.ts';
import { atTime } from './at-time.ts';
import type { Listener } from './hub.ts';

type ConnectionFields = { requestId: string; address: string; userId?: string };

/** Pings keep idle connections alive through proxies and find dead peers. */
const KEEP_ALIVE_MS = 12_000;
/** The close code for a refused or expired token (the contract's "forbidden"). */
export const WS_FORBIDDEN = 4403;

type Enveloped = { execute: typeof graphqlExecute; subscribe: typeof graphqlSubscribe };
/** What this needs of the GraphQL server (graphql/yoga.ts). */
type Yoga = Pick<YogaServerInstance<ServerContext, Context>, 'graphqlEndpoint' | 'getEnveloped'>;

/**
 * The errors a subscribe message is refused with, each with its code (and without Yoga's HTTP details, which mean
 * nothing here), logged once as the client's doing.
 */
function refusal(errors: readonly GraphQLError[], defaultCode: string): GraphQLError[] {
  return errors.map((error) => {
    const { http: _http, ...extensions } = error.extensions ?? {};
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      extensions: { ...extensions, code: extensions.code ?? defaultCode },
    });
  });
}

export function attachGraphQLWebSocket(options: {
  server: Server;
  yoga: Yoga;
  resolveViewer: ViewerResolver;
  /** Sessions ended anywhere (any instance): their sockets here close with 4403 at once. */
  onSessionsEnded: (listener: Listener<EndedSessions>) => () => void;
  logger: Logger;
  /** Reverse proxies in front (TRUST_PROXY), for the client's address on the connection's log lines. */
  trustProxyHops: number;
}) {
  const { yoga, resolveViewer, logger } = options;
  const refuse = (request: IncomingMessage, errors: readonly GraphQLError[], defaultCode: string) => {
    const refused = refusal(errors, defaultCode);
    const requestId = request.headers[REQUEST_ID_HEADER];
    logClientErrors(typeof requestId === 'string' ? withFields(logger, { requestId }) : logger, refused);
    return refused;
  };
  // noServer, with the upgrade wired by hand: given the HTTP server, ws re-emits that server's errors as its own,
  // and graphql-ws answers them with "Internal error emitted on the WebSocket server" (a busy port read so).
  // Listening errors stay the HTTP server's, where listen() reports them.
  const wsServer = new WebSocketServer({ noServer: true, path: yoga.graphqlEndpoint });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    wsServer.handleUpgrade(request, socket, head, (client) => wsServer.emit('connection', client, request));
  };
  options.server.on('upgrade', upgrade);
  // One line when a socket is authenticated, one when it closes (with its code and how long it lived), both with
  // the upgrade request's id and the client's address, like an HTTP request's access line.
  const connections = new WeakMap<WebSocket, ConnectionFields>();
  wsServer.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const fields: ConnectionFields = { requestId: requestIdOf(request), address: clientAddress(request, options.trustProxyHops) };
    // The operations' lines find the connection's id where an HTTP request's are found (graphql/operation-error-log.ts).
    request.headers[REQUEST_ID_HEADER] = fields.requestId;
    const openedAt = performance.now();
    connections.set(socket, fields);
    socket.once('close', (code: number, reason: Buffer) => {
      const durationMs = Math.round(performance.now() - openedAt);
      logger.info('websocket closed', { ...fields, code, ...(reason.length ? { reason: reason.toString().slice(0, 123) } : {}), durationMs });
    });
  });
  /** The open, authenticated sockets of each user, with the sign-in session each belongs to. */
  const socketsByUser = new Map<string, Map<WebSocket, string>>();
  const stopListening = options.onSessionsEnded(({ userId, sessionId }) => {
    for (const [socket, socketSession] of socketsByUser.get(userId) ?? []) {
      if (!sessionId || sessionId === socketSession) socket.close(WS_FORBIDDEN, 'Forbidden: session ended');
    }
  });
  const disposable = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      // Authenticate once at connection_init: a bad or missing token closes the socket (4403) before any
      // operation. When the token expires the socket closes the same way and the client reconnects with a
      // fresh one, so a revoked session cannot keep listening.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const resolved = await resolveViewer(typeof authorization === 'string' ? authorization : undefined);
          if (!resolved) return false;
          const socket = ctx.extra.socket;
          const cancelTimer = atTime(resolved.expiresAt, () => socket.close(WS_FORBIDDEN, 'Forbidden: token expired'));
          const userId = resolved.viewer.id;
          const sockets = socketsByUser.get(userId) ?? new Map<WebSocket, string>();
          sockets.set(socket, resolved.sessionId);
          socketsByUser.set(userId, sockets);
          const connection = connections.get(socket);
          if (connection) {
            connection.userId = userId;
            logger.info('websocket connected', { ...connection });
          }
          socket.once('close', () => {
            cancelTimer();
            sockets.delete(socket);
            if (sockets.size === 0) socketsByUser.delete(userId);
          });
          return true;
        } catch (error) {
          if (error instanceof DomainError) return false;
          // Not a refusal: the token could not be checked (the database dropped the connection, say). 4403
          // would tell the client its session ended; 1011 says the server failed, and the client reconnects.
          logger.error('websocket authentication failed', error);
          ctx.extra.socket.close(1011, 'Internal error: try again');
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        // A document that is not GraphQL (or over the token limit, which the parser applies) is the client's
        // mistake, answered like an invalid one: graphql-ws would close the socket with 4500 for a throw.
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          return refuse(ctx.extra.request, [error], 'GRAPHQL_PARSE_FAILED');
        }
        const errors = validate(schema, document);
        if (errors.length) return refuse(ctx.extra.request, errors, 'GRAPHQL_VALIDATION_FAILED');
        let contextValue: Context;
        try {
          contextValue = await contextFactory();
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          // The session ended between connecting and subscribing: the same 4403 as when it ends later.
          if (error.extensions.code === 'UNAUTHENTICATED') ctx.extra.socket.close(WS_FORBIDDEN, 'Forbidden: session ended');
          // Anything else (masked and logged already; the database dropped the connection, say) fails this
          // operation alone: a throw here makes graphql-ws close the socket with 4500, which ends the client's
          // other live streams too and which its client never retries.
          return [error];
        }
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue,
          rootValue: { execute, subscribe } satisfies Enveloped,
        };
      },
    },
    wsServer,
    KEEP_ALIVE_MS,
  );
  return {
    async close() {
      stopListening();
      options.server.off('upgrade', upgrade);
      await disposable.dispose();
      wsServer.close();
    },
  };
}
