// Linking a user's Telegram account (the bot's /start <code> finishes it) and the admins' view of Telegram
// deliveries: list them by status and send a parked one again.
import { NotFoundError } from '../../domain/errors.ts';
import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from '../../domain/vocabulary.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { NotificationKindEnum } from './enums.ts';
import { UserRef } from './user.ts';

const TelegramLinkCode = builder.simpleObject('TelegramLinkCode', {
  fields: (t) => ({
    code: t.string({ description: 'Send it to the bot as /start <code>; it works once.' }),
    deepLink: t.string({ description: 'https://t.me/<bot>?start=<code>: opens the bot with the code filled in.' }),
    expiresAt: t.field({ type: 'DateTime' }),
  }),
});

builder.mutationField('createTelegramLinkCode', (t) =>
  t.field({
    type: TelegramLinkCode,
    description: 'A one-time, short-lived code that links your Telegram account when you send it to the bot.',
    resolve: (_root, _args, ctx) => ctx.services.telegramLinks.createCode(requireViewer(ctx)),
  }),
);

const UnlinkTelegramPayload = builder.simpleObject('UnlinkTelegramPayload', { fields: (t) => ({ user: t.field({ type: UserRef }) }) });

builder.mutationField('unlinkTelegram', (t) =>
  t.field({
    type: UnlinkTelegramPayload,
    resolve: async (_root, _args, ctx) => ({ user: await ctx.services.telegramLinks.unlink(requireViewer(ctx)) }),
  }),
);

const DeliveryStatusEnum = builder.enumType('NotificationDeliveryStatus', { values: OUTBOX_STATUSES });
const DeliveryChannelEnum = builder.enumType('NotificationDeliveryChannel', { values: OUTBOX_CHANNELS });

const NotificationDeliveryRef = builder.prismaObject('NotificationOutbox', {
  name: 'NotificationDelivery',
  description: 'One Telegram message to send (a row of the outbox written with the change it announces).',
  fields: (t) => ({
    id: t.id({ resolve: (row) => row.id.toString() }),
    channel: t.expose('channel', { type: DeliveryChannelEnum }),
    kind: t.expose('kind', { type: NotificationKindEnum }),
    status: t.expose('status', { type: DeliveryStatusEnum }),
    ticketNumber: t.int({
      nullable: true,
      select: { payload: true },
      resolve: (row) => (row.payload as { ticketNumber?: number | null }).ticketNumber ?? null,
    }),
    title: t.string({ select: { payload: true }, resolve: (row) => String((row.payload as { title?: unknown }).title ?? '') }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime' }),
    lastError: t.exposeString('lastError', { nullable: true }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    telegramMessageId: t.exposeInt('telegramMessageId', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('notificationDeliveries', (t) =>
  t.prismaConnection({
    type: NotificationDeliveryRef,
    cursor: 'id',
    description: 'Telegram deliveries, newest first (admins).',
    args: { status: t.arg({ type: [DeliveryStatusEnum] }) },
    totalCount: (_connection, args, ctx) => ctx.prisma.notificationOutbox.count({ where: ctx.services.deliveries.where(args.status) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.notificationOutbox.findMany({ ...query, where: ctx.services.deliveries.where(args.status), orderBy: { id: 'desc' } }),
  }),
);

const RetryDeliveryInput = builder.inputType('RetryNotificationDeliveryInput', { fields: (t) => ({ id: t.id({ required: true }) }) });
const RetryDeliveryPayload = builder.simpleObject('RetryNotificationDeliveryPayload', {
  fields: (t) => ({ delivery: t.field({ type: NotificationDeliveryRef }) }),
});

builder.mutationField('retryNotificationDelivery', (t) =>
  t.field({
    type: RetryDeliveryPayload,
    description: 'Sends a DEAD delivery again (admins).',
    args: { input: t.arg({ type: RetryDeliveryInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      // Delivery ids are the outbox's increasing numbers; anything else names nothing.
      if (!/^\d{1,18}$/.test(String(input.id))) throw new NotFoundError('Notification delivery');
      return { delivery: await ctx.services.deliveries.retry(BigInt(input.id)) };
    },
  }),
);
