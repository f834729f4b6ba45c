// The dashboard's figures on a fixed, varied data set, for every kind of viewer (and scoped to a department),
// against an oracle computed in JavaScript from the rows with the domain's read rule: the SQL may take whatever
// shape is fastest (counters kept by triggers, index-only overdue, one-pass weekly trend), the figures may not
// change. Then every kind of change, through the ticket service and straight to the table, alone and concurrent:
// after each, every figure again, and the counters against a recount of the tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { seededRandom as random } from '../../test/support/random.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import type { Priority } from '../domain/creative-request.ts';
import { canReadTicket, DONE_STATUSES, TICKET_STATUSES, type TicketStatus } from '../domain/ticket-access.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import { createStatsService, PRIORITIES } from './stats.ts';
import { ticketTotalSql } from './ticket-list-sql.ts';
import { visibleTicketsSql } from './ticket-visibility.ts';
import { createTicketService } from './tickets.ts';

const DAY = 86_400_000;
const TICKETS = 600;
const WEEKS = 6;

type Row = {
  id: string;
  status: TicketStatus;
  priority: Priority;
  requesterId: string;
  departmentId: string;
  assigneeId: string | null;
  reachedCreativeAt: Date | null;
  dueDate: Date | null;
  createdAt: Date;
  completedAt: Date | null;
  deletedAt: Date | null;
  collaboratorIds: string[];
};

let db: TestDatabase;
let viewers: { label: string; viewer: Viewer }[];
let departments: { id: string; name: string }[];
let rows: Row[];
let now: Date;

beforeAll(async () => {
  db = await createTestDatabase();
  const { prisma } = db;
  const pick = random(11);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)] as T;

  const creative = await prisma.department.create({ data: { name: 'Creative', isCreative: true } });
  const marketing = await prisma.department.create({ data: { name: 'Marketing' } });
  const sales = await prisma.department.create({ data: { name: 'Sales' } });
  departments = [creative, marketing, sales];
  const people = [
    { username: 'admin', role: 'ADMIN', departmentId: null },
    { username: 'creative.manager', role: 'MANAGER', departmentId: creative.id },
    { username: 'designer', role: 'MEMBER', departmentId: creative.id },
    { username: 'designer2', role: 'MEMBER', departmentId: creative.id },
    { username: 'marketing.manager', role: 'MANAGER', departmentId: marketing.id },
    { username: 'marketer', role: 'MEMBER', departmentId: marketing.id },
    { username: 'seller', role: 'MEMBER', departmentId: sales.id },
  ] as const;
  await prisma.user.createMany({
    data: people.map((person) => ({
      ...person,
      email: `${person.username}@stats.test`,
      passwordHash: 'x',
      displayName: person.username,
      approvedAt: new Date(),
    })),
  });
  const users = await prisma.user.findMany({ include: { department: true }, orderBy: { username: 'asc' } });
  viewers = users.map((user) => ({ label: `${user.role} ${user.username}`, viewer: viewerOf(user) }));
  const makers = users.filter((user) => user.departmentId === creative.id && user.role === 'MEMBER');

  // Times relative to the database's clock, so "overdue" and the weekly buckets agree with its now().
  const [clock] = await prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  now = clock!.now;
  const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
  for (let i = 0; i < TICKETS; i++) {
    const requester = choose(users);
    const status = choose(TICKET_STATUSES);
    const createdAt = at(now.getTime() - pick() * 10 * 7 * DAY);
    const done = status === 'COMPLETED' || status === 'CLOSED';
    await prisma.ticket.create({
      data: {
        title: `Stats ticket ${i}`,
        status,
        priority: choose(PRIORITIES),
        requesterId: requester.id,
        departmentId: requester.departmentId ?? choose(departments).id,
        assigneeId: pick() < 0.5 ? choose(makers).id : null,
        reachedCreativeAt: status !== 'REQUESTED' && pick() < 0.9 ? createdAt : null,
        dueDate: pick() < 0.8 ? at(createdAt.getTime() + (pick() * 40 - 10) * DAY) : null,
        createdAt,
        completedAt: done ? at(Math.min(now.getTime(), createdAt.getTime() + pick() * 14 * DAY)) : null,
        deletedAt: pick() < 0.05 ? now : null,
        collaborators: pick() < 0.15 ? { create: [{ userId: choose(users).id }] } : undefined,
      },
    });
  }
  rows = await loadRows();
}, 240_000);

