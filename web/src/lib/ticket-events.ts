// The live ticket-event stream, one per signed-in page, shared by the board, the lists and the dashboard.
// Each event flows through the normalized cache (cache.ts), which updates the ticket everywhere and
// re-queries the lists it entered or left; views need not subscribe themselves. After a reconnect the
// socket re-sends the subscription with `afterEventId` = the last event seen, so the server replays what
// was missed (or sends REFETCH when too much was, and the cache re-queries every list).

import type { Client } from '@urql/core';
import { createSignal } from 'solid-js';
import { registerResume } from './socket-state';
import { ticketEventsSubscription } from './ticket-events.graphql';

/** Wait before starting again after the stream ended with an error (e.g. the server restarted). */
const RESTART_DELAY_MS = 3_000;

export type TicketEventNotice = { eventId: string; type: string; ticketId: string | undefined; actorName: string | undefined; at: string };

const [lastEvent, setLastEvent] = createSignal<TicketEventNotice>();

/** The newest event seen (views may flash the card it touched). */
export const latestTicketEvent = lastEvent;

let lastEventId: string | undefined;

/** Starts the stream; returns the function that stops it. */
export function startTicketEvents(client: Client): () => void {
  let stopped = false;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let subscription: { unsubscribe: () => void } | undefined;
  const unregister = registerResume('TicketEvents', (variables) => ({ ...variables, afterEventId: lastEventId ?? null }));

  const start = () => {
    subscription = client.subscription(ticketEventsSubscription, { afterEventId: lastEventId ?? null }).subscribe((result) => {
      const event = result.data?.ticketEvents;
      if (event) {
        lastEventId = event.eventId;
        const ticket = event.ticket as { id?: string } | null | undefined;
        setLastEvent({ eventId: event.eventId, type: event.type, ticketId: ticket?.id, actorName: event.actor?.displayName, at: event.at });
      }
      if (result.error && !stopped) {
        subscription?.unsubscribe();
        clearTimeout(restartTimer);
        restartTimer = setTimeout(start, RESTART_DELAY_MS);
      }
    });
  };
  start();

  return () => {
    stopped = true;
    clearTimeout(restartTimer);
    subscription?.unsubscribe();
    unregister();
  };
}
