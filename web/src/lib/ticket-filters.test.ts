import { describe, expect, it } from 'vitest';
import { filterFields, listFields, toTicketFilter, toTicketOrder } from './ticket-filters';
import { parseUrlState, urlSearch } from './url-state';

describe('ticket filters', () => {
  it('turns URL filters into the API filter, leaving out what is empty', () => {
    const values = parseUrlState(filterFields, { q: '#42', status: 'IN_PROGRESS', priority: 'URGENT,HIGH', dept: 'D1', overdue: '1' });
    expect(toTicketFilter(values, 'U1')).toEqual({
      search: '#42',
      status: ['IN_PROGRESS'],
      priority: ['URGENT', 'HIGH'],
      departmentId: 'D1',
      overdue: true,
    });
    expect(toTicketFilter(parseUrlState(filterFields, {}), 'U1')).toEqual({});
  });

  it('reads "mine" as the viewer, assigned or requested', () => {
    expect(toTicketFilter({ mine: 'assigned' }, 'U1')).toEqual({ assigneeId: 'U1' });
    expect(toTicketFilter({ mine: 'requested' }, 'U1')).toEqual({ requesterId: 'U1' });
  });

  it("gives a board column's link the board's filters plus the column's status", () => {
    const board = parseUrlState(filterFields, { priority: 'HIGH', dept: 'D1' });
    expect(urlSearch(listFields, { ...board, status: ['APPROVED'] })).toBe('status=APPROVED&priority=HIGH&dept=D1');
  });

  it('orders by the chosen field and direction', () => {
    expect(toTicketOrder('due', 'asc')).toEqual({ field: 'DUE_DATE', direction: 'ASC' });
    expect(parseUrlState(listFields, {}).sort).toBe('updated');
  });
});
