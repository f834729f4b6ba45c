// Ticket.collaboratorIds is what the read rule filters on (services/ticket-visibility.ts); TicketCollaborator
// stays the source of truth and a database trigger keeps the column equal to it, whoever writes the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

let db: TestDatabase;
let ticketId: string;
let users: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  const { prisma } = db;
  const department = await prisma.department.create({ data: { name: 'Marketing' } });
  users = [];
  for (const name of ['requester', 'ann', 'bob', 'cid']) {
    const user = await prisma.user.create({
      data: { username: name, email: `${name}@example.test`, passwordHash: 'x', displayName: name, departmentId: department.id },
    });
    users.push(user.id);
  }
  const ticket = await prisma.ticket.create({ data: { title: 'Banner', requesterId: users[0] ?? '', departmentId: department.id } });
  ticketId = ticket.id;
});
afterAll(() => db.drop());

const collaboratorIds = async () => (await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { collaboratorIds: true } })).collaboratorIds;

describe('Ticket.collaboratorIds', () => {
  it('follows every insert and delete of a collaborator, through Prisma or raw SQL', async () => {
    const [, ann, bob, cid] = users as [string, string, string, string];
    expect(await collaboratorIds()).toEqual([]);

    await db.prisma.ticketCollaborator.createMany({
      data: [
        { ticketId, userId: bob },
        { ticketId, userId: ann },
      ],
    });
    expect((await collaboratorIds()).sort()).toEqual([ann, bob].sort());

    await db.prisma.$executeRawUnsafe('INSERT INTO "TicketCollaborator" ("ticketId", "userId") VALUES ($1::uuid, $2::uuid)', ticketId, cid);
    expect((await collaboratorIds()).sort()).toEqual([ann, bob, cid].sort());

    await db.prisma.ticketCollaborator.delete({ where: { ticketId_userId: { ticketId, userId: bob } } });
    expect((await collaboratorIds()).sort()).toEqual([ann, cid].sort());

    await db.prisma.ticketCollaborator.deleteMany({ where: { ticketId } });
    expect(await collaboratorIds()).toEqual([]);
  });

  it('lets the read rule find a ticket by collaborator, and forget it once they are removed', async () => {
    const [, ann] = users as [string, string];
    const readable = () => db.prisma.ticket.count({ where: { id: ticketId, collaboratorIds: { has: ann } } });
    await db.prisma.ticketCollaborator.create({ data: { ticketId, userId: ann } });
    expect(await readable()).toBe(1);
    await db.prisma.ticketCollaborator.delete({ where: { ticketId_userId: { ticketId, userId: ann } } });
    expect(await readable()).toBe(0);
  });

  it('does not stand in the way of purging a ticket with collaborators (cascade)', async () => {
    const [, ann] = users as [string, string];
    await db.prisma.ticketCollaborator.create({ data: { ticketId, userId: ann } });
    await db.prisma.ticket.delete({ where: { id: ticketId } });
    expect(await db.prisma.ticketCollaborator.count({ where: { ticketId } })).toBe(0);
  });
});
