// The dashboard's figures on a fixed, varied data set, for every kind of viewer (and scoped to a department),
// against an oracle computed in JavaScript from the rows with the domain's read rule: the SQL may take whatever
// shape is fastest (per-role read rule, one-pass weekly trend), the figures may not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import type { Priority } from '../domain/creative-request.ts';
import { canReadTicket, DONE_STATUSES, TICKET_STATUSES, type TicketStatus } from '../domain/ticket-access.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import { createStatsService, PRIORITIES } from './stats.ts';
import { visibleTicketsScanSql, visibleTicketsSql } from './ticket-visibility.ts';

const DAY = 86_400_000;
const TICKETS = 600;
const WEEKS = 6;

/** mulberry32: the same "random" data set on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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
    data: people.map((person) => ({ ...person, email: `${person.username}@stats.test`, passwordHash: 'x', displayName: person.username })),
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
  const tickets = await prisma.ticket.findMany({ include: { collaborators: true } });
  rows = tickets.map((ticket) => ({ ...ticket, collaboratorIds: ticket.collaborators.map((c) => c.userId) }));
}, 240_000);

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
    const stats = createStatsService(db.prisma);
    for (const { label, viewer } of viewers) {
      for (const departmentId of scopes()) {
        expect(await stats.dashboardCounts(viewer, departmentId), `${label} in ${departmentId ?? 'all departments'}`).toEqual(
          expectedCounts(readable(viewer, departmentId)),
        );
      }
    }
  });

  it('weekly trend: tickets created and completed per week, for every viewer, whole and per department', async () => {
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
        expect(trend, `${label} in ${departmentId ?? 'all departments'}`).toEqual(expected);
        if (departmentId === null)
          expect(
            trend.reduce((sum, week) => sum + week.created + week.completed, 0),
            label,
          ).toBeGreaterThan(0);
      }
    }
  });

  it('the read rule shaped for a scan selects the same tickets as the indexed shape, for every viewer', async () => {
    for (const { label, viewer } of viewers) {
      const ids = async (condition: Prisma.Sql) =>
        (await db.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT t.id FROM "Ticket" t WHERE ${condition} ORDER BY t.id`)).map((row) => row.id);
      const expected = readable(viewer, null)
        .map((row) => row.id)
        .sort();
      expect(await ids(visibleTicketsScanSql(viewer, 't')), label).toEqual(expected);
      expect(await ids(visibleTicketsSql(viewer, 't')), label).toEqual(expected);
    }
  });
});
