// Bulk actions in the tickets list (issue 25): assign, change priority, or move to the trash several tickets at
// once. Each ticket goes through the same service method (and so the same rules, history and events) as the
// one-at-a-time mutation, in its own transaction: the payload says which changed and which were refused, why.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { BulkOutcome } from '../../domain/bulk-tickets.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { PriorityEnum } from './enums.ts';
import { TicketRef } from './ticket.ts';
import { UserRef } from './user.ts';

const BulkRefusalRef = builder.simpleObject('BulkTicketRefusal', {
  description: 'A ticket the bulk action left alone, and why (the same refusal the one-ticket mutation would give).',
  fields: (t) => ({
    ticketId: t.id(),
    code: t.string({ description: "The refusal's ErrorCode (FORBIDDEN, NOT_FOUND, INVALID_TRANSITION, BAD_USER_INPUT, …)." }),
    message: t.string(),
  }),
});

const BulkTicketsPayload = builder.objectRef<BulkOutcome>('BulkTicketsPayload').implement({
  fields: (t) => ({
    changedCount: t.int({ resolve: (outcome) => outcome.changedIds.length }),
    refusedCount: t.int({ resolve: (outcome) => outcome.refused.length }),
    // Read back with exactly the selection asked for; each was just changed by the caller, so it may read it.
    changed: t.prismaField({
      type: [TicketRef],
      nullable: { list: false, items: false },
      description: 'The tickets changed, in the order given.',
      resolve: async (query, outcome, _args, ctx) => {
        const rows = await ctx.prisma.ticket.findMany({ ...query, where: { id: { in: outcome.changedIds } } });
        const order = new Map(outcome.changedIds.map((id, index) => [id, index]));
        return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      },
    }),
    refused: t.field({
      type: [BulkRefusalRef],
      resolve: (outcome) => outcome.refused.map((refusal) => ({ ...refusal, ticketId: encodeGlobalID('Ticket', refusal.ticketId) })),
    }),
  }),
});

const BulkAssignTicketsInput = builder.inputType('BulkAssignTicketsInput', {
  fields: (t) => ({
    ids: t.globalIDList({ for: TicketRef, required: true, description: 'At most 100 tickets.' }),
    assigneeId: t.globalID({ for: UserRef, required: true }),
  }),
});

const BulkSetTicketPriorityInput = builder.inputType('BulkSetTicketPriorityInput', {
  fields: (t) => ({
    ids: t.globalIDList({ for: TicketRef, required: true, description: 'At most 100 tickets.' }),
    priority: t.field({ type: PriorityEnum, required: true }),
  }),
});

const BulkDeleteTicketsInput = builder.inputType('BulkDeleteTicketsInput', {
  fields: (t) => ({
    ids: t.globalIDList({ for: TicketRef, required: true, description: 'At most 100 tickets.' }),
    reason: t.string(),
  }),
});

builder.mutationField('bulkAssignTickets', (t) =>
  t.field({
    type: BulkTicketsPayload,
    description: 'assignTicket on each ticket in turn (without a due date: the deadline by priority); refusals are listed, not thrown.',
    args: { input: t.arg({ type: BulkAssignTicketsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.bulkTickets.assign(requireViewer(ctx), { ids: input.ids.map((id) => id.id), assigneeId: input.assigneeId.id }),
  }),
);

builder.mutationField('bulkSetTicketPriority', (t) =>
  t.field({
    type: BulkTicketsPayload,
    description: 'updateTicket(priority) on each ticket in turn; refusals are listed, not thrown.',
    args: { input: t.arg({ type: BulkSetTicketPriorityInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.bulkTickets.setPriority(requireViewer(ctx), { ids: input.ids.map((id) => id.id), priority: input.priority }),
  }),
);

builder.mutationField('bulkDeleteTickets', (t) =>
  t.field({
    type: BulkTicketsPayload,
    description: 'deleteTicket (to the trash) on each ticket in turn; refusals are listed, not thrown.',
    args: { input: t.arg({ type: BulkDeleteTicketsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.bulkTickets.moveToTrash(requireViewer(ctx), { ids: input.ids.map((id) => id.id), reason: input.reason ?? null }),
  }),
);
