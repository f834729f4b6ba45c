// Ticket events as this instance's subscribers receive them: in eventId order, each once.
//
// Event ids are allocated and committed in the same order (recordTicketEvent holds an advisory lock from the
// activity log insert to commit), but each transaction publishes after its own commit, from its own instance,
// so a later commit's publish can overtake an earlier one's (another instance's event loop was busy, or its
// path through Redis was slower). Publish order is therefore not trusted. What is trusted: when event N is
// published, every event below N has committed. So when N arrives and the ids between the last event released
// here and N were not all seen, they are read from the activity log (the same rows afterEventId replays) and
// released first; a publish that arrives after its id was released is dropped. An instance that missed
// publishes altogether (Redis was away) catches up the same way at its next event.
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import type { Listener, RealtimeHub, TicketEventMessage } from './hub.ts';
import { retryOnce } from './retry-once.ts';

/** A gap larger than this is not replayed event by event: subscribers get one REFETCH for it instead. */
export const GAP_FILL_LIMIT = 500;

/** What an ordered listener receives: an event, or word that events up to an id could not be delivered. */
export type OrderedTicketEvent = { kind: 'event'; message: TicketEventMessage } | { kind: 'missed'; throughEventId: string };

export type OrderedTicketEvents = {
  onTicketEvent(listener: Listener<OrderedTicketEvent>): () => void;
  close(): void;
};

export function orderTicketEvents(options: { hub: RealtimeHub; prisma: PrismaClient; logger: Logger }): OrderedTicketEvents {
  const listeners = new Set<Listener<OrderedTicketEvent>>();
  /**
   * The highest eventId handed to the listeners (or committed before this instance started listening: a
   * subscriber gets those from its afterEventId replay). Null only if that could not be read; then the first
   * event sets it.
   */
  let releasedThrough: bigint | null = null;
  /** Arrivals are handled one at a time, in arrival order, so a gap is filled before anything after it. */
  let queue: Promise<void> = retryOnce(() => options.prisma.activityLog.aggregate({ _max: { id: true } })).then(
    (newest) => {
      releasedThrough = newest._max.id ?? 0n;
    },
    (error: unknown) => options.logger.warn('realtime: could not read the newest event id; ordering starts at the first event', error),
  );

  const release = (event: OrderedTicketEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.logger.error('realtime ticket-event listener failed', error);
      }
    }
  };

  const readGap = (after: bigint, before: bigint) =>
    options.prisma.activityLog.findMany({
      where: { id: { gt: after, lt: before }, ticketId: { not: null }, eventType: { not: null } },
      orderBy: { id: 'asc' },
      take: GAP_FILL_LIMIT + 1,
      select: { id: true, ticketId: true, eventType: true, actorId: true, createdAt: true },
    });

  async function arrive(message: TicketEventMessage) {
    const id = BigInt(message.eventId);
    if (releasedThrough !== null && id <= releasedThrough) return; // released already, read from the log
    // With nobody listening there is nobody to fill a gap for.
    if (releasedThrough !== null && id > releasedThrough + 1n && listeners.size > 0) {
      const after = releasedThrough;
      try {
        const missing = await retryOnce(() => readGap(after, id));
        if (missing.length > GAP_FILL_LIMIT) {
          release({ kind: 'missed', throughEventId: (id - 1n).toString() });
        } else {
          for (const row of missing) {
            // The query leaves out rows without them; this check only tells TypeScript so.
            if (row.ticketId === null || row.eventType === null) continue;
            release({
              kind: 'event',
              message: { eventId: row.id.toString(), ticketId: row.ticketId, type: row.eventType, actorId: row.actorId, at: row.createdAt.toISOString() },
            });
          }
        }
      } catch (error) {
        // Whether ids between were events is unknown, and their publishes (if late) are dropped once N is
        // released: subscribers are told to refetch rather than left with a silent hole, and the streams go on.
        options.logger.warn(`realtime: could not read ticket events ${after + 1n}..${id - 1n} from the activity log; subscribers refetch`, error);
        release({ kind: 'missed', throughEventId: (id - 1n).toString() });
      }
    }
    releasedThrough = id;
    release({ kind: 'event', message });
  }

  const unlisten = options.hub.onTicketEvent((message) => {
    queue = queue.then(() => arrive(message)).catch((error: unknown) => options.logger.error('realtime: ordering a ticket event failed', error));
  });

  return {
    onTicketEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      unlisten();
      listeners.clear();
    },
  };
}
