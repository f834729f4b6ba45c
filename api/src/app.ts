// The composition root: buildApp(config) → { yoga, server, start, stop }. Each line builds one part from
// the parts above it; what a part does is in its own module.
import type { Server } from 'node:http';
import { createAuth } from './auth/index.ts';
import type { LoginThrottleLimits } from './auth/login-throttle.ts';
import type { Config } from './config.ts';
import { createContextFactory, createViewerResolver, refuseOneTimePasswords } from './context.ts';
import { type Database, openDatabase } from './db/client.ts';
import { GRAPHQL_SSE_PATH } from './graphql/graphql-sse.ts';
import { identifyCaller } from './graphql/rate-limit.ts';
import { createWebhookEventRenderer } from './graphql/webhook-payload.ts';
import { createGraphQLServer, type GraphQLServer } from './graphql/yoga.ts';
import { bodyLimit } from './http/body-limit.ts';
import { exportBudget } from './http/export-budget.ts';
import { EXPORT_PATH, exportsEndpoint } from './http/exports.ts';
import { FILES_PATH, files } from './http/files.ts';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssets, graphiqlOff } from './http/graphiql.ts';
import { createReadinessCheck, health, readiness } from './http/health.ts';
import { metricsEndpoint } from './http/metrics.ts';
import { requestId } from './http/request-id.ts';
import { createRouter, type Route } from './http/router.ts';
import { securityHeaders } from './http/security-headers.ts';
import { closeServer, createHttpServer, listen } from './http/server.ts';
import { uploadAuthentication } from './http/upload-auth.ts';
import { uploadLimit } from './http/upload-limit.ts';
import { webApp } from './http/web-app.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createNoticeDelivery, type NoticeDelivery, type NoticeDeliveryTuning } from './notifications/index.ts';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookTuning } from './notifications/webhook-dispatcher.ts';
import { createDeliverySweep, type DeliverySweep } from './notifications/webhook-retention.ts';
import { createRealtime } from './realtime/index.ts';
import type { EventLoader } from './realtime/ticket-event-stream.ts';
import { attachGraphQLWebSocket } from './realtime/ws-server.ts';
import { openRedis } from './redis/connections.ts';
import { createServices, type Services } from './services/index.ts';
import { createStatsService } from './services/stats.ts';
import { createTransactionRunner, type EffectsSink } from './services/ticket-changes.ts';
import { decideStartup } from './startup.ts';
import { prepareBeforeListening, seedAfterListening } from './startup-tasks.ts';
import { openBlobStore } from './storage/index.ts';

export type AppOptions = {
  /** Use this database instead of opening one from config. The app closes it only if ownsDatabase. */
  database?: Database;
  ownsDatabase?: boolean;
  loginLimits?: LoginThrottleLimits;
  /** How often a dashboard scope may be recomputed while changes stream in (tests shorten it). */
  statsIntervalMs?: number;
  /** Wraps the realtime hub's shared per-event loader (tests inject load failures there). */
  wrapEventLoader?: (load: EventLoader) => EventLoader;
  logger?: Logger;
  /** Telegram delivery and deadline reminder timings (tests shorten them, and turn off polling). */
  notices?: NoticeDeliveryTuning;
  /** Webhook delivery timings (tests shorten them); dispatcher false: passes run only when a test calls runOnce. */
  webhooks?: Partial<WebhookTuning> & { dispatcher?: boolean };
};

