import { describe, expect, it } from 'vitest';
import { bulkTicketIds, eachTicket, MAX_BULK_TICKETS } from './bulk-tickets.ts';
import { BadInputError, ForbiddenError } from './errors.ts';

describe('bulkTicketIds', () => {
  it('keeps each id once in order, and refuses none or too many', () => {
    expect(bulkTicketIds(['a', 'b', 'a', 'c'])).toEqual(['a', 'b', 'c']);
    expect(() => bulkTicketIds([])).toThrow(BadInputError);
    expect(() => bulkTicketIds(Array.from({ length: MAX_BULK_TICKETS + 1 }, (_, i) => String(i)))).toThrow(BadInputError);
    expect(bulkTicketIds(Array.from({ length: MAX_BULK_TICKETS }, (_, i) => String(i)))).toHaveLength(MAX_BULK_TICKETS);
  });
});

describe('eachTicket', () => {
  it('acts on every ticket, listing refusals with their code without stopping', async () => {
    const acted: string[] = [];
    const outcome = await eachTicket(['a', 'b', 'c'], async (id) => {
      acted.push(id);
      if (id === 'b') throw new ForbiddenError('You cannot edit this ticket.');
    });
    expect(acted).toEqual(['a', 'b', 'c']);
    expect(outcome).toEqual({ changedIds: ['a', 'c'], refused: [{ ticketId: 'b', code: 'FORBIDDEN', message: 'You cannot edit this ticket.' }] });
  });

  it('stops at an unexpected failure (not a refusal)', async () => {
    await expect(eachTicket(['a', 'b'], async () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
  });
});
