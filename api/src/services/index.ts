// The service bundle every request's context carries.

import type { FileLinkSigner } from '../auth/file-links.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import type { RegistrationThrottle } from '../auth/registration-throttle.ts';
import type { TokenIssuer } from '../auth/tokens.ts';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { DEFAULT_KPI_TARGETS, type KpiTargets } from '../domain/analytics.ts';
import type { BlobStore } from '../storage/index.ts';
import { createAnalyticsService } from './analytics.ts';
import { createAnnotationService } from './annotations.ts';
import { createApiTokenService } from './api-tokens.ts';
import { createAttachmentService, type UploadQuota } from './attachments.ts';
import { createAuthService } from './auth.ts';
import { createBulkTicketService } from './bulk-tickets.ts';
import { createCommentService } from './comments.ts';
import type { EndedSessionsSink } from './ended-sessions.ts';
import { createDeliveryService } from './notification-deliveries.ts';
import { createNotificationService } from './notifications.ts';
import { createProductService } from './products.ts';
import { createReviewDecisionService } from './review-decisions.ts';
import { createSavedViewService } from './saved-views.ts';
import { createStatsService, type StatsService } from './stats.ts';
import { createTelegramLinkService } from './telegram-links.ts';
import type { EffectsSink } from './ticket-changes.ts';
import { createTicketService } from './tickets.ts';
import { createUserService } from './users.ts';
import { createWebhookService } from './webhooks.ts';

export type ServiceDeps = {
  prisma: PrismaClient;
  tokens: TokenIssuer;
  throttle: LoginThrottle;
  refreshTokenTtlSeconds: number;
  registrationApproval: boolean;
  registrationThrottle: RegistrationThrottle;
  /** Pending self-registrations older than this are deleted (their names freed). */
  pendingRegistrationDays: number;
  /** Receives what each committed change did (realtime delivery). */
  sink: EffectsSink;
  /** Told when sign-in sessions end, so their open sockets close everywhere. */
  endSessions: EndedSessionsSink;
  /** Where attachment bytes are kept, and the largest one accepted. */
  store: BlobStore;
  uploadMaxBytes: number;
  /** Attachment byte quotas per user per day and per ticket (0: none). */
  uploadQuota: UploadQuota;
  fileLinks: FileLinkSigner;
  /** The app makes it first, because the realtime hub (the sink) pushes dashboards with it. */
  stats?: StatsService;
  /** The monthly report's targets (config KPI_TARGET_*); the team's defaults when not given. */
  kpiTargets?: KpiTargets;
  /** The bot's username for deep links (unknown without Telegram configured). */
  telegramBotUsername?: () => string | undefined;
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS: webhooks may point at loopback and private addresses (off when not given). */
  webhookAllowPrivateTargets?: boolean;
};

export function createServices(deps: ServiceDeps) {
  const attachments = createAttachmentService({
    prisma: deps.prisma,
    sink: deps.sink,
    store: deps.store,
    maxBytes: deps.uploadMaxBytes,
    quota: deps.uploadQuota,
    links: deps.fileLinks,
  });
  // A purged ticket's attachment rows go with it; their bytes go when nothing else refers to them.
  const tickets = createTicketService({ ...deps, releaseContent: attachments.release });
  return {
    auth: createAuthService(deps),
    users: createUserService(deps.prisma, deps.endSessions, deps.sink),
    apiTokens: createApiTokenService({ prisma: deps.prisma, endSessions: deps.endSessions }),
    tickets,
    bulkTickets: createBulkTicketService(tickets),
    attachments,
    comments: createCommentService(deps),
    annotations: createAnnotationService(deps),
    reviewDecisions: createReviewDecisionService(deps),
    stats: deps.stats ?? createStatsService(deps.prisma),
    analytics: createAnalyticsService(deps.prisma, deps.kpiTargets ?? DEFAULT_KPI_TARGETS),
    products: createProductService(deps.prisma),
    notifications: createNotificationService(deps.prisma),
    deliveries: createDeliveryService(deps.prisma),
    telegramLinks: createTelegramLinkService({ prisma: deps.prisma, botUsername: deps.telegramBotUsername ?? (() => undefined) }),
    savedViews: createSavedViewService(deps.prisma),
    webhooks: createWebhookService({ prisma: deps.prisma, allowPrivateTargets: deps.webhookAllowPrivateTargets ?? false }),
  };
}

export type Services = ReturnType<typeof createServices>;
