// buildApp(config) → { yoga, start, stop }: HTTP and graphql-ws on one server, one context factory for both.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useGraphQLMiddleware } from '@envelop/graphql-middleware';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { Config } from './config.ts';
import { createViewerResolver, type Context } from './context.ts';
import { createLoginThrottle, DEFAULT_LOGIN_LIMITS, type LoginThrottleLimits } from './auth/login-throttle.ts';
import { createTokenIssuer } from './auth/tokens.ts';
import { openDatabase, type Database } from './db/client.ts';
import { applyMigrations, pendingMigrations } from './db/migrate.ts';
import { armorPlugin } from './graphql/armor.ts';
import { pageSizeMiddleware } from './graphql/connection-args.ts';
import { toPublicError } from './graphql/errors.ts';
import { buildPermissions } from './graphql/permissions/shield.ts';
import { schema } from './graphql/schema.ts';
import { createLogger, type Logger } from './logger.ts';
import { seedDemoAccounts, seedDemoTickets } from './seed/demo.ts';
import { createRealtime, type Realtime } from './realtime/index.ts';
import { createServices, type Services } from './services/index.ts';
import { DomainError } from './domain/errors.ts';

const WS_KEEP_ALIVE_MS = 12_000;
const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** What Yoga receives from node:http (req) or from graphql-ws (connectionParams, extra). */
type ServerContext = {
  req?: IncomingMessage;
  connectionParams?: Record<string, unknown>;
  extra?: { request?: IncomingMessage };
};

export type AppOptions = {
  /** Use this database instead of opening one from config. The app closes it only if ownsDatabase. */
  database?: Database;
  ownsDatabase?: boolean;
  loginLimits?: LoginThrottleLimits;
  /** How often a dashboard scope may be recomputed while changes stream in (tests shorten it). */
  statsIntervalMs?: number;
  logger?: Logger;
};

export type App = {
  yoga: YogaServerInstance<ServerContext, Context>;
  server: Server;
  db: Database;
  services: Services;
  config: Config;
  /** Listens on config.host:config.port (0 = a random free port) and returns the URL. */
  start(): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
};

async function resolveJwtSecret(config: Config): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  // Embedded mode only (config refuses DATABASE_URL without JWT_SECRET): made once, kept with the data.
  const file = path.join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

function clientAddress(request: IncomingMessage | undefined): string {
  return request?.socket.remoteAddress ?? 'unknown';
}

