// Drag-and-drop data and state for the board (pragmatic-drag-and-drop carries plain records).
import { createSignal } from 'solid-js';
import type { Thumbnail } from '../../components/ticket-thumbnail';
import type { TicketSummaryFragment } from '../../gql/graphql';

/** A card: the ticket's summary and, from the board's own query (not from events), its newest image. */
export type BoardTicket = TicketSummaryFragment & { thumbnail?: Thumbnail | null };

const KIND = 'juan365/board-card';

export type CardDragData = { kind: typeof KIND; ticket: BoardTicket };

export function cardDragData(ticket: BoardTicket): CardDragData {
  return { kind: KIND, ticket };
}

export function isCardDragData(data: Record<string | symbol, unknown>): data is CardDragData {
  return data.kind === KIND && typeof data.ticket === 'object' && data.ticket !== null;
}

/** The card being dragged right now (columns light up for the moves it allows). */
const [dragged, setDragged] = createSignal<BoardTicket>();
export const draggedTicket = dragged;
export const setDraggedTicket = setDragged;
