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

export type Announced = { notificationIds: string[]; recipientIds: string[] };

/**
 * Writes one Notification per recipient who has not muted this kind (never to the actor), a Telegram direct
 * message outbox row for those who asked for one (held until their quiet hours end), and one group message
 * outbox row for the event.
 */
export async function announce(tx: Tx, announcement: Announcement, now = new Date()): Promise<Announced> {
  const candidates = [...new Set(announcement.recipientIds)].filter((id) => id !== announcement.actorId);
  const users = candidates.length
    ? await tx.user.findMany({
        where: { id: { in: candidates }, isActive: true },
        select: { id: true, timeZone: true, telegramChatId: true, preferences: true },
      })
    : [];
  const recipients = users.filter((user) => !user.preferences?.mutedKinds.includes(announcement.kind));
  const notificationIds: string[] = [];
  for (const recipient of recipients) {
    const row = await tx.notification.create({
      data: {
        recipientId: recipient.id,
        actorId: announcement.actorId,
        ticketId: announcement.ticket?.id ?? null,
        kind: announcement.kind,
        title: announcement.title,
        body: announcement.body ?? '',
      },
      select: { id: true },
    });
    notificationIds.push(row.id);
  }
  const direct = recipients.filter((user) => user.preferences?.telegramDm && user.telegramChatId);
  if (direct.length) {
    await tx.notificationOutbox.createMany({
      data: direct.map((user) => ({
        channel: 'TELEGRAM_DM' as const,
        kind: announcement.kind,
        ticketId: announcement.ticket?.id ?? null,
        recipientId: user.id,
        payload: { title: announcement.title, body: announcement.body ?? '', ticketNumber: announcement.ticket?.number ?? null },
        nextAttemptAt: quietUntil(user, now),
      })),
    });
  }
  if (announcement.ticket && announcement.groupMessage !== false) {
    await tx.notificationOutbox.create({
      data: {
        channel: 'TELEGRAM_GROUP',
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
    });
  }
  return { notificationIds, recipientIds: recipients.map((user) => user.id) };
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
