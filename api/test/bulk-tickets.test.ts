// Bulk actions (issue 25): each ticket through the same pipeline as one at a time, its own transaction and
// history entry; refusals listed with their reason, the other tickets changed all the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, gid, rawId, type Sessions, signInEveryone, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
});
afterAll(() => t.close());

const OUTCOME = 'changedCount refusedCount changed { id number priority version assignee { username } } refused { ticketId code message }';
const PRIORITY = `mutation ($input: BulkSetTicketPriorityInput!) { bulkSetTicketPriority(input: $input) { ${OUTCOME} } }`;
const ASSIGN = `mutation ($input: BulkAssignTicketsInput!) { bulkAssignTickets(input: $input) { ${OUTCOME} } }`;
const UPDATE = `mutation ($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id } } }`;
const TRASH = `mutation ($input: BulkDeleteTicketsInput!) { bulkDeleteTickets(input: $input) { ${OUTCOME} } }`;

async function approved(requester: keyof Sessions, manager: keyof Sessions) {
  const ticket = await createTicket(t, s[requester].token);
  await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s[manager].token);
  return ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['creative.manager'].token);
}

describe('bulkSetTicketPriority', () => {
  it('changes five tickets, each with its own history entry, as updateTicket would', async () => {
    const tickets = await Promise.all([1, 2, 3, 4, 5].map((n) => createTicket(t, s.marketer.token, { title: `Bulk ${n}`, priority: 'LOW' })));
    const before = await t.db.prisma.ticketHistory.count({ where: { ticketId: { in: tickets.map((ticket) => rawId(ticket.id)) } } });
    const data = await t.ok(PRIORITY, { input: { ids: tickets.map((ticket) => ticket.id), priority: 'URGENT' } }, s.admin.token);
    expect(data.bulkSetTicketPriority).toMatchObject({ changedCount: 5, refusedCount: 0, refused: [] });
    expect(data.bulkSetTicketPriority.changed.map((ticket: { id: string }) => ticket.id)).toEqual(tickets.map((ticket) => ticket.id));
    expect(
      data.bulkSetTicketPriority.changed.every((ticket: { priority: string; version: number }) => ticket.priority === 'URGENT' && ticket.version === 2),
    ).toBe(true);

    const entries = await t.db.prisma.ticketHistory.findMany({
      where: { ticketId: { in: tickets.map((ticket) => rawId(ticket.id)) }, action: 'UPDATED' },
    });
    expect(before).toBe(5);
    expect(entries).toHaveLength(5);
    expect(new Set(entries.map((entry) => entry.ticketId)).size).toBe(5);
    for (const entry of entries) {
      expect(entry.actorId).toBe(s.admin.id);
      expect(entry.changes).toEqual([expect.objectContaining({ field: 'priority', from: 'LOW', to: 'URGENT' })]);
    }
  });

  it("a member's bulk: the tickets they may edit change, the others are refused with the reason and stay as they were", async () => {
    const own = [
      await createTicket(t, s.marketer.token, { title: 'Mine 1', priority: 'LOW' }),
      await createTicket(t, s.marketer.token, { title: 'Mine 2', priority: 'LOW' }),
    ] as const;
    const pastRequested = await approved('marketer', 'marketing.manager');
    const someoneElses = await createTicket(t, s.seller.token, { priority: 'LOW' });
    const ids = [own[0].id, pastRequested.id, someoneElses.id, own[1].id];

    const data = await t.ok(PRIORITY, { input: { ids, priority: 'HIGH' } }, s.marketer.token);
    const outcome = data.bulkSetTicketPriority;
    expect(outcome.changedCount).toBe(2);
    expect(outcome.changed.map((ticket: { id: string }) => ticket.id)).toEqual([own[0].id, own[1].id]);
    expect(outcome.refused.map((refusal: { ticketId: string }) => refusal.ticketId)).toEqual([pastRequested.id, someoneElses.id]);
    // The refusals are the ones updateTicket gives for each alone (not editable once approved; not theirs).
    for (const [index, ticket] of [pastRequested, someoneElses].entries()) {
      const single = await t.gql(UPDATE, { input: { id: ticket.id, priority: 'HIGH' } }, s.marketer.token);
      expect(errorCodes(single)).toEqual([expect.any(String)]);
      expect(outcome.refused[index]).toEqual({ ticketId: ticket.id, code: errorCodes(single)[0], message: single.errors?.[0]?.message });
    }

    const rows = await t.db.prisma.ticket.findMany({ where: { id: { in: [pastRequested.id, someoneElses.id].map(rawId) } } });
    expect(rows.find((row) => row.id === rawId(someoneElses.id))?.priority).toBe('LOW');
    expect(rows.find((row) => row.id === rawId(pastRequested.id))?.priority).toBe(pastRequested.priority);
    expect(rows.every((row) => row.version === (row.id === rawId(someoneElses.id) ? 1 : pastRequested.version))).toBe(true);
  });

  it('refuses none and more than 100 tickets before touching any', async () => {
    const ticket = await createTicket(t, s.marketer.token, { priority: 'LOW' });
    const tooMany = [ticket.id, ...Array.from({ length: 100 }, (_, i) => gid('Ticket', `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`))];
    expect(errorCodes(await t.gql(PRIORITY, { input: { ids: tooMany, priority: 'HIGH' } }, s.admin.token))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(PRIORITY, { input: { ids: [], priority: 'HIGH' } }, s.admin.token))).toEqual(['BAD_USER_INPUT']);
    expect((await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } })).priority).toBe('LOW');
  });

  it('needs a session', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    expect(errorCodes(await t.gql(PRIORITY, { input: { ids: [ticket.id], priority: 'HIGH' } }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('bulkAssignTickets', () => {
  it("assigns the approved tickets, refuses the one still waiting for approval; a member's are all refused", async () => {
    const ready = [await approved('marketer', 'marketing.manager'), await approved('seller', 'sales.manager')] as const;
    const waiting = await createTicket(t, s.marketer.token);
    const ids = [ready[0].id, waiting.id, ready[1].id];

    const byMember = await t.ok(ASSIGN, { input: { ids, assigneeId: s.designer.globalId } }, s.marketer.token);
    expect(byMember.bulkAssignTickets).toMatchObject({ changedCount: 0, refusedCount: 3 });
    expect(byMember.bulkAssignTickets.refused.map((refusal: { code: string }) => refusal.code)).toEqual(['FORBIDDEN', 'INVALID_TRANSITION', 'FORBIDDEN']);

    const data = await t.ok(ASSIGN, { input: { ids, assigneeId: s.designer.globalId } }, s['creative.manager'].token);
    expect(data.bulkAssignTickets).toMatchObject({ changedCount: 2, refusedCount: 1 });
    expect(data.bulkAssignTickets.changed.map((ticket: { assignee: { username: string } }) => ticket.assignee.username)).toEqual(['designer', 'designer']);
    expect(data.bulkAssignTickets.refused).toEqual([expect.objectContaining({ ticketId: waiting.id })]);
    const entries = await t.db.prisma.ticketHistory.count({ where: { ticketId: { in: ready.map((ticket) => rawId(ticket.id)) }, action: 'ASSIGNED' } });
    expect(entries).toBe(2);
    expect((await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(waiting.id) } })).assigneeId).toBeNull();
  });
});

describe('bulkDeleteTickets', () => {
  it('moves to the trash what the member may delete (their own requests), and refuses the rest', async () => {
    const own = await createTicket(t, s.marketer.token);
    const pastRequested = await approved('marketer', 'marketing.manager');
    const data = await t.ok(TRASH, { input: { ids: [own.id, pastRequested.id] } }, s.marketer.token);
    expect(data.bulkDeleteTickets).toMatchObject({ changedCount: 1, refusedCount: 1, refused: [expect.objectContaining({ ticketId: pastRequested.id })] });
    const rows = await t.db.prisma.ticket.findMany({ where: { id: { in: [own.id, pastRequested.id].map(rawId) } }, select: { id: true, deletedAt: true } });
    expect(rows.find((row) => row.id === rawId(own.id))?.deletedAt).not.toBeNull();
    expect(rows.find((row) => row.id === rawId(pastRequested.id))?.deletedAt).toBeNull();
    expect(await t.db.prisma.ticketHistory.count({ where: { ticketId: rawId(own.id), action: 'DELETED' } })).toBe(1);
  });
});