export type App = {
  yoga: GraphQLServer;
  server: Server;
  db: Database;
  services: Services;
  /** Telegram delivery and deadline reminders (tests drive their passes directly). */
  notices: NoticeDelivery;
  /** Sends webhook deliveries (tests drive its passes directly). */
  webhooks: WebhookDispatcher;
  /** Deletes webhook deliveries past their retention (tests drive its passes directly). */
  deliverySweep: DeliverySweep;
  config: Config;
  metrics: Metrics;
  /** Listens on config.host:config.port (0 = a random free port) and returns the URL. */
  start(): Promise<{ url: string; port: number }>;
  /**
   * Graceful: /ready turns 503, the port stops accepting, WebSockets close with 1001, requests in flight
   * finish (up to config.shutdownTimeoutMs), then the realtime hub, Redis and the database close.
   */
  stop(): Promise<void>;
};

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const policy = decideStartup(config, options.database?.kind);
  const db = options.database ?? (await openDatabase({ ...policy.database, logger }));
  await prepareBeforeListening(db, policy, { demoPassword: config.demoPassword, logger });

  const { prisma } = db;
  // One set of Redis connections for the limiters and the realtime hub, so an outage is logged once.
  const redis = config.redisUrl ? await openRedis(config.redisUrl, logger) : undefined;
  const auth = await createAuth(config, options.loginLimits, redis);
  // The hub exists before the services that publish through it; its dashboard pushes use the stats service.
  const stats = createStatsService(prisma);
  const store = await openBlobStore(config);
  const metrics = createMetrics({ countPendingOutbox: () => prisma.notificationOutbox.count({ where: { status: 'PENDING' } }) });
  const realtime = createRealtime({
    prisma,
    stats,
    redis,
    redisPrefix: config.redisPrefix,
    logger,
    statsIntervalMs: options.statsIntervalMs,
    wrapEventLoader: options.wrapEventLoader,
    onEventDelivered: (event) => metrics.eventLag.observe((Date.now() - event.at.getTime()) / 1000),
  });
  // Committed changes go to the realtime hub, and wake the webhook dispatcher when they wrote deliveries.
  let wakeWebhooks = () => {};
  const sink: EffectsSink = (effects) => {
    realtime.sink(effects);
    if (effects.webhookDeliveries > 0) wakeWebhooks();
  };
  const services = createServices({
    prisma,
    tokens: auth.tokens,
    throttle: auth.throttle,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    registrationApproval: config.registrationApproval,
    registrationThrottle: auth.registrationThrottle,
    pendingRegistrationDays: config.pendingRegistrationDays,
    stats,
    sink,
    endSessions: realtime.endSessions,
    store,
    uploadMaxBytes: config.uploadMaxBytes,
    uploadQuota: config.uploadQuota,
    fileLinks: auth.fileLinks,
    kpiTargets: config.kpiTargets,
    telegramBotUsername: () => notices.botUsername(),
    webhookAllowPrivateTargets: config.webhooks.allowPrivateTargets,
  });
  // Telegram's client (grammY) is imported only when a bot token is configured.
  const notices = await createNoticeDelivery({
    prisma,
    tickets: services.tickets,
    links: services.telegramLinks,
    sink,
    logger,
    telegram: config.telegram,
    frontendUrl: config.frontendUrl,
    reminderLeadMs: config.deadlineReminderLeadMs,
    report: config.report,
    tuning: options.notices,
  });

  const { dispatcher: runWebhookDispatcher = true, ...webhookTuning } = options.webhooks ?? {};
  const webhooks = createWebhookDispatcher({
    prisma,
    render: createWebhookEventRenderer({ prisma, sql: db.sql, services, realtime }),
    inTransaction: createTransactionRunner(prisma, sink),
    logger,
    // The lease outlives an attempt (render, send within the timeout, settle) with room; a crashed instance's
    // deliveries come back when it ends.
    tuning: { ...config.webhooks, leaseMs: Math.max(3 * config.webhooks.timeoutMs, 5_000), ...webhookTuning },
  });
  wakeWebhooks = webhooks.wake;
  const deliverySweep = createDeliverySweep({ prisma, logger, retention: config.webhookRetention });

  const resolveViewer = createViewerResolver(db.sql, auth.tokens);
  // GraphQL refuses a one-time password's operations itself (graphql/password-change-gate.ts); the side routes here.
  const routeViewer = refuseOneTimePasswords(resolveViewer);
  const context = createContextFactory({ prisma, sql: db.sql, services, realtime, resolveViewer, trustProxyHops: config.trustProxyHops });
  const rateLimit = auth.queryRateLimiter && { limiter: auth.queryRateLimiter, identify: identifyCaller(auth.tokens, config.trustProxyHops) };
  const yoga = createGraphQLServer({ config, logger, context, metrics, rateLimit });

  let draining = false;

  const web = webApp(config.webDistDir);
  const routes: Route[] = [
    { path: '/', handle: requestId(logger, { trustProxyHops: config.trustProxyHops }) },
    { path: '/', handle: securityHeaders({ trustProxyHops: config.trustProxyHops }) },
    { path: '/health', handle: health },
    { path: '/ready', handle: readiness(createReadinessCheck({ db: prisma, redis, blobStore: store, logger }), () => draining) },
    { path: '/metrics', methods: ['GET'], handle: metricsEndpoint(metrics.registry, config.metricsToken, logger) },
    { path: '/', handle: bodyLimit(config.requestBodyMaxBytes) },
    { path: yoga.graphqlEndpoint, methods: ['POST'], handle: uploadLimit(config.uploadMaxBytes) },
    // The size and then the caller of an upload are judged before Yoga reads a byte of the file.
    { path: yoga.graphqlEndpoint, methods: ['POST'], handle: uploadAuthentication(resolveViewer, logger) },
    ...(config.graphiql
      ? [{ path: GRAPHIQL_ASSETS_PATH, methods: ['GET', 'HEAD'], handle: graphiqlAssets(logger) }]
      : [{ path: yoga.graphqlEndpoint, methods: ['GET'], handle: graphiqlOff }]),
    { path: yoga.graphqlEndpoint, handle: (req, res) => yoga(req, res) },
    // GraphQL over SSE (graphql/graphql-sse.ts): its GETs, too, are Yoga's, not the web app's page.
    { path: GRAPHQL_SSE_PATH, handle: (req, res) => yoga(req, res) },
    { path: FILES_PATH, methods: ['GET', 'HEAD'], handle: files({ attachments: services.attachments, resolveViewer: routeViewer, logger }) },
    {
      path: EXPORT_PATH,
      methods: ['GET'],
      handle: exportsEndpoint({
        prisma,
        analytics: services.analytics,
        resolveViewer: routeViewer,
        logger,
        budget: exportBudget({ limiter: auth.queryRateLimiter, trustProxyHops: config.trustProxyHops, logger }),
      }),
    },
    ...notices.routes,
    ...(web ? [{ path: '/', methods: ['GET', 'HEAD'], handle: web }] : []),
  ];
  const server = createHttpServer(createRouter(routes, (req, res) => yoga(req, res)));
  const ws = attachGraphQLWebSocket({ server, yoga, resolveViewer, onSessionsEnded: realtime.onSessionsEnded, logger, trustProxyHops: config.trustProxyHops });

  let seeding: Promise<void> | undefined;
  return {
    yoga,
    server,
    db,
    services,
    notices,
    webhooks,
    deliverySweep,
    config,
    metrics,
    async start() {
      const port = await listen(server, config.port, config.host);
      seeding = seedAfterListening(db, policy, logger);
      await notices.start();
      if (runWebhookDispatcher) {
        webhooks.start();
        deliverySweep.start();
      }
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return { url: `http://${host}:${port}/graphql`, port };
    },
    async stop() {
      draining = true;
      // Stops accepting at once; requests in flight go on while the sockets close.
      const httpClosed = closeServer(server, config.shutdownTimeoutMs);
      await ws.close();
      const cut = await httpClosed;
      if (cut > 0) logger.warn(`shutdown: ${cut} request(s) still running after ${config.shutdownTimeoutMs} ms were cut`);
      await seeding;
      await Promise.all([notices.stop(), webhooks.stop(), deliverySweep.stop()]);
      await realtime.close();
      redis?.close();
      store.close();
      if (options.ownsDatabase ?? !options.database) await db.close();
    },
  };
}
