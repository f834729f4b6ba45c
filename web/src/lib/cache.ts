// The app's normalized cache (graphcache): Ticket, User, Department and the other nodes are keyed by id,
// so one mutation answer or one ticketEvents message updates every view that shows that ticket, at once.
// When a ticket enters or leaves a cached list (ticket-filter-match.ts), the list is fixed in place at once
// (the card moves now) and `ticketListsChanged` ticks so open lists re-query in the background for exact
// order and counts. Invalidating instead would hold the view on its old data until the network answered.
// A REFETCH event (the server could not replay what was missed) invalidates every list.

import { type Cache, cacheExchange, type KeyingConfig } from '@urql/exchange-graphcache';
import type { Mutation, TicketPayload } from '../gql/schema-types';
import { type FilterArgs, type TicketFacts, ticketMatchesFilter } from './ticket-filter-match';
import { scheduleListsTick } from './ticket-lists';

/** Types without an id of their own: stored inside their parent instead of as entities. */
const EMBEDDED = [
  'AuthPayload',
  'BulkTicketRefusal',
  'BulkTicketsPayload',
  'ChangePasswordPayload',
  'CommentPayload',
  'CreateApiTokenPayload',
  'CreateServiceAccountPayload',
  'CreateUserPayload',
  'CreateWebhookPayload',
  'DashboardStats',
  'DeleteSavedViewPayload',
  'DeleteWebhookPayload',
  'DepartmentPayload',
  'FieldChange',
  'LogoutPayload',
  'MarkNotificationsReadPayload',
  'NotificationPreferences',
  'NotificationPreferencesPayload',
  'PageInfo',
  'PriorityCount',
  'ProductPayload',
  'PurgeTicketPayload',
  'RedeliverWebhookDeliveryPayload',
  'ResetUserPasswordPayload',
  'SavedViewPayload',
  'RevokeApiTokenPayload',
  'SearchHit',
  'StatusCount',
  'TicketEvent',
  'TicketPayload',
  'TicketProductItem',
  'TicketThumbnail',
  'UpdateWebhookPayload',
  'UserPayload',
  'WeekPoint',
];

/** Connections and their edges carry no id either. */
const CONNECTIONS = ['ActivityLog', 'MyTasks', 'Notifications', 'Tickets', 'Trash', 'Users']
  .flatMap((name) => [`Query${name}Connection`, `Query${name}ConnectionEdge`])
  .concat(['TicketCommentsConnection', 'TicketCommentsConnectionEdge', 'TicketHistoryConnection', 'TicketHistoryConnectionEdge'])
  .concat(['WebhookDeliveriesConnection', 'WebhookDeliveriesConnectionEdge']);

const keys: KeyingConfig = Object.fromEntries([...EMBEDDED, ...CONNECTIONS].map((typename) => [typename, () => null]));

/** Event types after which a ticket may have entered or left a filtered list. */
const MEMBERSHIP_EVENTS = new Set(['CREATED', 'UPDATED', 'STATUS_CHANGED', 'ASSIGNED', 'ROLLED_BACK', 'DELETED', 'RESTORED']);
/** Lists that follow ticket changes. */
const LIST_FIELDS = new Set(['tickets', 'myTasks', 'trash']);

type TicketLike = TicketFacts & { id: string };

/** Fixes the cached lists the ticket entered or left, or invalidates every list for REFETCH. */
export function reconcileLists(cache: Cache, type: string, ticket: TicketLike | null | undefined): void {
  for (const field of cache.inspectFields('Query')) {
    if (type === 'REFETCH' || !ticket) {
      if (LIST_FIELDS.has(field.fieldName) || field.fieldName === 'ticket' || field.fieldName === 'dashboardStats') {
        cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
      }
      continue;
    }
    if (!MEMBERSHIP_EVENTS.has(type)) continue;
    if (field.fieldName === 'myTasks' || field.fieldName === 'trash') {
      cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
    } else if (field.fieldName === 'tickets') {
      const filter = (field.arguments?.filter ?? null) as FilterArgs | null;
      const matches = ticketMatchesFilter(ticket, filter);
      const list = listNodes(cache, field.fieldKey);
      const key = cache.keyOfEntity({ __typename: 'Ticket', id: ticket.id });
      if (!list || key === null || matches === undefined) {
        scheduleListsTick();
        continue;
      }
      const contains = list.nodes.includes(key);
      if (contains && !matches)
        cache.link(
          list.connection,
          'nodes',
          list.nodes.filter((node) => node !== key),
        );
      // Newest first is the usual order; the re-query puts it where the list's order says.
      else if (!contains && matches && field.arguments?.before == null && field.arguments?.after == null)
        cache.link(list.connection, 'nodes', [key, ...list.nodes]);
      if (contains !== matches || type === 'CREATED') scheduleListsTick();
    }
  }
}

function listNodes(cache: Cache, fieldKey: string): { connection: string; nodes: string[] } | undefined {
  const connection = cache.resolve('Query', fieldKey);
  if (typeof connection !== 'string') return undefined;
  const nodes = cache.resolve(connection, 'nodes');
  if (!Array.isArray(nodes) || !nodes.every((node) => typeof node === 'string')) return undefined;
  return { connection, nodes: nodes as string[] };
}

/** The mutations that answer `{ ticket }`, from the generated `Mutation` type. */
export type TicketMutation = { [Field in keyof Mutation]-?: NonNullable<Mutation[Field]> extends TicketPayload ? Field : never }[keyof Mutation];

/**
 * After each mutation that answers `{ ticket }`, how the lists take it. Keyed by every such mutation of the
 * schema: one it adds does not compile until it is here, so no ticket write leaves the lists stale.
 */
const TICKET_MUTATIONS = {
  createTicket: 'CREATED',
  updateTicket: 'UPDATED',
  approveTicket: 'UPDATED',
  rejectTicket: 'UPDATED',
  assignTicket: 'UPDATED',
  startTicket: 'UPDATED',
  completeTicket: 'UPDATED',
  confirmTicket: 'UPDATED',
  requestRevision: 'UPDATED',
  addCollaborator: 'UPDATED',
  removeCollaborator: 'UPDATED',
  deleteTicket: 'UPDATED',
  restoreTicket: 'UPDATED',
  rollbackTicket: 'UPDATED',
} satisfies Record<TicketMutation, 'CREATED' | 'UPDATED'>;

type Payload = { ticket?: TicketLike | null } | null | undefined;

export const appCacheExchange = cacheExchange({
  keys,
  resolvers: {
    // A ticket already in the cache (from a list or an event) opens without waiting for the network.
    Query: { ticket: (_parent, args) => ({ __typename: 'Ticket', id: String(args.id) }) },
  },
  updates: {
    Mutation: Object.fromEntries(
      Object.entries(TICKET_MUTATIONS).map(([name, event]) => [
        name,
        (result: Record<string, unknown>, _args: unknown, cache: Cache) => {
          const ticket = (result[name] as Payload)?.ticket;
          if (ticket) reconcileLists(cache, event, ticket);
        },
      ]),
    ),
    Subscription: {
      ticketEvents: (result, _args, cache) => {
        const event = result.ticketEvents as { type: string; ticket?: TicketLike | null } | undefined;
        if (event) reconcileLists(cache, event.type, event.ticket);
      },
    },
  },
});