/** Refusals (domain errors) are answers to the client, not server faults: Yoga logs them at debug level. */
function quietDomainErrors(logger: Logger): Logger {
  const isRefusal = (value: unknown) =>
    value instanceof DomainError ||
    (value instanceof GraphQLError && (value.originalError instanceof DomainError || value.originalError instanceof PothosValidationError));
  return { ...logger, error: (...args) => (args.some(isRefusal) ? logger.debug(...args) : logger.error(...args)) };
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const ownsDatabase = options.ownsDatabase ?? !options.database;
  const db =
    options.database ??
    (await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl }
        : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') },
    ));
  const { prisma } = db;
  if (db.kind === 'pglite') {
    const { applied } = await applyMigrations(db.adapterFactory);
    if (applied.length) logger.info(`applied migrations: ${applied.join(', ')}`);
    // Accounts now, so sign-in works the moment the server listens; the month of tickets right after.
    if (config.seedDemoData) {
      const seeded = await seedDemoAccounts(prisma, { password: config.demoPassword });
      if (seeded) logger.info(seeded.summary);
    }
  }

  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }) : undefined;
  const tokens = createTokenIssuer(await resolveJwtSecret(config), config.accessTokenTtlSeconds);
  const throttle = createLoginThrottle(options.loginLimits ?? DEFAULT_LOGIN_LIMITS, redis);
  // Services publish through the realtime hub, which exists before them; the hub's dashboard pushes use
  // the stats service, so it gets it once services exist.
  let realtime: Realtime | undefined;
  const services = createServices({
    prisma,
    tokens,
    throttle,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    registrationApproval: config.registrationApproval,
    sink: (effects) => realtime?.sink(effects),
  });
  realtime = createRealtime({
    prisma,
    stats: services.stats,
    redisUrl: config.redisUrl,
    logger,
    ...(options.statsIntervalMs !== undefined ? { statsIntervalMs: options.statsIntervalMs } : {}),
  });
  const live = realtime;
  const resolveViewer = createViewerResolver(prisma, tokens);

  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'Juan365 Ticketing', subscriptionsProtocol: 'WS' },
    landingPage: false,
    healthCheckEndpoint: '/health',
    cors: config.corsOrigins.length ? { origin: config.corsOrigins, credentials: true } : false,
    logging: quietDomainErrors(logger),
    maskedErrors: { maskError: (error, message) => toPublicError(error, message) },
    plugins: [armorPlugin(), useGraphQLMiddleware([buildPermissions(schema), pageSizeMiddleware(schema)])],
    context: async (initial): Promise<Context> => {
      const wsParams = initial.connectionParams;
      const request = initial.extra?.request ?? initial.req;
      const header = wsParams
        ? typeof wsParams.authorization === 'string' ? wsParams.authorization : undefined
        : initial.request.headers.get('authorization');
      const resolved = await resolveViewer(header).catch((error: unknown) => {
        // A refused token is an answer for the client, not a server error to log.
        throw error instanceof DomainError ? toPublicError(error) : error;
      });
      return {
        prisma,
        services,
        realtime: live,
        viewer: resolved?.viewer ?? null,
        viewerExpiresAt: resolved?.expiresAt ?? null,
        meta: { address: clientAddress(request), userAgent: request?.headers['user-agent'] },
      };
    },
  });

  const migrationsReady = async () => (await pendingMigrations(prisma)).length === 0;
  const serveWeb = existsSync(path.join(WEB_DIST, 'index.html')) ? sirv(WEB_DIST, { single: true, gzip: true }) : undefined;

  async function ready(res: ServerResponse) {
    let body: Record<string, unknown>;
    try {
      const migrated = await migrationsReady();
      body = { status: migrated ? 'ready' : 'migrations pending', database: 'ok', migrations: migrated ? 'applied' : 'pending' };
      res.statusCode = migrated ? 200 : 503;
    } catch (error) {
      logger.warn('readiness check failed', error);
      body = { status: 'unavailable', database: 'unreachable' };
      res.statusCode = 503;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/ready' || url.startsWith('/ready?')) return void ready(res);
    if (serveWeb && req.method === 'GET' && !url.startsWith('/graphql') && !url.startsWith('/health') && !url.startsWith('/files/')) {
      return serveWeb(req, res, () => yoga(req, res));
    }
    return yoga(req, res);
  });

  // Longer than the usual load balancer idle timeout (60 s), so the balancer, not us, closes idle
  // keep-alive connections; otherwise a request can race the close and fail with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const wsServer = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const wsDisposable = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      execute: (args) => (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args),
      // Authenticate once at connection_init: a bad or missing token closes the socket (4403) before any
      // operation. When the token expires the socket closes the same way and the client reconnects with a
      // fresh one, so a revoked session cannot keep listening.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const resolved = await resolveViewer(typeof authorization === 'string' ? authorization : undefined);
          if (!resolved) return false;
          const socket = ctx.extra.socket;
          const timer = setTimeout(() => socket.close(4403, 'Forbidden: token expired'), resolved.expiresAt.getTime() - Date.now());
          socket.once('close', () => clearTimeout(timer));
          return true;
        } catch (error) {
          if (!(error instanceof DomainError)) logger.error('websocket authentication failed', error);
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema: envelopedSchema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        const document = parse(payload.query);
        const errors = validate(envelopedSchema, document);
        if (errors.length) return errors;
        return {
          schema: envelopedSchema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wsServer,
    // Pings keep idle connections alive through proxies and find dead peers.
    WS_KEEP_ALIVE_MS,
  );

  let listening = false;
  let demoTickets: Promise<void> | undefined;
  return {
    yoga,
    server,
    db,
    services,
    config,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      listening = true;
      if (db.kind === 'pglite' && config.seedDemoData) {
        demoTickets = seedDemoTickets(prisma)
          .then((seeded) => {
            if (seeded) logger.info(seeded.summary);
          })
          .catch((error: unknown) => logger.error('seeding the demo tickets failed (they are seeded on the next start)', error));
      }
      const { port } = server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return { url: `http://${host}:${port}/graphql`, port };
    },
    async stop() {
      await demoTickets;
      await wsDisposable.dispose();
      wsServer.close();
      if (listening) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        listening = false;
      }
      await live.close();
      redis?.disconnect();
      if (ownsDatabase) await db.close();
    },
  };
}
