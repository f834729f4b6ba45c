// The web client's own list documents (the board's seven columns, the tickets list, My Tasks and the dashboard's
// My Tasks card), read from the generated documents in web/src/gql, sent as an admin and as a member: each page is
// the lists' hand-written statement (services/ticket-list-sql.ts), the request costs the session check plus a
// page and a total per connection, and the data is what Prisma's path answers for the same request, collaborators
// (and their order), thumbnails and nulls included.
import { readFileSync } from 'node:fs';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isBackgroundStatement, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, rawId, type Sessions, signInEveryone, ticketAt } from './support/tickets.ts';

/** Whether the tickets and myTasks fields may use the page statement: off, every page is Prisma's. */
const sqlPath = vi.hoisted(() => ({ on: true }));
vi.mock('../src/services/ticket-list-sql.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/services/ticket-list-sql.ts')>();
  return { ...actual, readTicketPage: (...args: Parameters<typeof actual.readTicketPage>) => (sqlPath.on ? actual.readTicketPage(...args) : null) };
});

/** A document as codegen wrote it for the web client (web/src/gql/graphql.ts), fragments included. */
function webDocument(name: string): string {
  const text = readFileSync('web/src/gql/graphql.ts', 'utf8');
  const json = new RegExp(`^export const ${name}Document = (.*) as unknown as DocumentNode<`, 'm').exec(text)?.[1];
  if (!json) throw new Error(`no ${name}Document in web/src/gql/graphql.ts`);
  return print(JSON.parse(json));
}

const COLUMNS = {
  requested: 'REQUESTED',
  pendingCreative: 'PENDING_CREATIVE',
  approved: 'APPROVED',
  inProgress: 'IN_PROGRESS',
  completed: 'COMPLETED',
  closed: 'CLOSED',
  rejected: 'REJECTED',
} as const;

/** Each document with the variables its page sends, and the statements it costs: the session check, then a page and a total per connection. */
const DOCUMENTS = [
  {
    name: 'Board',
    variables: {
      first: 25,
      order: { field: 'UPDATED_AT', direction: 'DESC' },
      ...Object.fromEntries(Object.entries(COLUMNS).map(([alias, status]) => [alias, { status: [status] }])),
    },
    statements: 1 + 7 * 2,
  },
  { name: 'TicketsList', variables: { first: 25 }, statements: 3 },
  { name: 'TicketsList', variables: { first: 3, orderBy: { field: 'NUMBER', direction: 'ASC' } }, statements: 3 },
  // `other` asks for its total only: no page.
  { name: 'MyTasksList', variables: { first: 25, open: true, otherSide: false }, statements: 1 + 1 + 2 },
  { name: 'MyTasksList', variables: { first: 25, open: false, otherSide: true }, statements: 1 + 1 + 2 },
  { name: 'MyTasks', variables: { first: 5 }, statements: 3 },
];

