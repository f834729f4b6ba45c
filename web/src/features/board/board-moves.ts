// Which workflow action a card's move from one column to another means. The server answers which status changes
// the viewer may make now (`Ticket.availableTransitions`, from the workflow table), so the board keeps no copy of
// the workflow's rules or moves; it only keeps those its action dialogs can run. Pure and tested (board-moves.test.ts).
import type { TicketAction, TicketStatus } from '../../gql/graphql';
import { isRunnableAction, type RunnableAction } from '../ticket-actions/action-rules';

export type BoardMove = { action: RunnableAction; to: TicketStatus };

type MovableTicket = { availableTransitions: readonly { action: TicketAction; to: TicketStatus }[] };

/** The moves this ticket allows now, as the server listed them. */
export function allowedMoves(ticket: MovableTicket): BoardMove[] {
  return ticket.availableTransitions.flatMap(({ action, to }) => (isRunnableAction(action) ? [{ action, to }] : []));
}

/** The action that dropping the ticket on the `to` column runs, or undefined when that move is not allowed. */
export function moveAction(ticket: MovableTicket, to: TicketStatus): RunnableAction | undefined {
  return allowedMoves(ticket).find((move) => move.to === to)?.action;
}