async function loadRows(): Promise<Row[]> {
  const tickets = await db.prisma.ticket.findMany({ include: { collaborators: true } });
  return tickets.map((ticket) => ({ ...ticket, collaboratorIds: ticket.collaborators.map((c) => c.userId) }));
}

afterAll(async () => {
  await db?.drop();
});

function readable(viewer: Viewer, departmentId: string | null): Row[] {
  return rows.filter(
    (row) =>
      row.deletedAt === null &&
      (departmentId === null || row.departmentId === departmentId) &&
      canReadTicket(viewer, { ...row, reachedCreative: row.reachedCreativeAt !== null, deleted: false }),
  );
}

function expectedCounts(tickets: Row[]) {
  const status = (value: TicketStatus) => tickets.filter((row) => row.status === value).length;
  return {
    total: tickets.length,
    deptApproval: status('REQUESTED'),
    creativeApproval: status('PENDING_CREATIVE'),
    approved: status('APPROVED'),
    inProgress: status('IN_PROGRESS'),
    completed: status('COMPLETED') + status('CLOSED'),
    rejected: status('REJECTED'),
    overdue: tickets.filter((row) => row.dueDate !== null && row.dueDate < now && !DONE_STATUSES.includes(row.status)).length,
    byStatus: TICKET_STATUSES.map((value) => ({ status: value, count: status(value) })),
    byPriority: PRIORITIES.map((priority) => ({ priority, count: tickets.filter((row) => row.priority === priority).length })),
  };
}

const scopes = () => [null, ...departments.map((department) => department.id)];

