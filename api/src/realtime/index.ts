// The realtime side of the app: one hub per instance, and the per-subscriber streams built on it.
import { Repeater } from 'graphql-yoga';
import type { Notification, PrismaClient } from '../db/generated/prisma/client.ts';
import { isQuietAt } from '../domain/notification-preferences.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { Logger } from '../logger.ts';
import type { RedisConnections } from '../redis/connections.ts';
import type { StatsService } from '../services/stats.ts';
import { createDashboardStatsHub } from './dashboard-stream.ts';
import { orderTicketEvents } from './event-order.ts';
import { createRealtimeHub } from './hub.ts';
import { retryOnce } from './retry-once.ts';
import { createEventLoader, createEventPreparer, type EventLoader, type TicketEventFilter, ticketEventStream } from './ticket-event-stream.ts';

export function createRealtime(options: {
  prisma: PrismaClient;
  stats: StatsService;
  /** Fan-out across instances; without it events reach this instance only. */
  redis: RedisConnections | undefined;
  redisPrefix?: string;
  logger: Logger;
  statsIntervalMs?: number | undefined;
  /** Told when a ticket event is handed to a subscriber (the event-lag metric). */
  onEventDelivered?: (event: { at: Date }) => void;
  /** Wraps the shared per-event loader (tests inject load failures here). */
  wrapEventLoader?: ((load: EventLoader) => EventLoader) | undefined;
}) {
  const hub = createRealtimeHub({ redis: options.redis, redisPrefix: options.redisPrefix ?? '', logger: options.logger });
  const events = orderTicketEvents({ hub, prisma: options.prisma, logger: options.logger });
  const loader = createEventLoader(options.prisma);
  const prepare = createEventPreparer(options.wrapEventLoader ? options.wrapEventLoader(loader) : loader, options.logger);
  const dashboards = createDashboardStatsHub({
    hub,
    stats: options.stats,
    ...(options.statsIntervalMs !== undefined ? { intervalMs: options.statsIntervalMs } : {}),
    onError: (error) => options.logger.error('dashboard stats push failed', error),
  });

  return {
    sink: hub.sink,
    endSessions: hub.endSessions,
    onSessionsEnded: hub.onSessionsEnded,
    ticketEvents: (viewer: Viewer, filter: TicketEventFilter | null | undefined, afterEventId: string | null | undefined) =>
      ticketEventStream({ prisma: options.prisma, events, prepare }, viewer, filter, afterEventId),
    eventDelivered: options.onEventDelivered ?? (() => {}),
    dashboardStats: (viewer: Viewer, departmentId: string | null) => dashboards.subscribe(viewer, departmentId),
    /** The viewer's own new notifications, as they are committed. */
    notifications: (viewer: Viewer) =>
      new Repeater<Notification>(async (push, stop) => {
        const unlisten = hub.onNotification((message) => {
          if (message.recipientId !== viewer.id) return;
          // Tried twice (a dropped connection fails the first); the notification itself is in the list either way.
          void retryOnce(() =>
            options.prisma.notification.findUnique({
              where: { id: message.id },
              include: { recipient: { select: { timeZone: true, preferences: { select: { quietHoursStart: true, quietHoursEnd: true } } } } },
            }),
          )
            .then((row) => {
              if (!row) return;
              // Quiet hours hold the live pop-up; the notification itself waits in the list and the unread count.
              const quiet = row.recipient.preferences;
              if (quiet?.quietHoursStart != null && quiet.quietHoursEnd != null) {
                if (isQuietAt({ start: quiet.quietHoursStart, end: quiet.quietHoursEnd, timeZone: row.recipient.timeZone }, new Date())) return;
              }
              const { recipient: _recipient, ...notification } = row;
              return push(notification);
            })
            .catch((error: unknown) => options.logger.warn(`realtime: notification ${message.id} not pushed live: loading it failed twice`, error));
        });
        await stop;
        unlisten();
      }),
    async close() {
      dashboards.close();
      events.close();
      await hub.close();
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
