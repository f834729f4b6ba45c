// The activity log's sentence for a workflow step, as a person would say it: "alice approved #12 for its
// department; waiting for Creative", not "alice approve #12: REQUESTED → PENDING_CREATIVE". Third-party tools
// read the same text (ActivityEntry.summary), so it names the actor by username and stands on its own.
import type { TicketAction, TicketStatus } from './vocabulary.ts';

/** The actions that are plain workflow steps (the others write their own, more specific summaries). */
export type StepAction = Extract<TicketAction, 'APPROVE' | 'REJECT' | 'START' | 'COMPLETE' | 'CONFIRM' | 'DELETE' | 'RESTORE'>;

const PHRASES: Record<StepAction, (ticket: string, to: TicketStatus) => string> = {
  APPROVE: (ticket, to) =>
    to === 'PENDING_CREATIVE' ? `approved ${ticket} for its department; waiting for Creative` : `approved ${ticket} for Creative; ready to assign`,
  REJECT: (ticket) => `rejected ${ticket}`,
  START: (ticket) => `started work on ${ticket}`,
  COMPLETE: (ticket) => `completed ${ticket}; waiting for the requester to confirm`,
  CONFIRM: (ticket) => `confirmed ${ticket} is done; closed`,
  DELETE: (ticket) => `moved ${ticket} to the trash`,
  RESTORE: (ticket) => `restored ${ticket} from the trash`,
};

export function stepSummary(username: string, action: StepAction, ticketNumber: number, to: TicketStatus): string {
  return `${username} ${PHRASES[action](`#${ticketNumber}`, to)}`;
}
