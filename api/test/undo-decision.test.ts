// Undo of an approval or a rejection by mistake (issue 25): the web's toast offers Undo for 10 s, which rolls the
// ticket back to the entry before the decision. The person who decided may do so: every approver and rejecter
// is a manager with authority over the ticket (or an admin), whom the ROLLBACK rule lets roll back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTicket, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
});
afterAll(() => t.close());

const HISTORY = `query ($id: ID!) { ticket(id: $id) { status rejectionReason history(first: 2) { nodes { id action fromStatus toStatus reason actor { username } } } } }`;

type Entry = { id: string; action: string; fromStatus: string | null; toStatus: string | null; reason: string | null; actor: { username: string } };

/** What the web's Undo sends: roll back to the entry before the viewer's own latest decision. */
async function undoLatest(ticketId: string, version: number, who: keyof Sessions) {
  const before = await t.ok(HISTORY, { id: ticketId }, s[who].token);
  const [decision, previous] = before.ticket.history.nodes as [Entry, Entry];
  expect(decision.actor.username).toBe(who);
  return ticketMutationOk(
    t,
    'rollbackTicket',
    'RollbackTicketInput',
    { id: ticketId, expectedVersion: version, historyEntryId: previous.id, reason: `Undo: ${decision.action.toLowerCase()} by mistake` },
    s[who].token,
  );
}

describe('undoing a decision by mistake', () => {
  it("the department manager's approval goes back to REQUESTED with a rollback entry by the same person", async () => {
    const created = await createTicket(t, s.marketer.token);
    const approved = await ticketMutationOk(
      t,
      'approveTicket',
      'ApproveTicketInput',
      { id: created.id, expectedVersion: created.version },
      s['marketing.manager'].token,
    );
    expect(approved.status).toBe('PENDING_CREATIVE');

    const undone = await undoLatest(created.id, approved.version, 'marketing.manager');
    expect(undone).toMatchObject({ status: 'REQUESTED', version: approved.version + 1 });
    const after = await t.ok(HISTORY, { id: created.id }, s.admin.token);
    expect(after.ticket.history.nodes[0]).toMatchObject({
      action: 'ROLLBACK',
      fromStatus: 'PENDING_CREATIVE',
      toStatus: 'REQUESTED',
      reason: 'Undo: approved by mistake',
      actor: { username: 'marketing.manager' },
    });
  });

  it("a Creative manager's rejection goes back to PENDING_CREATIVE, the rejection reason gone", async () => {
    const ticket = await ticketAt(t, s, 'PENDING_CREATIVE');
    const rejected = await ticketMutationOk(
      t,
      'rejectTicket',
      'RejectTicketInput',
      { id: ticket.id, expectedVersion: ticket.version, reason: 'Out of scope' },
      s['creative.manager'].token,
    );
    expect(rejected.status).toBe('REJECTED');

    const undone = await undoLatest(ticket.id, rejected.version, 'creative.manager');
    expect(undone.status).toBe('PENDING_CREATIVE');
    const after = await t.ok(HISTORY, { id: ticket.id }, s.admin.token);
    expect(after.ticket.rejectionReason).toBeNull();
    expect(after.ticket.history.nodes[0]).toMatchObject({
      action: 'ROLLBACK',
      fromStatus: 'REJECTED',
      toStatus: 'PENDING_CREATIVE',
      actor: { username: 'creative.manager' },
    });
  });
});
