// One subscriber's ticket events: first what it missed (from the durable activity log), then live events,
// each delivered only if the subscriber may read the ticket as it is now, always in eventId order.
import { Repeater } from 'graphql-yoga';
import type { PrismaClient, User } from '../db/generated/prisma/client.ts';
import { canReadTicket, type TicketFacts } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { TicketEventType } from '../domain/workflow.ts';
import type { Logger } from '../logger.ts';
import { factsOf, TICKET_WITH_COLLABORATORS, type TicketRow } from '../services/ticket-rows.ts';
import type { OrderedTicketEvent, OrderedTicketEvents } from './event-order.ts';
import type { TicketEventMessage } from './hub.ts';
import { retryOnce } from './retry-once.ts';

/** Past this many missed events, the subscriber gets one REFETCH event instead of a replay. */
export const CATCH_UP_LIMIT = 500;
/** A subscriber this far behind live events is told to refetch rather than buffered without end. */
export const MAX_PENDING = 1000;

export type TicketEventFilter = {
  ticketIds?: readonly string[] | null;
  departmentId?: string | null;
  types?: readonly TicketEventType[] | null;
  /** Only tickets the viewer requested, is assigned to or collaborates on. */
  mine?: boolean | null;
};

export type DeliveredTicketEvent = {
  eventId: string;
  type: TicketEventType | 'REFETCH';
  /** Null only for REFETCH. */
  ticket: TicketRow | null;
  actor: User | null;
  at: Date;
};

type Loaded = { ticket: TicketRow | null; actor: User | null };

/**
 * Loads each event's ticket and actor once per instance, shared by every local subscriber (a board with a
 * thousand viewers costs one query per event, not a thousand).
 */
export function createEventLoader(prisma: PrismaClient, ttlMs = 30_000) {
  const cache = new Map<string, { at: number; value: Promise<Loaded> }>();
  return (message: TicketEventMessage): Promise<Loaded> => {
    const now = Date.now();
    const hit = cache.get(message.eventId);
    if (hit && now - hit.at < ttlMs) return hit.value;
    if (cache.size > 5000) {
      for (const [key, entry] of cache) if (now - entry.at >= ttlMs) cache.delete(key);
    }
    const value = Promise.all([
      prisma.ticket.findUnique({ where: { id: message.ticketId }, include: TICKET_WITH_COLLABORATORS }),
      message.actorId ? prisma.user.findUnique({ where: { id: message.actorId } }) : Promise.resolve(null),
    ]).then(([ticket, actor]) => ({ ticket, actor }));
    value.catch(() => cache.delete(message.eventId));
    cache.set(message.eventId, { at: now, value });
    return value;
  };
}

export type EventLoader = ReturnType<typeof createEventLoader>;

/** An event ready to deliver, with the facts the read rule needs (computed once, not once per subscriber). */
export type PreparedEvent = { event: DeliveredTicketEvent & { ticket: TicketRow }; facts: TicketFacts };

/**
 * One delivered event object per published message, shared by every local subscriber. Executing the
 * subscription's selection is shared per event object (graphql/shared-subscription-execution.ts), so this
 * identity is what lets 5,000 boards cost one execution. Keyed by the message itself: once every
 * subscriber's inbox is past it, both are garbage.
 *
 * Never rejects: every local subscriber waits on this one promise, so a failure here would end all their
 * streams. A load that fails is tried once more; if that fails too the event is skipped (null, as for a
 * ticket that is gone), logged once with its id, and the streams go on with the next event.
 */
export function createEventPreparer(load: EventLoader, logger: Logger) {
  const prepared = new WeakMap<TicketEventMessage, Promise<PreparedEvent | null>>();
  return (message: TicketEventMessage): Promise<PreparedEvent | null> => {
    let value = prepared.get(message);
    if (!value) {
      value = retryOnce(() => load(message)).then(
        ({ ticket, actor }) =>
          ticket ? { event: { eventId: message.eventId, type: message.type, ticket, actor, at: new Date(message.at) }, facts: factsOf(ticket) } : null,
        (error: unknown) => {
          logger.warn(`realtime: ticket event ${message.eventId} skipped: loading its ticket failed twice`, error, { eventId: message.eventId });
          return null;
        },
      );
      prepared.set(message, value);
    }
    return value;
  };
}

export type EventPreparer = ReturnType<typeof createEventPreparer>;

/**
 * Whether a viewer receives an event of this type about a ticket with these facts (as it is now): subscriptions
 * and webhooks (notifications/webhook-dispatcher.ts) alike. A DELETED event still reaches those who could read
 * the ticket, so boards drop the card; after that a trashed ticket is silent until it is restored.
 */
