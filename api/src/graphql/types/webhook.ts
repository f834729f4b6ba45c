// Webhooks (issue 24): endpoints that receive the owner's ticket events as signed POSTs, and their delivery
// log. Who may: managers and admins, and a member only through an API token (the shield holds a token to WRITE
// for the mutations); owners manage their own, admins any (services/webhooks.ts).
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../../context.ts';
import { WEBHOOK_DELIVERY_STATUSES } from '../../domain/vocabulary.ts';
import { MAX_WEBHOOKS_LISTED } from '../../domain/webhooks.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { TicketEventTypeEnum } from './enums.ts';
import { TicketRef } from './ticket.ts';

export const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description:
    'PENDING: waiting for its (next) attempt. SUCCEEDED: the endpoint answered 2xx. DEAD: failed for a day, or refused for good (lastError says why). SKIPPED: not sent, because the owner may not read the ticket (any more) or is not active.',
  values: WEBHOOK_DELIVERY_STATUSES,
});

/** The nil id: a where that matches no owner, for anonymous callers. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

const callerOf = (ctx: Context) => ({
  viewer: requireViewer(ctx),
  viaApiToken: ctx.apiScopes !== null,
});

export const WebhookDeliveryRef = builder.prismaNode('WebhookDelivery', {
  id: { field: 'id' },
  nullable: true,
  description: "One ticket event sent (or to send) to one webhook: the request as sent, the endpoint's answer, and how many attempts it took.",
  // node(id) finds the deliveries of the webhooks the viewer sees, and no other.
  findUnique: (id, ctx) => ({
    id: deliveryId(id),
    AND: [ctx.viewer ? ctx.services.webhooks.deliveriesVisibleWhere(ctx.viewer) : { webhook: { ownerId: NOBODY } }],
  }),
  fields: (t) => ({
    webhook: t.relation('webhook'),
    eventId: t.string({ description: 'The ticket event (the same eventId a subscription gets).', resolve: (row) => row.eventId.toString() }),
    eventType: t.expose('eventType', { type: TicketEventTypeEnum }),
    ticketId: t.globalID({ description: 'The ticket the event is about.', resolve: (row) => ({ type: TicketRef.name, id: row.ticketId }) }),
    status: t.expose('status', { type: WebhookDeliveryStatusEnum }),
    messageId: t.exposeString('messageId', { description: 'The webhook-id header: the same on every attempt and on a redelivery of this event.' }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', description: 'When a PENDING delivery is tried next.' }),
    lastAttemptAt: t.expose('lastAttemptAt', { type: 'DateTime', nullable: true }),
    requestBody: t.exposeString('requestBody', {
      nullable: true,
      description: 'The JSON body as sent (frozen at the first attempt: retries send the same bytes). Null until the first attempt.',
    }),
    responseStatus: t.exposeInt('responseStatus', { nullable: true, description: "The last attempt's HTTP status; null when it got no answer." }),
    responseBody: t.exposeString('responseBody', { nullable: true, description: "The first 4 KiB of the last attempt's response body." }),
    durationMs: t.exposeInt('durationMs', { nullable: true, description: 'How long the last attempt took.' }),
    lastError: t.exposeString('lastError', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    redeliveryOfId: t.globalID({
      nullable: true,
      description: 'The delivery this one repeats (redeliverWebhookDelivery).',
      resolve: (row) => (row.redeliveryOfId === null ? null : { type: 'WebhookDelivery', id: row.redeliveryOfId.toString() }),
    }),
  }),
});

/** A delivery's id from its global ID's (decodeGlobalID lets digits through for WebhookDelivery); -1 names nothing. */
function deliveryId(id: string): bigint {
  return /^\d{1,19}$/.test(id) ? BigInt(id) : -1n;
}

export const WebhookRef = builder.prismaNode('Webhook', {
  id: { field: 'id' },
  nullable: true,
  description: 'An endpoint that receives, as signed POSTs, the ticket events its owner could receive by subscription. Its secret was shown once, at creation.',
  // node(id) finds the webhooks `webhooks` lists, and no other.
  findUnique: (id, ctx) => ({ id, AND: [ctx.viewer ? ctx.services.webhooks.visibleWhere(ctx.viewer) : { ownerId: NOBODY }] }),
  fields: (t) => ({
    url: t.exposeString('url'),
    description: t.exposeString('description'),
    events: t.expose('events', { type: [TicketEventTypeEnum] }),
    department: t.relation('department', { nullable: true, description: 'Only tickets of this department; null: every department the owner may read.' }),
    departmentId: t.globalID({
      nullable: true,
      resolve: (row) => (row.departmentId ? { type: DepartmentRef.name, id: row.departmentId } : null),
    }),
    enabled: t.exposeBoolean('enabled'),
    disabledReason: t.exposeString('disabledReason', {
      nullable: true,
      description: 'Why it is off: turned off by a person, repeated dead deliveries, or 410 Gone.',
    }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    consecutiveDeadDeliveries: t.exposeInt('consecutiveDead', { description: 'Dead deliveries in a row; at the configured count the endpoint is turned off.' }),
    owner: t.relation('owner'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    deliveries: t.relatedConnection('deliveries', {
      cursor: 'id',
      description: 'The delivery log, newest first.',
      args: { status: t.arg({ type: WebhookDeliveryStatusEnum }) },
      query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: { id: 'desc' } }),
      totalCount: true,
    }),
  }),
});

