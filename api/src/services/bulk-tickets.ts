// Bulk actions: assign, change priority, or move to the trash, several tickets at once. Each ticket goes through
// the ticket service's own method, as if acted on alone (the same checks, its own transaction, history entry and
// events), so one refusal leaves the others changed; the outcome lists what changed and what was refused, why.
import { type BulkOutcome, bulkTicketIds, eachTicket } from '../domain/bulk-tickets.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { Priority } from '../domain/vocabulary.ts';
import type { TicketService } from './tickets.ts';

export function createBulkTicketService(tickets: TicketService) {
  return {
    assign(viewer: Viewer, input: { ids: readonly string[]; assigneeId: string }): Promise<BulkOutcome> {
      return eachTicket(bulkTicketIds(input.ids), (id) => tickets.assign(viewer, { id, assigneeId: input.assigneeId }));
    },

    setPriority(viewer: Viewer, input: { ids: readonly string[]; priority: Priority }): Promise<BulkOutcome> {
      return eachTicket(bulkTicketIds(input.ids), (id) => tickets.update(viewer, { id, priority: input.priority }));
    },

    moveToTrash(viewer: Viewer, input: { ids: readonly string[]; reason?: string | null }): Promise<BulkOutcome> {
      return eachTicket(bulkTicketIds(input.ids), (id) => tickets.softDelete(viewer, { id, reason: input.reason ?? null }));
    },
  };
}

export type BulkTicketService = ReturnType<typeof createBulkTicketService>;