export function mayReceiveEvent(viewer: Viewer, type: TicketEventType, facts: TicketFacts): boolean {
  return type === 'DELETED' ? canReadTicket(viewer, { ...facts, deleted: false }) : !facts.deleted && canReadTicket(viewer, facts);
}

function passes(viewer: Viewer, message: TicketEventMessage, ticket: TicketRow, facts: TicketFacts, filter: TicketEventFilter | null | undefined): boolean {
  const readable = mayReceiveEvent(viewer, message.type, facts);
  if (!readable || !filter) return readable;
  if (filter.ticketIds?.length && !filter.ticketIds.includes(ticket.id)) return false;
  if (filter.departmentId && filter.departmentId !== ticket.departmentId) return false;
  if (filter.types?.length && !filter.types.includes(message.type)) return false;
  if (filter.mine && ticket.requesterId !== viewer.id && ticket.assigneeId !== viewer.id && !facts.collaboratorIds.includes(viewer.id)) {
    return false;
  }
  return true;
}

export type TicketEventStreamDeps = { prisma: PrismaClient; events: OrderedTicketEvents; prepare: EventPreparer };

export function ticketEventStream(
  deps: TicketEventStreamDeps,
  viewer: Viewer,
  filter: TicketEventFilter | null | undefined,
  afterEventId: string | null | undefined,
): Repeater<DeliveredTicketEvent> {
  return new Repeater<DeliveredTicketEvent>(async (push, stop) => {
    // Listen before reading the backlog: an event committed meanwhile is in the inbox, and what the backlog
    // already delivered is skipped below. No gap, no duplicate.
    const inbox: OrderedTicketEvent[] = [];
    let wake: (() => void) | undefined;
    let stopped = false;
    const unlisten = deps.events.onTicketEvent((event) => {
      inbox.push(event);
      // Start loading now: the loads of queued events run side by side, and delivery still waits for
      // each in turn, so the order stays the order of the inbox.
      if (event.kind === 'event') void deps.prepare(event.message);
      wake?.();
    });
    void stop.then(() => {
      stopped = true;
      wake?.();
    });

    /** Everything up to this id was delivered, skipped or covered by a REFETCH: later arrivals at or below it are not sent. */
    let through = afterEventId != null ? BigInt(afterEventId) : null;
    const deliver = async (message: TicketEventMessage) => {
      through = BigInt(message.eventId);
      const prepared = await deps.prepare(message);
      if (!prepared || !passes(viewer, message, prepared.event.ticket, prepared.facts, filter)) return;
      await push(prepared.event);
    };
    const refetch = (eventId: string) => {
      through = BigInt(eventId);
      return push({ eventId, type: 'REFETCH', ticket: null, actor: null, at: new Date() });
    };

    try {
      // The client already has everything up to afterEventId; the backlog query may deliver more, which
      // the live inbox then also holds.
      if (through !== null) {
        const known = through;
        const missed = await deps.prisma.activityLog.findMany({
          where: { id: { gt: known }, ticketId: { not: null }, eventType: { not: null } },
          orderBy: { id: 'asc' },
          take: CATCH_UP_LIMIT + 1,
          select: { id: true, ticketId: true, eventType: true, actorId: true, createdAt: true },
        });
        if (missed.length > CATCH_UP_LIMIT) {
          const newest = await deps.prisma.activityLog.aggregate({ _max: { id: true } });
          // Everything up to here is covered by the refetch.
          await refetch((newest._max.id ?? known).toString());
        } else {
          for (const { id, ticketId, eventType, actorId, createdAt } of missed) {
            if (stopped) return;
            // The query leaves out rows without them; this check only tells TypeScript so.
            if (ticketId === null || eventType === null) continue;
            await deliver({ eventId: id.toString(), ticketId, type: eventType, actorId, at: createdAt.toISOString() });
          }
        }
      }
      while (!stopped) {
        const newest = inbox.length > MAX_PENDING ? inbox.at(-1) : undefined;
        if (newest) {
          // Too far behind to catch up event by event: one REFETCH stands for all of them.
          inbox.length = 0;
          await refetch(newest.kind === 'event' ? newest.message.eventId : newest.throughEventId);
          continue;
        }
        const next = inbox.shift();
        if (!next) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        const id = next.kind === 'event' ? next.message.eventId : next.throughEventId;
        if (through !== null && BigInt(id) <= through) continue;
        if (next.kind === 'missed') await refetch(next.throughEventId);
        else await deliver(next.message);
      }
    } catch (error) {
      stop(error);
    } finally {
      unlisten();
    }
  });
}

export function parseEventId(value: string): bigint {
  if (!/^\d{1,19}$/.test(value)) throw new RangeError('afterEventId must be an eventId received earlier.');
  return BigInt(value);
}