builder.queryField('webhooks', (t) =>
  t.prismaField({
    type: [WebhookRef],
    nullable: { list: false, items: false },
    description: `The viewer's webhooks (an admin's: every one), newest first: at most ${MAX_WEBHOOKS_LISTED}.`,
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.webhook.findMany({
        ...query,
        where: ctx.services.webhooks.visibleWhere(requireViewer(ctx)),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: MAX_WEBHOOKS_LISTED,
      }),
  }),
);

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'http(s), a public address (after DNS resolution), no user name or password in it.' }),
    events: t.field({ type: [TicketEventTypeEnum], required: true }),
    departmentId: t.globalID({ for: DepartmentRef, description: 'Only tickets of this department.' }),
    description: t.string(),
  }),
});

const CreateWebhookPayload = builder.simpleObject('CreateWebhookPayload', {
  fields: (t) => ({
    webhook: t.field({ type: WebhookRef, nullable: false }),
    secret: t.string({ description: 'The signing secret ("whsec_…", Standard Webhooks): shown this once; verify each request with it.' }),
  }),
});

builder.mutationField('createWebhook', (t) =>
  t.field({
    type: CreateWebhookPayload,
    description: 'Registers an endpoint for the ticket events you could receive by subscription. Managers and admins, or an API token with WRITE.',
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.webhooks.create(callerOf(ctx), {
        url: input.url,
        events: input.events.filter((type) => type !== 'REFETCH'),
        departmentId: input.departmentId?.id ?? null,
        description: input.description ?? null,
      }),
  }),
);

const UpdateWebhookInput = builder.inputType('UpdateWebhookInput', {
  fields: (t) => ({
    id: t.globalID({ for: WebhookRef, required: true }),
    url: t.string(),
    events: t.field({ type: [TicketEventTypeEnum] }),
    enabled: t.boolean({ description: 'false turns it off; true turns it back on (and clears its dead count).' }),
    description: t.string(),
    departmentId: t.globalID({ for: DepartmentRef, description: 'null: every department; omitted: unchanged.' }),
  }),
});

const UpdateWebhookPayload = builder.simpleObject('UpdateWebhookPayload', {
  fields: (t) => ({ webhook: t.field({ type: WebhookRef, nullable: false }) }),
});

builder.mutationField('updateWebhook', (t) =>
  t.field({
    type: UpdateWebhookPayload,
    description: 'Changes a webhook (the owner or an admin). Omitted fields stay as they are.',
    args: { input: t.arg({ type: UpdateWebhookInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      webhook: await ctx.services.webhooks.update(callerOf(ctx), input.id.id, {
        url: input.url,
        events: input.events?.filter((type) => type !== 'REFETCH'),
        enabled: input.enabled,
        description: input.description,
        departmentId: input.departmentId === undefined ? undefined : (input.departmentId?.id ?? null),
      }),
    }),
  }),
);

const DeleteWebhookInput = builder.inputType('DeleteWebhookInput', { fields: (t) => ({ id: t.globalID({ for: WebhookRef, required: true }) }) });

const DeleteWebhookPayload = builder.simpleObject('DeleteWebhookPayload', { fields: (t) => ({ deletedWebhookId: t.id() }) });

builder.mutationField('deleteWebhook', (t) =>
  t.field({
    type: DeleteWebhookPayload,
    description: 'Deletes a webhook and its delivery log (the owner or an admin).',
    args: { input: t.arg({ type: DeleteWebhookInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await ctx.services.webhooks.delete(callerOf(ctx), input.id.id);
      return { deletedWebhookId: encodeGlobalID('Webhook', input.id.id) };
    },
  }),
);

const RedeliverInput = builder.inputType('RedeliverWebhookDeliveryInput', {
  fields: (t) => ({ id: t.globalID({ for: WebhookDeliveryRef, required: true }) }),
});

const RedeliverPayload = builder.simpleObject('RedeliverWebhookDeliveryPayload', {
  fields: (t) => ({ delivery: t.field({ type: WebhookDeliveryRef, nullable: false, description: 'The new delivery (same event, same webhook-id).' }) }),
});

builder.mutationField('redeliverWebhookDelivery', (t) =>
  t.field({
    type: RedeliverPayload,
    description: 'Sends a delivery again, as a new delivery of the same event with the same webhook-id (the owner or an admin).',
    args: { input: t.arg({ type: RedeliverInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ delivery: await ctx.services.webhooks.redeliver(callerOf(ctx), deliveryId(input.id.id)) }),
  }),
);
