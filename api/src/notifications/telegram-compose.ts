// An outbox row as a Telegram message: loads what the text names (the actor, the people to mention, the
// ticket as it is now) and renders it. Approval requests still waiting for that step carry Approve/Reject.
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { NotificationOutbox, PrismaClient } from '../db/generated/prisma/client.ts';
import { approvalCallbackData, type NoticePayload, renderNotice } from '../domain/telegram-notice.ts';
import { statusesAllowing, statusesReachedBy } from '../domain/workflow.ts';

export type ComposedMessage = { text: string; replyMarkup?: InlineKeyboardMarkup };

type StoredPayload = NoticePayload & { mentionUserIds?: string[] };

/**
 * The statuses at which a notice of this kind asks someone to approve (and so carries the buttons), from the
 * workflow table: a new request at any status an approval is taken from, an approval that led to another step.
 */
const ASKS_APPROVAL: Partial<Record<NotificationOutbox['kind'], readonly string[]>> = {
  TICKET_CREATED: statusesAllowing('APPROVE'),
  TICKET_APPROVED: statusesReachedBy('APPROVE').filter((status) => statusesAllowing('APPROVE').includes(status)),
};

export async function composeMessage(
  prisma: PrismaClient,
  row: NotificationOutbox,
  at: { frontendUrl: string | undefined; timeZone: string },
): Promise<ComposedMessage> {
  const { frontendUrl, timeZone } = at;
  const payload = row.payload as StoredPayload;
  const actor = payload.actorId ? await prisma.user.findUnique({ where: { id: payload.actorId }, select: { displayName: true } }) : null;
  const mentionIds = row.channel === 'TELEGRAM_GROUP' ? (payload.mentionUserIds ?? []) : [];
  const people = mentionIds.length
    ? await prisma.user.findMany({
        where: { id: { in: mentionIds }, isActive: true },
        select: { id: true, displayName: true, telegramChatId: true, telegramUsername: true, preferences: { select: { mutedKinds: true } } },
      })
    : [];
  // Whoever muted this kind is not pinged for it in the group either; the payload's order is kept.
  const mentions = mentionIds
    .map((id) => people.find((person) => person.id === id))
    .filter((person): person is (typeof people)[number] => person !== undefined && !person.preferences?.mutedKinds.includes(row.kind));
  const text = renderNotice({ kind: row.kind, payload, actor, mentions, frontendUrl, timeZone });

  const asks = ASKS_APPROVAL[row.kind];
  if (row.channel !== 'TELEGRAM_GROUP' || !asks || !row.ticketId) return { text };
  const ticket = await prisma.ticket.findUnique({ where: { id: row.ticketId }, select: { id: true, status: true, version: true, deletedAt: true } });
  if (!ticket || ticket.deletedAt || !asks.includes(ticket.status)) return { text };
  return {
    text,
    replyMarkup: {
      inline_keyboard: [
        [
          { text: 'Approve', callback_data: approvalCallbackData({ action: 'approve', ticketId: ticket.id, version: ticket.version }) },
          { text: 'Reject', callback_data: approvalCallbackData({ action: 'reject', ticketId: ticket.id, version: ticket.version }) },
        ],
      ],
    },
  };
}
