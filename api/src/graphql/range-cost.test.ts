import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BULK_COST_PER_TICKET } from '../domain/work-cost.ts';
import { rangeCost } from './range-cost.ts';

describe('rangeCost of bulk ticket mutations', () => {
  it('prices each named ticket, written or sent as a variable', () => {
    const written = parse('mutation { bulkSetTicketPriority(input: { ids: ["a", "b", "c"], priority: HIGH }) { changedCount } }');
    expect(rangeCost(written, {})).toBe(3 * BULK_COST_PER_TICKET);
    const sent = parse('mutation ($input: BulkDeleteTicketsInput!) { bulkDeleteTickets(input: $input) { changedCount } }');
    const ids = Array.from({ length: 100 }, (_, i) => String(i));
    expect(rangeCost(sent, { input: { ids } })).toBe(100 * BULK_COST_PER_TICKET);
    const other = parse('mutation ($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id } } }');
    expect(rangeCost(other, { input: { id: 'a' } })).toBe(0);
  });

  it('prices them inside an inline fragment or a fragment spread too (the executor runs those fields)', () => {
    const ids = Array.from({ length: 100 }, (_, i) => String(i));
    const inline = parse('mutation ($input: BulkSetTicketPriorityInput!) { ... on Mutation { bulkSetTicketPriority(input: $input) { changedCount } } }');
    expect(rangeCost(inline, { input: { ids } })).toBe(100 * BULK_COST_PER_TICKET);
    const spread = parse(
      'mutation ($input: BulkSetTicketPriorityInput!) { ...Bulk } fragment Bulk on Mutation { ... on Mutation { bulkSetTicketPriority(input: $input) { changedCount } } }',
    );
    expect(rangeCost(spread, { input: { ids } })).toBe(100 * BULK_COST_PER_TICKET);
  });
});
