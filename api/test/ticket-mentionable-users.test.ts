// Ticket.mentionableUsers offers after an @ exactly the people who may read the ticket: those a mention
// would notify. Checked against the domain's read rule as the ticket moves through the workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTicket, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
}, 120_000);
afterAll(() => t.close());

async function mentionable(ticketId: string, token: string, search?: string): Promise<string[]> {
  const data = await t.ok<{
    ticket: { mentionableUsers: { username: string }[] } | null;
  }>('query ($id: ID!, $search: String) { ticket(id: $id) { mentionableUsers(search: $search, first: 20) { username } } }', { id: ticketId, search }, token);
  return (data.ticket?.mentionableUsers ?? []).map((user) => user.username).sort();
}

describe('Ticket.mentionableUsers', () => {
  it('offers the readers of a new Marketing request: admin, requester, department manager', async () => {
    const ticket = await createTicket(t, s.marketer.token, {
      title: 'Mention me',
    });
    expect(await mentionable(ticket.id, s.marketer.token)).toEqual(['admin', 'marketer', 'marketing.manager']);
  });

  it('adds Creative managers once the ticket reached them, and the assignee and collaborators', async () => {
    const ticket = await ticketAt(t, s, 'ASSIGNED', {
      title: 'Mention the makers',
    });
    await ticketMutationOk(t, 'addCollaborator', 'CollaboratorInput', { id: ticket.id, userId: s.designer2.globalId }, s['creative.manager'].token);
    expect(await mentionable(ticket.id, s.designer.token)).toEqual(['admin', 'creative.manager', 'designer', 'designer2', 'marketer', 'marketing.manager']);
  });

  it('narrows by what follows the @, still within the readers', async () => {
    const ticket = await createTicket(t, s.marketer.token, {
      title: 'Search mentions',
    });
    expect(await mentionable(ticket.id, s.marketer.token, 'MARK')).toEqual(['marketer', 'marketing.manager']);
    expect(await mentionable(ticket.id, s.marketer.token, 'seller')).toEqual([]);
  });

  it('is no way around the read rule: an unreadable ticket answers null', async () => {
    const ticket = await createTicket(t, s.marketer.token, {
      title: 'Private to Marketing',
    });
    const data = await t.ok<{ ticket: unknown }>('query ($id: ID!) { ticket(id: $id) { mentionableUsers { username } } }', { id: ticket.id }, s.seller.token);
    expect(data.ticket).toBeNull();
  });
});
