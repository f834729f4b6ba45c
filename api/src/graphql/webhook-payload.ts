// The `data` of a webhook delivery: the TicketEvent a subscription would get, as the webhook's owner. It is made
// by executing one fixed subscription selection against our schema with the event as its root value and the
// owner as the viewer, so the ticket's field rules (what a member may see of it) are the ones queries and
// subscriptions obey, kept in one place. Whether the owner receives the event at all is the subscriptions' rule
// too (realtime/ticket-event-stream.ts mayReceiveEvent), on the ticket as it is when the delivery is sent.
import { execute, parse } from 'graphql';
import type { Context } from '../context.ts';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import type { SqlReader } from '../db/sql-reader.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import type { TicketEventType } from '../domain/vocabulary.ts';
import type { Realtime } from '../realtime/index.ts';
import { type DeliveredTicketEvent, mayReceiveEvent } from '../realtime/ticket-event-stream.ts';
import type { Services } from '../services/index.ts';
import { factsOf, TICKET_WITH_COLLABORATORS } from '../services/ticket-rows.ts';
import { NO_REFRESH_COOKIE } from './refresh-cookie.ts';
import { schema } from './schema.ts';

/** What every delivery's `data` holds: documented for integrators in notifications/webhook-dispatcher.ts. */
export const WEBHOOK_EVENT_SELECTION = parse(/* GraphQL */ `
  subscription WebhookTicketEvent {
    ticketEvents {
      eventId
      type
      at
      actor { id username displayName kind }
      ticket {
        id number title description status priority requestType fileFormat criteria complexity quantity
        dueDate isOverdue scheduledStart scheduledEnd estimatedHours actualHours revisionCount rejectionReason version
        createdAt updatedAt assignedAt startedAt completedAt closedAt deletedAt
        department { id name }
        requester { id username displayName }
        assignee { id username displayName }
        collaborators { id username displayName }
      }
      annotation {
        id number page shape x y width height points state createdAt resolvedAt
        attachment { id fileName version }
        comment { id body author { id username displayName } }
        resolvedBy { id username displayName }
      }
      reviewDecision { id verdict note createdAt attachment { id fileName version } reviewer { id username displayName } }
    }
  }
`);

export type WebhookEvent = { eventId: bigint; type: TicketEventType; ticketId: string };

/** The event as the owner may receive it, or why it is not sent. */
export type RenderedEvent = { ok: true; data: unknown; at: Date } | { ok: false; reason: string };

export type WebhookEventRenderer = (ownerId: string, event: WebhookEvent) => Promise<RenderedEvent>;

export function createWebhookEventRenderer(deps: { prisma: PrismaClient; sql: SqlReader; services: Services; realtime: Realtime }): WebhookEventRenderer {
  const { prisma } = deps;
  // A webhook's executions are not subscription deliveries: they must not count in the realtime lag metric.
  const realtime: Realtime = { ...deps.realtime, eventDelivered: () => {} };

  async function ownerViewer(ownerId: string): Promise<Viewer | null> {
    const owner = await prisma.user.findUnique({
      where: { id: ownerId },
      select: { id: true, username: true, role: true, departmentId: true, isActive: true, approvedAt: true, department: { select: { isCreative: true } } },
    });
    return owner?.isActive && owner.approvedAt ? viewerOf(owner) : null;
  }

  return async (ownerId, event) => {
    const viewer = await ownerViewer(ownerId);
    if (!viewer) return { ok: false, reason: 'The webhook’s owner is not active.' };
    const [ticket, log] = await Promise.all([
      prisma.ticket.findUnique({ where: { id: event.ticketId }, include: TICKET_WITH_COLLABORATORS }),
      prisma.activityLog.findUnique({ where: { id: event.eventId }, select: { actorId: true, createdAt: true } }),
    ]);
    if (!ticket || !log) return { ok: false, reason: 'The ticket no longer exists.' };
    if (!mayReceiveEvent(viewer, event.type, factsOf(ticket))) return { ok: false, reason: 'The webhook’s owner may not read this ticket (now).' };
    const actor = log.actorId ? await prisma.user.findUnique({ where: { id: log.actorId } }) : null;
    const root: DeliveredTicketEvent = { eventId: event.eventId.toString(), type: event.type, ticket, actor, at: log.createdAt };
    const contextValue: Context = {
      prisma,
      sql: deps.sql,
      services: deps.services,
      realtime,
      viewer,
      mustChangePassword: false,
      meta: { address: 'webhook' },
      viewerExpiresAt: null,
      viewerSessionId: null,
      refreshCookie: NO_REFRESH_COOKIE,
      // The owner's read access, as a READ token has it.
      apiScopes: ['READ'],
    };
    // graphql-js executes a subscription operation against one event when given it as the root value (what
    // subscribe() does for each event of the stream).
    const result = await execute({ schema, document: WEBHOOK_EVENT_SELECTION, rootValue: root, contextValue });
    if (result.errors?.length) throw new Error(`Rendering the webhook event failed: ${result.errors.map((error) => error.message).join('; ')}`);
    return { ok: true, data: (result.data as { ticketEvents: unknown }).ticketEvents, at: log.createdAt };
  };
}