describe('dashboard figures on a fixed data set', () => {
  it('the data set has every kind of ticket for every viewer', () => {
    for (const { viewer } of viewers) expect(readable(viewer, null).length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.deletedAt).length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.collaboratorIds.length).length).toBeGreaterThan(0);
  });

  it('cards: every viewer, whole and per department, count exactly what the read rule lets them read', async () => {
    await expectCards('the fixed data set');
  });

  it('weekly trend: tickets created and completed per week, for every viewer, whole and per department', async () => {
    await expectTrend('the fixed data set');
    for (const { label, viewer } of viewers) {
      const trend = await createStatsService(db.prisma).weeklyTrend(viewer, WEEKS);
      expect(
        trend.reduce((sum, week) => sum + week.created + week.completed, 0),
        label,
      ).toBeGreaterThan(0);
    }
  });

  it('the read rule as SQL selects the tickets the domain rule reads, for every viewer', async () => {
    for (const { label, viewer } of viewers) {
      const ids = async (condition: Prisma.Sql) =>
        (await db.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT t.id FROM "Ticket" t WHERE ${condition} ORDER BY t.id`)).map((row) => row.id);
      const expected = readable(viewer, null)
        .map((row) => row.id)
        .sort();
      expect(await ids(visibleTicketsSql(viewer, 't')), label).toEqual(expected);
    }
  });

  it('the counters hold what a recount of the tickets gives', async () => {
    await expectCountersRecounted('the fixed data set');
  });

  it('the visible total (counter cells plus personal ties outside them) is count(*) over the read rule, for every viewer', async () => {
    // What would break a sum of cells plus a personal count: a manager's own tickets outside the cells they read
    // whole (counted once, by the personal part), inside them (counted once, by the cells), and trashed ones.
    for (const { label, viewer } of viewers.filter(({ viewer }) => viewer.role === 'MANAGER')) {
      const personal = rows.filter((row) => row.requesterId === viewer.id || row.assigneeId === viewer.id || row.collaboratorIds.includes(viewer.id));
      const inCells = (row: Row) => row.departmentId === viewer.departmentId || (viewer.inCreativeDepartment && row.reachedCreativeAt !== null);
      expect(personal.filter((row) => !row.deletedAt && !inCells(row)).length, `${label}: personal tickets outside the cells`).toBeGreaterThan(0);
      expect(personal.filter((row) => !row.deletedAt && inCells(row)).length, `${label}: personal tickets inside the cells`).toBeGreaterThan(0);
      expect(personal.filter((row) => row.deletedAt).length, `${label}: trashed personal tickets`).toBeGreaterThan(0);
    }
    await expectTotals('the fixed data set');
  });
});

/** The tickets list's unfiltered total (TicketCounter sums where they answer) against count(*) of visibleTicketsSql and the domain rule's oracle, for every viewer. */
async function expectTotals(step: string): Promise<void> {
  for (const { label, viewer } of viewers) {
    const [fromCounters] = await db.prisma.$queryRaw<{ count: number }[]>(ticketTotalSql(viewer, null));
    const [counted] = await db.prisma.$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*) AS n FROM "Ticket" t WHERE ${visibleTicketsSql(viewer, 't')}`);
    expect(fromCounters?.count, `${step}: ${label}, ticketTotalSql against count(*)`).toBe(Number(counted?.n));
    expect(fromCounters?.count, `${step}: ${label}, ticketTotalSql against the read rule`).toBe(readable(viewer, null).length);
  }
}

async function expectCards(step: string): Promise<void> {
  const stats = createStatsService(db.prisma);
  for (const { label, viewer } of viewers) {
    for (const departmentId of scopes()) {
      expect(await stats.dashboardCounts(viewer, departmentId), `${step}: ${label} in ${departmentId ?? 'all departments'}`).toEqual(
        expectedCounts(readable(viewer, departmentId)),
      );
    }
  }
}

async function expectTrend(step: string): Promise<void> {
  const stats = createStatsService(db.prisma);
  for (const { label, viewer } of viewers) {
    for (const departmentId of scopes()) {
      const trend = await stats.weeklyTrend(viewer, WEEKS, departmentId);
      expect(trend).toHaveLength(WEEKS);
      const tickets = readable(viewer, departmentId);
      const inWeek = (time: Date | null, weekStart: Date) =>
        time !== null && time.getTime() >= weekStart.getTime() && time.getTime() < weekStart.getTime() + 7 * DAY;
      const expected = trend.map(({ weekStart }) => ({
        weekStart,
        created: tickets.filter((row) => inWeek(row.createdAt, weekStart)).length,
        completed: tickets.filter((row) => inWeek(row.completedAt, weekStart)).length,
      }));
      expect(trend, `${step}: ${label} in ${departmentId ?? 'all departments'}`).toEqual(expected);
    }
  }
}

/** TicketCounter and TicketDayCounter (rows at zero left out) against the same sums recomputed from the tickets. */
async function expectCountersRecounted(step: string): Promise<void> {
  const counters = await db.prisma.$queryRaw<unknown[]>`
    SELECT "departmentId"::text, "reachedCreative", "status"::text, "priority"::text, "count"
    FROM "TicketCounter" WHERE "count" <> 0 ORDER BY 1, 2, 3, 4`;
  const recount = await db.prisma.$queryRaw<unknown[]>`
    SELECT "departmentId"::text, "reachedCreativeAt" IS NOT NULL AS "reachedCreative", "status"::text, "priority"::text, count(*)::int AS "count"
    FROM "Ticket" WHERE "deletedAt" IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
  expect(counters, `${step}: TicketCounter`).toEqual(recount);
  const days = await db.prisma.$queryRaw<unknown[]>`
    SELECT "day"::text, "departmentId"::text, "reachedCreative", "created", "completed"
    FROM "TicketDayCounter" WHERE "created" <> 0 OR "completed" <> 0 ORDER BY 1, 2, 3`;
  const recountDays = await db.prisma.$queryRaw<unknown[]>`
    SELECT "day"::text, "departmentId"::text, "reachedCreative", sum(created)::int AS "created", sum(completed)::int AS "completed"
    FROM (
      SELECT "createdAt"::date AS day, "departmentId", "reachedCreativeAt" IS NOT NULL AS "reachedCreative", 1 AS created, 0 AS completed
      FROM "Ticket" WHERE "deletedAt" IS NULL
      UNION ALL
      SELECT "completedAt"::date, "departmentId", "reachedCreativeAt" IS NOT NULL, 0, 1
      FROM "Ticket" WHERE "deletedAt" IS NULL AND "completedAt" IS NOT NULL
    ) AS events
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  expect(days, `${step}: TicketDayCounter`).toEqual(recountDays);
  const negative = await db.prisma.$queryRaw<{ n: bigint }[]>`
    SELECT (SELECT count(*) FROM "TicketCounter" WHERE "count" < 0) + (SELECT count(*) FROM "TicketDayCounter" WHERE "created" < 0 OR "completed" < 0) AS n`;
  expect(Number(negative[0]?.n), `${step}: no counter below zero`).toBe(0);
}

/** After a change: the counters recounted, and every figure for every viewer against the oracle on fresh rows. */
async function expectFiguresRight(step: string): Promise<void> {
  rows = await loadRows();
  const [clock] = await db.prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  now = clock?.now ?? now;
  await expectCountersRecounted(step);
  await expectCards(step);
  await expectTotals(step);
  await expectTrend(step);
}

describe('the figures stay right through every kind of change', () => {
  const tickets = () => createTicketService({ prisma: db.prisma, sink: () => {} });
  const who = (username: string): Viewer => {
    const found = viewers.find(({ viewer }) => viewer.username === username);
    if (!found) throw new Error(`no viewer ${username}`);
    return found.viewer;
  };
  const departmentNamed = (name: string): string => {
    const found = departments.find((department) => department.name === name);
    if (!found) throw new Error(`no department ${name}`);
    return found.id;
  };
  const latest = async (id: string) => ({ id, expectedVersion: (await db.prisma.ticket.findUniqueOrThrow({ where: { id } })).version });
  const created: Record<string, string> = {};

  it("creating: a Marketing request, a Creative member's (routed to Creative) and a Creative manager's (approved)", async () => {
    created.marketing = (await tickets().create(who('marketer'), { title: 'Counted banner', priority: 'HIGH' })).id;
    created.creative = (await tickets().create(who('designer'), { title: 'Counted post', priority: 'LOW' })).id;
    created.approved = (await tickets().create(who('creative.manager'), { title: 'Counted shoot', priority: 'URGENT' })).id;
    await expectFiguresRight('after create');
  });

  it('the workflow: approvals (into the Creative queue), assignment, start, completion, revision, confirmation, rejection', async () => {
    const id = created.marketing as string;
    await tickets().approve(who('marketing.manager'), await latest(id));
    await expectFiguresRight('after the department approval');
    await tickets().approve(who('creative.manager'), await latest(id));
    await tickets().assign(who('creative.manager'), { ...(await latest(id)), assigneeId: who('designer').id });
    await tickets().start(who('designer'), await latest(id));
    await expectFiguresRight('after assign and start');
    await tickets().complete(who('designer'), await latest(id));
    await expectFiguresRight('after completion');
    await tickets().requestRevision(who('marketer'), { ...(await latest(id)), reason: 'Bigger logo' });
    await expectFiguresRight('after a revision request');
    await tickets().complete(who('designer'), await latest(id));
    await tickets().confirm(who('marketer'), await latest(id));
    await tickets().reject(who('creative.manager'), { ...(await latest(created.creative as string)), reason: 'Out of scope' });
    await expectFiguresRight('after confirmation and rejection');
  });

  it('edits: priority through the service; department, due date and times straight to the table', async () => {
    await tickets().update(who('admin'), { ...(await latest(created.approved as string)), priority: 'LOW' });
    await db.prisma.ticket.update({ where: { id: created.marketing as string }, data: { departmentId: departmentNamed('Sales') } });
    await db.prisma.ticket.updateMany({
      where: { departmentId: departmentNamed('Marketing'), status: 'REQUESTED' },
      data: { departmentId: departmentNamed('Creative') },
    });
    // As the demo seed does when it moves its month to the present: every time at once.
    await db.prisma
      .$executeRaw`UPDATE "Ticket" SET "createdAt" = "createdAt" + interval '3 days', "completedAt" = "completedAt" + interval '3 days', "dueDate" = "dueDate" - interval '2 days'`;
    await expectFiguresRight('after edits');
  });

  it('an edit that moves no ticket between counters writes no counter row', async () => {
    const versions = () =>
      db.prisma.$queryRaw<
        unknown[]
      >`SELECT xmin::text, "day"::text FROM "TicketDayCounter" UNION ALL SELECT xmin::text, "status"::text FROM "TicketCounter" ORDER BY 1, 2`;
    const before = await versions();
    await tickets().update(who('admin'), { ...(await latest(created.approved as string)), title: 'Counted shoot, renamed' });
    await db.prisma.ticket.updateMany({ where: { status: 'REQUESTED' }, data: { description: 'touched' } });
    expect(await versions()).toEqual(before);
  });

  it('rollback to an earlier history entry', async () => {
    const id = created.marketing as string;
    const entry = await db.prisma.ticketHistory.findFirstOrThrow({ where: { ticketId: id, action: 'APPROVED' }, orderBy: { createdAt: 'asc' } });
    await tickets().rollback(who('admin'), { ...(await latest(id)), historyEntryId: entry.id, reason: 'Approved too early' });
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING_CREATIVE');
    await expectFiguresRight('after rollback');
  });

  it('trash, restore and purge', async () => {
    await tickets().softDelete(who('admin'), await latest(created.marketing as string));
    await tickets().softDelete(who('admin'), await latest(created.approved as string));
    await expectFiguresRight('after trashing');
    await tickets().restore(who('admin'), await latest(created.marketing as string));
    await expectFiguresRight('after restoring');
    await tickets().purge(who('admin'), { id: created.approved as string });
    const trashed = await db.prisma.ticket.findFirstOrThrow({ where: { deletedAt: { not: null } } });
    await db.prisma.ticket.delete({ where: { id: trashed.id } });
    await db.prisma.ticket.delete({ where: { id: created.creative as string } });
    await expectFiguresRight('after purging (a trashed ticket and one outside the trash)');
  });

  it('concurrent changes of many tickets, moving them between counters in every direction', async () => {
    const service = tickets();
    const fresh = await Promise.all(
      Array.from({ length: 12 }, (_, i) => service.create(who(i % 2 ? 'marketer' : 'seller'), { title: `Concurrent ${i}`, priority: PRIORITIES[i % 4] })),
    );
    const open = await db.prisma.ticket.findMany({ where: { status: 'IN_PROGRESS', deletedAt: null }, take: 6 });
    const managerOf = (id: string) => (fresh.find((ticket) => ticket.id === id)?.departmentId === departmentNamed('Marketing') ? 'marketing.manager' : 'admin');
    const results = await Promise.allSettled([
      ...fresh.slice(0, 6).map(async (ticket) => service.approve(who(managerOf(ticket.id)), await latest(ticket.id))),
      ...fresh.slice(6, 9).map(async (ticket) => service.softDelete(who('admin'), await latest(ticket.id))),
      ...fresh.slice(9).map(async (ticket) => service.update(who('admin'), { ...(await latest(ticket.id)), priority: 'URGENT' })),
      ...open.map((ticket) => db.prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'COMPLETED', completedAt: new Date(), priority: 'LOW' } })),
      db.prisma.ticket.updateMany({ where: { status: 'REJECTED', deletedAt: null }, data: { status: 'REQUESTED', reachedCreativeAt: null } }),
    ]);
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    await expectFiguresRight('after concurrent changes');
  });

  it('TRUNCATE empties the counters with the tickets', async () => {
    await db.prisma.$executeRawUnsafe('TRUNCATE "Ticket" CASCADE');
    await expectFiguresRight('after TRUNCATE');
    expect(await db.prisma.ticketCounter.count()).toBe(0);
  });
});
