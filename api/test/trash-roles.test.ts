// Who finds what in the trash, and who may take it out, role by role (contract: restoreTicket is for managers
// and admins). A requester finds the requests they deleted themselves, to see where they went, with no action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewerOf } from '../src/domain/viewer.ts';
import { seesInTrash } from '../src/domain/workflow.ts';
import { factsOf, TICKET_WITH_COLLABORATORS } from '../src/services/ticket-rows.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import {
  createTicket,
  DEMO_PEOPLE,
  type DemoPerson,
  rawId,
  type Sessions,
  signInEveryone,
  ticketAt,
  ticketMutation,
  ticketMutationOk,
} from './support/tickets.ts';

let t: TestApp;
let s: Sessions;
/** Marketing: the marketer's own delete, the marketer's request deleted by their manager, work in progress deleted by that manager. */
let ownDelete: string;
let managersDelete: string;
let inProgressDelete: string;
/** Sales: the seller's own delete. */
let salesDelete: string;

/** The global id of a new ticket (the helpers answer loosely typed JSON). */
const createdId = async (...args: Parameters<typeof createTicket>): Promise<string> => String((await createTicket(...args)).id);
const ticketAtId = async (...args: Parameters<typeof ticketAt>): Promise<string> => String((await ticketAt(...args)).id);
const DELETE = (id: string, token: string) => ticketMutationOk(t, 'deleteTicket', 'DeleteTicketInput', { id }, token);
const restore = (id: string, token: string) => ticketMutation(t, 'restoreTicket', 'TicketActionInput', { id }, token);

type TrashRow = { id: string; availableActions: string[] };
async function trashOf(person: DemoPerson): Promise<TrashRow[]> {
  const data = await t.ok<{ trash: { totalCount: number; nodes: TrashRow[] } }>(
    `{ trash(first: 100) { totalCount nodes { id availableActions } } }`,
    {},
    s[person].token,
  );
  expect(data.trash.totalCount).toBe(data.trash.nodes.length);
  return data.trash.nodes;
}
const idsOf = (rows: TrashRow[]) => rows.map((row) => row.id);

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
  ownDelete = await createdId(t, s.marketer.token, { title: 'Deleted by its requester' });
  await DELETE(ownDelete, s.marketer.token);
  managersDelete = await createdId(t, s.marketer.token, { title: 'Deleted by the manager' });
  await DELETE(managersDelete, s['marketing.manager'].token);
  inProgressDelete = await ticketAtId(t, s, 'IN_PROGRESS', { title: 'Deleted while in progress' });
  await DELETE(inProgressDelete, s['marketing.manager'].token);
  salesDelete = await createdId(t, s.seller.token, { title: 'Deleted by the seller' });
  await DELETE(salesDelete, s.seller.token);
});
afterAll(() => t.close());

describe('restoreTicket by role', () => {
  it('refuses a member their own delete (managers and admins restore), and someone else’s, with FORBIDDEN', async () => {
    const own = await restore(ownDelete, s.marketer.token);
    expect(errorCodes(own)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await restore(salesDelete, s.marketer.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await restore(managersDelete, s.marketer.token))).toEqual(['FORBIDDEN']);
    const row = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ownDelete) } });
    expect(row.deletedAt).not.toBeNull();
  });

  it('refuses a manager without authority, and lets the manager with authority and an admin restore', async () => {
    expect(errorCodes(await restore(ownDelete, s['sales.manager'].token))).toEqual(['FORBIDDEN']);
    // Creative has no authority over a request that never reached it.
    expect(errorCodes(await restore(ownDelete, s['creative.manager'].token))).toEqual(['FORBIDDEN']);
    const back = await ticketMutationOk(t, 'restoreTicket', 'TicketActionInput', { id: ownDelete }, s['marketing.manager'].token);
    expect(back.id).toBe(ownDelete);
    await DELETE(ownDelete, s.marketer.token);
    await ticketMutationOk(t, 'restoreTicket', 'TicketActionInput', { id: salesDelete }, s.admin.token);
    await DELETE(salesDelete, s.seller.token);
  });
});

describe('trash by role', () => {
  it('lists a member the requests they deleted themselves, offering no action, and nothing of anyone else', async () => {
    const marketer = await trashOf('marketer');
    expect(marketer).toContainEqual({ id: ownDelete, availableActions: [] });
    expect(idsOf(marketer)).not.toContain(managersDelete);
    expect(idsOf(marketer)).not.toContain(salesDelete);
    // Another department's member: their own delete, nothing of Marketing's.
    const seller = await trashOf('seller');
    expect(idsOf(seller)).toContain(salesDelete);
    for (const id of [ownDelete, managersDelete, inProgressDelete]) expect(idsOf(seller)).not.toContain(id);
    // The assignee of the trashed work in progress finds nothing of it.
    expect(idsOf(await trashOf('designer'))).not.toContain(inProgressDelete);
  });

  it('lists a manager and an admin only what they may restore, each row offering RESTORE', async () => {
    const marketing = await trashOf('marketing.manager');
    expect(idsOf(marketing)).toEqual(expect.arrayContaining([ownDelete, managersDelete, inProgressDelete]));
    expect(idsOf(marketing)).not.toContain(salesDelete);
    const creative = await trashOf('creative.manager');
    expect(idsOf(creative)).toContain(inProgressDelete);
    expect(idsOf(creative)).not.toContain(ownDelete);
    for (const person of ['marketing.manager', 'sales.manager', 'creative.manager'] as const) {
      for (const row of await trashOf(person)) expect(row.availableActions, person).toEqual(['RESTORE']);
    }
    for (const row of await trashOf('admin')) expect(row.availableActions).toEqual(['RESTORE', 'PURGE']);
  });

  it('answers, for every person, exactly the trashed tickets the domain rule shows them', async () => {
    const rows = await t.db.prisma.ticket.findMany({ where: { deletedAt: { not: null } }, include: TICKET_WITH_COLLABORATORS });
    for (const person of DEMO_PEOPLE) {
      const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username: person }, include: { department: true } });
      const expected = rows.filter((row) => seesInTrash(viewerOf(user), factsOf(row), row.deletedById)).map((row) => row.id);
      expect(
        idsOf(await trashOf(person))
          .map(rawId)
          .sort(),
        person,
      ).toEqual(expected.sort());
    }
  });
});
