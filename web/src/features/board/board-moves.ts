// Which workflow action a card's move from one column to another means, and which moves a ticket allows
// now. The server's `availableActions` decides; this only maps an action to the column it leads to, so the
// board never keeps its own copy of the workflow rules. Pure and tested (board-moves.test.ts).
import type { TicketAction, TicketStatus } from '../../gql/graphql';
import type { RunnableAction } from '../ticket-actions';

/** Where each status-changing action takes a ticket from each status. */
const MOVES: { action: RunnableAction; from: TicketStatus; to: TicketStatus }[] = [
  { action: 'APPROVE', from: 'REQUESTED', to: 'PENDING_CREATIVE' },
  { action: 'APPROVE', from: 'PENDING_CREATIVE', to: 'APPROVED' },
  { action: 'REJECT', from: 'REQUESTED', to: 'REJECTED' },
  { action: 'REJECT', from: 'PENDING_CREATIVE', to: 'REJECTED' },
  { action: 'START', from: 'APPROVED', to: 'IN_PROGRESS' },
  { action: 'COMPLETE', from: 'IN_PROGRESS', to: 'COMPLETED' },
  { action: 'CONFIRM', from: 'COMPLETED', to: 'CLOSED' },
  { action: 'REQUEST_REVISION', from: 'COMPLETED', to: 'IN_PROGRESS' },
];

export type BoardMove = { action: RunnableAction; to: TicketStatus };

/** The moves this ticket allows now: only those whose action the server lists as available. */
export function allowedMoves(ticket: { status: TicketStatus; availableActions: readonly TicketAction[] }): BoardMove[] {
  return MOVES.filter((move) => move.from === ticket.status && ticket.availableActions.includes(move.action)).map(({ action, to }) => ({ action, to }));
}

/** The action that dropping the ticket on the `to` column runs, or undefined when that move is not allowed. */
export function moveAction(ticket: { status: TicketStatus; availableActions: readonly TicketAction[] }, to: TicketStatus): RunnableAction | undefined {
  return allowedMoves(ticket).find((move) => move.to === to)?.action;
}
