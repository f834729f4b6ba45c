// In-app notifications and the Telegram outbox, written inside the transaction of the change they announce,
// so a notification exists exactly when its change committed. Preferences decide who gets what, where.
import type { NotificationKind, Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import { isQuietAt } from '../domain/notification-preferences.ts';
import type { Viewer } from '../domain/viewer.ts';

export type Tx = Prisma.TransactionClient;

export type Announcement = {
  kind: NotificationKind;
  actorId: string | null;
  ticket: { id: string; number: number; title: string } | null;
  recipientIds: readonly string[];
  title: string;
  body?: string;
  /** Users to @mention in the group message (Telegram handles are resolved at delivery). */
  mentionUserIds?: readonly string[];
  /** One group message per event: false when another announcement of the same event carries it. */
  groupMessage?: boolean;
};

/** A notification written by announceAll: its id and whom it is for (the realtime push after commit). */
export type AnnouncedNotification = { id: string; recipientId: string };

/**
 * Writes one Notification per recipient who has not muted this kind (never to the actor), a Telegram direct
 * message outbox row for those who asked for one (held until their quiet hours end), and one group message
 * outbox row for the event. Any number of announcements in a fixed number of statements (one per table), so a
 * batch (the deadline scheduler's page) costs what one does.
 */
export async function announceAll(tx: Tx, announcements: readonly Announcement[], now = new Date()): Promise<AnnouncedNotification[]> {
  const candidatesOf = announcements.map((announcement) => new Set(announcement.recipientIds.filter((id) => id !== announcement.actorId)));
  const everyone = [...new Set(candidatesOf.flatMap((candidates) => [...candidates]))];
  const users = everyone.length
    ? await tx.user.findMany({
        where: { id: { in: everyone }, isActive: true },
        select: { id: true, timeZone: true, telegramChatId: true, preferences: true },
      })
    : [];
  const recipientsOf = announcements.map((announcement, index) =>
    users.filter((user) => candidatesOf[index]?.has(user.id) && !user.preferences?.mutedKinds.includes(announcement.kind)),
  );
  const each = <T>(rowsOf: (announcement: Announcement, recipients: typeof users) => T[]) =>
    announcements.flatMap((announcement, index) => rowsOf(announcement, recipientsOf[index] ?? []));

  const notifications = each((announcement, recipients) =>
    recipients.map((recipient) => ({
      recipientId: recipient.id,
      actorId: announcement.actorId,
      ticketId: announcement.ticket?.id ?? null,
      kind: announcement.kind,
      title: announcement.title,
      body: announcement.body ?? '',
    })),
  );
  const written = notifications.length ? await tx.notification.createManyAndReturn({ data: notifications, select: { id: true, recipientId: true } }) : [];
  const direct = each((announcement, recipients) =>
    recipients
      .filter((user) => user.preferences?.telegramDm && user.telegramChatId)
      .map((user) => ({
        channel: 'TELEGRAM_DM' as const,
        kind: announcement.kind,
        ticketId: announcement.ticket?.id ?? null,
        recipientId: user.id,
        payload: { title: announcement.title, body: announcement.body ?? '', ticketNumber: announcement.ticket?.number ?? null },
        nextAttemptAt: quietUntil(user, now),
      })),
  );
  if (direct.length) await tx.notificationOutbox.createMany({ data: direct });
  const group = each((announcement, recipients) =>
    announcement.ticket && announcement.groupMessage !== false
      ? [
          {
            channel: 'TELEGRAM_GROUP' as const,
            kind: announcement.kind,
            ticketId: announcement.ticket.id,
            payload: {
              title: announcement.title,
              body: announcement.body ?? '',
              ticketNumber: announcement.ticket.number,
              ticketTitle: announcement.ticket.title,
              actorId: announcement.actorId,
              mentionUserIds: [...new Set([...(announcement.mentionUserIds ?? []), ...recipients.map((user) => user.id)])],
            },
          },
        ]
      : [],
  );
  if (group.length) await tx.notificationOutbox.createMany({ data: group });
  return written;
}

function quietUntil(user: { timeZone: string; preferences: { quietHoursStart: number | null; quietHoursEnd: number | null } | null }, now: Date): Date {
  const prefs = user.preferences;
  if (!prefs || prefs.quietHoursStart === null || prefs.quietHoursEnd === null) return now;
  const quiet = isQuietAt({ start: prefs.quietHoursStart, end: prefs.quietHoursEnd, timeZone: user.timeZone }, now);
  return quiet ?? now;
}

/** Active managers of a department (the first approval step). */
export async function departmentManagerIds(tx: Tx | PrismaClient, departmentId: string): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { role: 'MANAGER', departmentId, isActive: true },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Active managers of the Creative department(s) (the second step, assignment). */
export async function creativeManagerIds(tx: Tx | PrismaClient): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { role: 'MANAGER', isActive: true, department: { isCreative: true } },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

export function createNotificationService(prisma: PrismaClient) {
  return {
    notificationsWhere(viewer: Viewer, unreadOnly: boolean | null | undefined): Prisma.NotificationWhereInput {
      return { recipientId: viewer.id, ...(unreadOnly ? { readAt: null } : {}) };
    },

    unreadCount(viewer: Viewer): Promise<number> {
      return prisma.notification.count({ where: { recipientId: viewer.id, readAt: null } });
    },

    /** Marks the given notifications (only the viewer's own) or all of them as read; returns how many changed. */
    async markRead(viewer: Viewer, input: { ids?: readonly string[] | null; all?: boolean | null }): Promise<number> {
      const where: Prisma.NotificationWhereInput = { recipientId: viewer.id, readAt: null };
      if (!input.all) where.id = { in: [...(input.ids ?? [])] };
      const result = await prisma.notification.updateMany({ where, data: { readAt: new Date() } });
      return result.count;
    },
  };
}
