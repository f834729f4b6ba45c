// Bulk actions on tickets (issue 25): several tickets, one action each, every one through the same pipeline and
// the same rules as one at a time. Here only what is about the batch: how many at once, and the summary.
import { BadInputError, DomainError, type ErrorCode } from './errors.ts';

/** At most this many tickets in one bulk request (a page of the list is 25; the API's largest page 100). */
export const MAX_BULK_TICKETS = 100;

/** The ids once each, in the order given; refused when none or too many. */
export function bulkTicketIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new BadInputError('Select at least one ticket.', 'ids');
  if (unique.length > MAX_BULK_TICKETS) throw new BadInputError(`At most ${MAX_BULK_TICKETS} tickets at once.`, 'ids');
  return unique;
}

export type BulkRefusal = { ticketId: string; code: ErrorCode; message: string };
export type BulkOutcome = { changedIds: string[]; refused: BulkRefusal[] };

/**
 * Runs `act` on each ticket in turn (each its own transaction, so one refusal leaves the others' changes): a
 * domain refusal is recorded with its code and message; anything else (the database gone) ends the batch.
 */
export async function eachTicket(ids: readonly string[], act: (id: string) => Promise<unknown>): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { changedIds: [], refused: [] };
  for (const id of ids) {
    try {
      await act(id);
      outcome.changedIds.push(id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcome.refused.push({ ticketId: id, code: error.code, message: error.message });
    }
  }
  return outcome;
}
