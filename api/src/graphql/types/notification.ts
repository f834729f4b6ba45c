import { readableTicketFilter } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { NotificationKindEnum } from './enums.ts';

export const NotificationRef = builder.prismaNode('Notification', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, recipientId: ctx.viewer?.id ?? '00000000-0000-0000-0000-000000000000' }),
  fields: (t) => ({
    kind: t.expose('kind', { type: NotificationKindEnum }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    actor: t.relation('actor', { nullable: true }),
    ticket: t.relation('ticket', {
      nullable: true,
      description: 'Null once the ticket is out of your reach: trashed, purged, or no longer readable by you.',
      query: (_args, ctx) => ({ where: readableTicketFilter(ctx.viewer) }),
    }),
    read: t.boolean({ select: { readAt: true }, resolve: (notification) => notification.readAt !== null }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('notifications', (t) =>
  t.prismaConnection({
    type: NotificationRef,
    cursor: 'id',
    description: "The viewer's notifications, newest first.",
    args: { unreadOnly: t.arg.boolean() },
    totalCount: (_connection, args, ctx) =>
      ctx.prisma.notification.count({ where: ctx.services.notifications.notificationsWhere(requireViewer(ctx), args.unreadOnly) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.notification.findMany({
        ...query,
        where: ctx.services.notifications.notificationsWhere(requireViewer(ctx), args.unreadOnly),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.subscriptionField('notificationAdded', (t) =>
  t.prismaField({
    type: NotificationRef,
    description: "The viewer's new notifications, as they happen.",
    subscribe: (_root, _args, ctx) => ctx.realtime.notifications(requireViewer(ctx)),
    resolve: (query, notification, _args, ctx) =>
      ctx.prisma.notification.findUniqueOrThrow({ ...query, where: { id: notification.id, recipientId: requireViewer(ctx).id } }),
  }),
);

builder.queryField('unreadNotificationCount', (t) => t.int({ resolve: (_root, _args, ctx) => ctx.services.notifications.unreadCount(requireViewer(ctx)) }));

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  fields: (t) => ({
    ids: t.globalIDList({ for: NotificationRef, description: 'These notifications (only your own count).' }),
    all: t.boolean({ description: 'All of your unread notifications.' }),
  }),
});

const MarkNotificationsReadPayload = builder.simpleObject('MarkNotificationsReadPayload', {
  fields: (t) => ({ markedCount: t.int(), unreadCount: t.int() }),
});

builder.mutationField('markNotificationsRead', (t) =>
  t.field({
    type: MarkNotificationsReadPayload,
    args: { input: t.arg({ type: MarkNotificationsReadInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const markedCount = await ctx.services.notifications.markRead(viewer, {
        ids: input.ids?.map((id) => id.id) ?? null,
        all: input.all ?? false,
      });
      return { markedCount, unreadCount: await ctx.services.notifications.unreadCount(viewer) };
    },
  }),
);

export const NotificationPreferencesRef = builder.prismaObject('NotificationPreference', {
  name: 'NotificationPreferences',
  fields: (t) => ({
    mutedKinds: t.field({ type: [NotificationKindEnum], select: { mutedKinds: true }, resolve: (prefs) => prefs.mutedKinds }),
    telegramDm: t.exposeBoolean('telegramDm', { description: 'Also send a Telegram direct message (needs a linked Telegram chat).' }),
    quietHoursStart: t.exposeInt('quietHoursStart', { nullable: true, description: 'Minutes after local midnight (your time zone).' }),
    quietHoursEnd: t.exposeInt('quietHoursEnd', { nullable: true }),
  }),
});

const UpdateNotificationPreferencesInput = builder.inputType('UpdateNotificationPreferencesInput', {
  fields: (t) => ({
    mutedKinds: t.field({ type: [NotificationKindEnum] }),
    telegramDm: t.boolean(),
    quietHoursStart: t.int(),
    quietHoursEnd: t.int(),
    clearQuietHours: t.boolean(),
  }),
});

const NotificationPreferencesPayload = builder.simpleObject('NotificationPreferencesPayload', {
  fields: (t) => ({ preferences: t.field({ type: NotificationPreferencesRef }) }),
});

builder.mutationField('updateNotificationPreferences', (t) =>
  t.field({
    type: NotificationPreferencesPayload,
    args: { input: t.arg({ type: UpdateNotificationPreferencesInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      preferences: await ctx.services.users.updateNotificationPreferences(requireViewer(ctx), input),
    }),
  }),
);
