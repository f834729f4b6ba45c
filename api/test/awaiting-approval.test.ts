// Who sees which tickets waiting for their decision (tickets(filter: { awaitingMyApproval })), and the dashboard's
// count of them, for each role of the contract, on the lists' page statement and on Prisma's path alike. The
// expectations are written out from the contract's "Who may do what": a department manager approves their
// department's REQUESTED tickets, a Creative manager every PENDING_CREATIVE one (and, as the Creative
// department's manager, its REQUESTED ones), an admin both; members nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTicket, type DemoPerson, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';

/** Whether the tickets field may use the page statement: off, every page is Prisma's. */
const sqlPath = vi.hoisted(() => ({ on: true }));
vi.mock('../src/services/ticket-list-sql.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/services/ticket-list-sql.ts')>();
  return { ...actual, readTicketPage: (...args: Parameters<typeof actual.readTicketPage>) => (sqlPath.on ? actual.readTicketPage(...args) : null) };
});

const QUERY = `query ($awaiting: Boolean) {
  tickets(first: 100, filter: { awaitingMyApproval: $awaiting }, orderBy: { field: NUMBER, direction: ASC }) {
    totalCount
    nodes { title status availableActions }
  }
  dashboardStats { awaitingMyApproval total }
}`;

let t: TestApp;
let s: Sessions;
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ onQuery: (sql) => statements.push(sql) });
  s = await signInEveryone(t);
  await ticketAt(t, s, 'REQUESTED', { title: 'Marketing request A' });
  await ticketAt(t, s, 'REQUESTED', { title: 'Marketing request B' });
  await ticketAt(t, s, 'PENDING_CREATIVE', { title: 'Marketing at Creative' });
  await ticketAt(t, s, 'APPROVED', { title: 'Marketing approved' });
  await createTicket(t, s.seller.token, { title: 'Sales request' });
  // A Creative member's request skips the department step; an admin of no department files with Creative.
  await createTicket(t, s.designer.token, { title: 'Creative at Creative' });
  await createTicket(t, s.admin.token, { title: 'Creative department request' });
  // In the trash: waits for no one.
  const trashed = await createTicket(t, s.marketer.token, { title: 'Trashed request' });
  await ticketMutationOk(t, 'deleteTicket', 'DeleteTicketInput', { id: trashed.id }, s.marketer.token);
}, 120_000);

afterAll(() => t?.close());

const WAITING: Record<DemoPerson, string[]> = {
  marketer: [],
  seller: [],
  designer: [],
  designer2: [],
  'marketing.manager': ['Marketing request A', 'Marketing request B'],
  'sales.manager': ['Sales request'],
  'creative.manager': ['Marketing at Creative', 'Creative at Creative', 'Creative department request'],
  admin: ['Marketing request A', 'Marketing request B', 'Marketing at Creative', 'Sales request', 'Creative at Creative', 'Creative department request'],
};

const APPROVERS = new Set<DemoPerson>(['admin', 'creative.manager', 'marketing.manager', 'sales.manager']);

type Answer = {
  tickets: { totalCount: number; nodes: { title: string; status: string; availableActions: string[] }[] };
  dashboardStats: { awaitingMyApproval: number | null; total: number };
};

describe.each([
  ['the page statement', true],
  ['Prisma', false],
])('tickets waiting for my decision, through %s', (_path, useSql) => {
  it.each(Object.keys(WAITING) as DemoPerson[])('%s gets exactly the tickets they may approve and reject now', async (person) => {
    sqlPath.on = useSql;
    statements = [];
    const waiting = await t.ok<Answer>(QUERY, { awaiting: true }, s[person].token);
    expect(waiting.tickets.nodes.map((ticket) => ticket.title)).toEqual(WAITING[person]);
    expect(waiting.tickets.totalCount).toBe(WAITING[person].length);
    // Null for whoever approves nothing: the web hides the number without a rule of its own.
    expect(waiting.dashboardStats.awaitingMyApproval).toBe(APPROVERS.has(person) ? WAITING[person].length : null);
    for (const ticket of waiting.tickets.nodes) expect(ticket.availableActions).toEqual(expect.arrayContaining(['APPROVE', 'REJECT']));
    // The page came from the path under test: the hand-written statement reads "Ticket" as t, Prisma never does.
    const pageStatements = statements.filter((sql) => /FROM "Ticket" t\b/.test(sql) && /ORDER BY/.test(sql));
    expect(pageStatements.length > 0).toBe(useSql);

    // false is the rest of what the viewer reads: no ticket of theirs waits for them there.
    const rest = await t.ok<Answer>(QUERY, { awaiting: false }, s[person].token);
    expect(rest.tickets.nodes.filter((ticket) => WAITING[person].includes(ticket.title))).toEqual([]);
    expect(rest.tickets.totalCount + waiting.tickets.totalCount).toBe(rest.dashboardStats.total);
    for (const ticket of rest.tickets.nodes) expect(ticket.availableActions).not.toContain('APPROVE');
  });
});

describe('the count follows the decision', () => {
  it('approving a request moves it from the department manager to the Creative managers', async () => {
    sqlPath.on = true;
    const count = async (person: DemoPerson) =>
      (await t.ok<Answer>(QUERY, { awaiting: true }, s[person].token)).dashboardStats.awaitingMyApproval ?? Number.NaN;
    const before = { marketing: await count('marketing.manager'), creative: await count('creative.manager') };
    const ticket = await createTicket(t, s.marketer.token, { title: 'One more request' });
    expect(await count('marketing.manager')).toBe(before.marketing + 1);
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['marketing.manager'].token);
    expect(await count('marketing.manager')).toBe(before.marketing);
    expect(await count('creative.manager')).toBe(before.creative + 1);
  });
});