let t: TestApp;
let s: Sessions;
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ onQuery: (sql) => (isBackgroundStatement(sql) ? undefined : statements.push(sql)) });
  s = await signInEveryone(t);
  const { prisma } = t.db;
  for (const stage of ['REQUESTED', 'PENDING_CREATIVE', 'APPROVED', 'ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED'] as const) await ticketAt(t, s, stage);
  const shared = await ticketAt(t, s, 'IN_PROGRESS', { title: 'Shared reel' });
  const late = await ticketAt(t, s, 'ASSIGNED', { title: 'Late banner' });
  await createTicket(t, s.designer.token, { title: 'Creative internal reel' });
  // Collaborators added in an order unlike their ids, one of them on the admin's and the designer's own lists.
  const at = (minutes: number) => new Date(Date.now() - (60 - minutes) * 60_000);
  const people = await prisma.user.findMany({ where: { username: { in: ['designer2', 'admin', 'marketer'] } }, orderBy: { id: 'desc' } });
  for (const [index, person] of people.entries()) {
    await prisma.ticketCollaborator.create({ data: { ticketId: rawId(shared.id), userId: person.id, createdAt: at(index) } });
  }
  await prisma.ticketCollaborator.create({ data: { ticketId: rawId(late.id), userId: s.admin.id, createdAt: at(10) } });
  await prisma.ticket.update({ where: { id: rawId(late.id) }, data: { dueDate: at(0) } });
  // An image (the card's thumbnail) and a PDF (no thumbnail) on the shared ticket.
  for (const [index, mimeType] of ['image/png', 'application/pdf'].entries()) {
    await prisma.attachment.create({
      data: {
        ticketId: rawId(shared.id),
        uploaderId: s.designer.id,
        fileName: `file-${index}`,
        mimeType,
        size: 10,
        sha256: `sha-${index}`,
        storageKey: `key-${index}`,
        width: index ? null : 100,
        height: index ? null : 50,
        createdAt: at(20 + index),
      },
    });
  }
  const rejected = await createTicket(t, s.seller.token, { title: 'Sales flyer' });
  await t.ok(
    `mutation ($input: RejectTicketInput!) { rejectTicket(input: $input) { ticket { id } } }`,
    { input: { id: rejected.id, reason: 'Duplicate' } },
    s['sales.manager'].token,
  );
}, 120_000);

afterAll(() => t?.close());

/** A thumbnail's link is signed per request: its path, not its token, is the answer. */
const unsigned = (data: unknown) => JSON.parse(JSON.stringify(data).replace(/\?token=[^"]*/g, '?token=…'));

async function send(name: string, variables: Record<string, unknown>, token: string, sql: boolean) {
  sqlPath.on = sql;
  statements = [];
  const { data, errors } = await t.gql(webDocument(name), variables, token);
  expect(errors).toBeUndefined();
  return { data: unsigned(data), statements };
}

describe("the web's list documents", () => {
  for (const who of ['admin', 'designer'] as const) {
    for (const { name, variables, statements: expected } of DOCUMENTS) {
      it(`${name} ${JSON.stringify(variables).slice(0, 60)} as ${who}: hand-written pages, ${expected} statements, Prisma's data`, async () => {
        const ours = await send(name, variables, s[who].token, true);
        expect(ours.statements).toHaveLength(expected);
        // No statement of Prisma's client (it names tables with their schema): every page is the hand-written one.
        expect(ours.statements.filter((sql) => sql.includes('"public".'))).toEqual([]);
        const prisma = await send(name, variables, s[who].token, false);
        expect(prisma.statements.some((sql) => sql.includes('"public"."Ticket"'))).toBe(true);
        expect(ours.data).toEqual(prisma.data);
      });
    }
  }

  it('the documents read what the comparison is about: collaborators in order, a thumbnail, nulls', async () => {
    const { data } = await send('TicketsList', { first: 25 }, s.admin.token, true);
    type Node = { title: string; assignee: unknown; dueDate: unknown; collaborators: { displayName: string }[]; thumbnail: { fileName: string } | null };
    const nodes: Node[] = data.tickets.nodes;
    const shared = nodes.find((node) => node.title === 'Shared reel');
    const people = await t.db.prisma.user.findMany({ where: { username: { in: ['designer2', 'admin', 'marketer'] } }, orderBy: { id: 'desc' } });
    expect(shared?.collaborators.map((person) => person.displayName)).toEqual(people.map((person) => person.displayName));
    expect(shared?.thumbnail?.fileName).toBe('file-0');
    expect(nodes.some((node) => node.assignee === null && node.dueDate === null && node.thumbnail === null && node.collaborators.length === 0)).toBe(true);
    const tasks = await send('MyTasksList', { first: 25, open: true, otherSide: false }, s.admin.token, true);
    expect(tasks.data.myTasks.nodes.map((node: Node) => node.title).sort()).toEqual(['Late banner', 'Shared reel']);
  });
});
