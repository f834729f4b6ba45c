import { describe, expect, it } from 'vitest';
import { type TicketFacts, ticketMatchesFilter } from './ticket-filter-match';

const ticket: TicketFacts = {
  status: 'IN_PROGRESS',
  priority: 'HIGH',
  requestType: 'WEBSITE_BANNER',
  dueDate: '2026-03-10T00:00:00.000Z',
  isOverdue: false,
  deletedAt: null,
  department: { id: 'D1' },
  assignee: { id: 'U1' },
  requester: { id: 'U2' },
  collaborators: [{ id: 'U3' }],
};

describe('ticketMatchesFilter', () => {
  it('matches every filter field it can check', () => {
    expect(ticketMatchesFilter(ticket, { status: ['IN_PROGRESS', 'APPROVED'], priority: ['HIGH'], departmentId: 'D1', assigneeId: 'U1' })).toBe(true);
    expect(ticketMatchesFilter(ticket, { requesterId: 'U2', collaboratorId: 'U3', requestType: ['WEBSITE_BANNER'], overdue: false })).toBe(true);
    expect(ticketMatchesFilter(ticket, {})).toBe(true);
    expect(ticketMatchesFilter(ticket, null)).toBe(true);
  });

  it('says no as soon as one field differs (a card leaving its column)', () => {
    expect(ticketMatchesFilter(ticket, { status: ['APPROVED'] })).toBe(false);
    expect(ticketMatchesFilter(ticket, { assigneeId: 'U9' })).toBe(false);
    expect(ticketMatchesFilter({ ...ticket, assignee: null }, { assigneeId: 'U1' })).toBe(false);
    expect(ticketMatchesFilter(ticket, { overdue: true })).toBe(false);
    expect(ticketMatchesFilter(ticket, { dueBefore: '2026-03-01T00:00:00.000Z' })).toBe(false);
  });

  it("keeps the viewer's approval queue to the tickets the server offers them Approve on", () => {
    const waiting = { ...ticket, status: 'REQUESTED', availableActions: ['EDIT', 'APPROVE', 'REJECT'] };
    const decided = { ...ticket, status: 'PENDING_CREATIVE', availableActions: ['COMMENT'] };
    expect(ticketMatchesFilter(waiting, { awaitingMyApproval: true })).toBe(true);
    expect(ticketMatchesFilter(decided, { awaitingMyApproval: true })).toBe(false);
    expect(ticketMatchesFilter(decided, { awaitingMyApproval: false })).toBe(true);
    // Read without its actions: the list re-queries instead of guessing.
    expect(ticketMatchesFilter(ticket, { awaitingMyApproval: true })).toBeUndefined();
  });

  it('keeps trashed tickets out of every list', () => {
    expect(ticketMatchesFilter({ ...ticket, deletedAt: '2026-03-01T00:00:00.000Z' }, {})).toBe(false);
  });

  it('cannot tell for a text search or a field the ticket was not read with', () => {
    expect(ticketMatchesFilter(ticket, { search: 'banner' })).toBeUndefined();
    expect(ticketMatchesFilter({ status: 'APPROVED' }, { departmentId: 'D1' })).toBeUndefined();
    expect(ticketMatchesFilter({ status: 'APPROVED' }, { status: ['REJECTED'], departmentId: 'D1' })).toBe(false);
  });
});
