import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canReadTicket, DONE_STATUSES } from '../src/domain/ticket-access.ts';
import type { Viewer } from '../src/domain/viewer.ts';
import { factsOf, TICKET_WITH_COLLABORATORS } from '../src/services/ticket-rows.ts';
import { isBackgroundStatement, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, DEMO_PEOPLE, type DemoPerson, gid, rawId, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';

/** One page of `tickets { totalCount pageInfo { hasNextPage endCursor } nodes { id } }`. */
type TicketIdPage = { tickets: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] } };

let t: TestApp;
let s: Sessions;
let statements = 0;

beforeAll(async () => {
  t = await startTestApp({ onQuery: (sql) => (statements += isBackgroundStatement(sql) ? 0 : 1) });
  s = await signInEveryone(t);
  // A spread of tickets across departments, statuses and people.
  await ticketAt(t, s, 'REQUESTED');
  await ticketAt(t, s, 'PENDING_CREATIVE');
  await ticketAt(t, s, 'IN_PROGRESS', { priority: 'URGENT' });
  await ticketAt(t, s, 'CLOSED', { priority: 'LOW' });
  const rejected = await createTicket(t, s.seller.token, { title: 'Sales flyer', priority: 'HIGH' });
  await ticketMutationOk(t, 'rejectTicket', 'RejectTicketInput', { id: rejected.id, reason: 'Duplicate' }, s['sales.manager'].token);
  await createTicket(t, s.designer.token, { title: 'Creative internal reel', requestType: 'VIDEOSHOOT', scheduledStart: inDays(2), scheduledEnd: inDays(3) });
  await createTicket(t, s['creative.manager'].token, { title: 'Brand refresh' });
  const trashed = await createTicket(t, s.seller.token, { title: 'Trashed by mistake' });
  await ticketMutationOk(t, 'deleteTicket', 'DeleteTicketInput', { id: trashed.id }, s.seller.token);
  const withCollaborator = await ticketAt(t, s, 'ASSIGNED', { title: 'Collaboration piece' });
  await ticketMutationOk(t, 'addCollaborator', 'CollaboratorInput', { id: withCollaborator.id, userId: s.designer2.globalId }, s['creative.manager'].token);
  // Overdue: an open ticket whose deadline passed.
  const late = await ticketAt(t, s, 'ASSIGNED', { title: 'Late banner' });
  await t.db.prisma.ticket.update({ where: { id: rawId(late.id) }, data: { dueDate: new Date(Date.now() - 3_600_000) } });
});
afterAll(() => t.close());

function inDays(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

async function viewerOf(person: DemoPerson): Promise<Viewer> {
  const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username: person }, include: { department: true } });
  return { id: user.id, username: user.username, role: user.role, departmentId: user.departmentId, inCreativeDepartment: user.department?.isCreative ?? false };
}

/** The ground truth: every ticket, judged by the domain's read rule in JavaScript. */
async function readableIds(person: DemoPerson): Promise<string[]> {
  const viewer = await viewerOf(person);
  const rows = await t.db.prisma.ticket.findMany({ include: TICKET_WITH_COLLABORATORS });
  return rows
    .filter((row) => !row.deletedAt && canReadTicket(viewer, factsOf(row)))
    .map((row) => row.id)
    .sort();
}

async function allTicketIds(token: string, filter: Record<string, unknown> = {}): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const page: TicketIdPage = await t.ok(
      `query ($after: String, $filter: TicketFilter) { tickets(first: 7, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
      { after, filter },
      token,
    );
    totalCount = page.tickets.totalCount;
    ids.push(...page.tickets.nodes.map((node) => rawId(node.id)));
    if (!page.tickets.pageInfo.hasNextPage) break;
    after = page.tickets.pageInfo.endCursor;
  }
  return { ids, totalCount };
}

describe('visibility', () => {
  it.each(DEMO_PEOPLE)('%s sees exactly the tickets the read rule allows, in tickets, totalCount and dashboardStats', async (person) => {
    const expected = await readableIds(person);
    const { ids, totalCount } = await allTicketIds(s[person].token);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected);
    expect(totalCount).toBe(expected.length);
    const stats = await t.ok(`{ dashboardStats { total byStatus { count } } }`, {}, s[person].token);
    expect(stats.dashboardStats.total).toBe(expected.length);
    expect(stats.dashboardStats.byStatus.reduce((sum: number, entry: { count: number }) => sum + entry.count, 0)).toBe(expected.length);
  });

  it('a member never sees a ticket they neither requested nor work on: ticket, node, myTasks, activityLog', async () => {
    const othersTicket = await createTicket(t, s.seller.token, { title: 'Secret sales plan' });
    const id = othersTicket.id;
    expect((await t.ok(`query ($id: ID!) { ticket(id: $id) { id } }`, { id }, s.marketer.token)).ticket).toBeNull();
    expect((await t.ok(`query ($id: ID!) { node(id: $id) { id } }`, { id }, s.marketer.token)).node).toBeNull();
    const search = await t.ok(`{ tickets(filter: { search: "Secret sales" }) { totalCount } }`, {}, s.marketer.token);
    expect(search.tickets.totalCount).toBe(0);
    const tasks = await t.ok(`{ myTasks(first: 100) { totalCount nodes { assignee { username } } } }`, {}, s.marketer.token);
    expect(tasks.myTasks.totalCount).toBe(0);
    const activity = await t.ok(`{ activityLog(first: 100) { totalCount nodes { actor { username } ticket { id } } } }`, {}, s.marketer.token);
    const readableByMarketer = await readableIds('marketer');
    for (const entry of activity.activityLog.nodes) {
      const own = entry.actor?.username === 'marketer';
      const readable = entry.ticket && readableByMarketer.includes(rawId(entry.ticket.id));
      expect(own || readable).toBeTruthy();
    }
    expect(activity.activityLog.nodes.some((entry: { ticket: { id: string } | null }) => entry.ticket?.id === id)).toBe(false);
    // The requester does see it.
    expect((await t.ok(`query ($id: ID!) { ticket(id: $id) { title } }`, { id }, s.seller.token)).ticket.title).toBe('Secret sales plan');
  });

  it('myTasks lists work assigned to or shared with the viewer, open work first', async () => {
    const tasks = await t.ok(`{ myTasks(first: 100) { totalCount nodes { status assignee { username } collaborators { username } } } }`, {}, s.designer2.token);
    expect(tasks.myTasks.totalCount).toBeGreaterThan(0);
    for (const node of tasks.myTasks.nodes) {
      const mine = node.assignee?.username === 'designer2' || node.collaborators.some((user: { username: string }) => user.username === 'designer2');
      expect(mine).toBe(true);
    }
    const designer = await t.ok(`{ myTasks(first: 100) { nodes { status } } }`, {}, s.designer.token);
    const statuses: string[] = designer.myTasks.nodes.map((node: { status: string }) => node.status);
    const firstDone = statuses.findIndex((status) => DONE_STATUSES.includes(status as never));
    if (firstDone >= 0) expect(statuses.slice(firstDone).every((status) => DONE_STATUSES.includes(status as never))).toBe(true);
  });
});

describe('filters, search and order', () => {
  it('filters by status and priority, and searches title, description and number', async () => {
    const byStatus = await t.ok(`{ tickets(filter: { status: [REJECTED] }) { nodes { status } } }`, {}, s.admin.token);
    expect(byStatus.tickets.nodes.length).toBeGreaterThan(0);
    expect(byStatus.tickets.nodes.every((node: { status: string }) => node.status === 'REJECTED')).toBe(true);
    const urgent = await t.ok(`{ tickets(filter: { priority: [URGENT] }) { nodes { priority } } }`, {}, s.admin.token);
    expect(urgent.tickets.nodes.every((node: { priority: string }) => node.priority === 'URGENT')).toBe(true);

    const created = await createTicket(t, s.marketer.token, { title: 'Quarterly Lookbook', description: 'Pastel palette, ZEBRA motif' });
    for (const search of ['lookbook', 'zebra', String(created.number), `#${created.number}`]) {
      const found = await t.ok(`query ($search: String!) { tickets(filter: { search: $search }) { nodes { number } } }`, { search }, s.admin.token);
      expect(
        found.tickets.nodes.map((node: { number: number }) => node.number),
        search,
      ).toContain(created.number);
    }
    const none = await t.ok(`{ tickets(filter: { search: "no-such-thing-anywhere" }) { totalCount } }`, {}, s.admin.token);
    expect(none.tickets.totalCount).toBe(0);
  });

  it('overdue means a past due date on an open ticket', async () => {
    const overdue = await t.ok(`{ tickets(filter: { overdue: true }) { nodes { title isOverdue dueDate status } } }`, {}, s.admin.token);
    expect(overdue.tickets.nodes.map((node: { title: string }) => node.title)).toContain('Late banner');
    for (const node of overdue.tickets.nodes) {
      expect(node.isOverdue).toBe(true);
      expect(new Date(node.dueDate).getTime()).toBeLessThan(Date.now());
      expect(DONE_STATUSES).not.toContain(node.status);
    }
    const stats = await t.ok(`{ dashboardStats { overdue } }`, {}, s.admin.token);
    expect(stats.dashboardStats.overdue).toBe(overdue.tickets.nodes.length);
  });

  it('orders by priority and by number in both directions, with stable cursors', async () => {
    const asc = await t.ok(`{ tickets(first: 100, orderBy: { field: PRIORITY, direction: ASC }) { nodes { priority } } }`, {}, s.admin.token);
    const rank = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
    const ranks = asc.tickets.nodes.map((node: { priority: string }) => rank.indexOf(node.priority));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const numbersDesc = await t.ok(`{ tickets(first: 100, orderBy: { field: NUMBER, direction: DESC }) { nodes { number } } }`, {}, s.admin.token);
    const numbers = numbersDesc.tickets.nodes.map((node: { number: number }) => node.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it.each(['DUE_DATE', 'PRIORITY', 'UPDATED_AT'])('pages through every ticket exactly once when ordered by %s', async (field) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: TicketIdPage = await t.ok(
        `query ($after: String, $field: TicketOrderField!) { tickets(first: 4, after: $after, orderBy: { field: $field, direction: ASC }) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
        { after, field },
        s.admin.token,
      );
      seen.push(...page.tickets.nodes.map((node) => node.id));
      if (!page.tickets.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(page.tickets.totalCount);
        break;
      }
      after = page.tickets.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a page size outside 1–100', async () => {
    for (const first of [0, 101]) {
      const result = await t.gql(`query ($first: Int) { tickets(first: $first) { totalCount } }`, { first }, s.admin.token);
      expect(result.errors?.[0]?.extensions?.code, String(first)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('dashboard stats', () => {
  it('matches the tickets the viewer may read, card by card', async () => {
    for (const person of ['admin', 'marketing.manager', 'creative.manager', 'marketer'] as const) {
      const ids = new Set(await readableIds(person));
      const rows = (await t.db.prisma.ticket.findMany()).filter((row) => ids.has(row.id));
      const count = (test: (row: (typeof rows)[number]) => boolean) => rows.filter(test).length;
      const { dashboardStats } = await t.ok(
        `{ dashboardStats { total deptApproval creativeApproval approved inProgress completed rejected overdue
           byPriority { priority count } weeklyTrend(weeks: 4) { weekStart created completed } } }`,
        {},
        s[person].token,
      );
      expect(dashboardStats, person).toMatchObject({
        total: rows.length,
        deptApproval: count((row) => row.status === 'REQUESTED'),
        creativeApproval: count((row) => row.status === 'PENDING_CREATIVE'),
        approved: count((row) => row.status === 'APPROVED'),
        inProgress: count((row) => row.status === 'IN_PROGRESS'),
        completed: count((row) => row.status === 'COMPLETED' || row.status === 'CLOSED'),
        rejected: count((row) => row.status === 'REJECTED'),
        overdue: count((row) => row.dueDate !== null && row.dueDate.getTime() < Date.now() && !DONE_STATUSES.includes(row.status)),
      });
      const urgent = dashboardStats.byPriority.find((entry: { priority: string }) => entry.priority === 'URGENT');
      expect(urgent.count).toBe(count((row) => row.priority === 'URGENT'));
      expect(dashboardStats.weeklyTrend).toHaveLength(4);
      const since = new Date(dashboardStats.weeklyTrend[0].weekStart).getTime();
      const trendCreated = dashboardStats.weeklyTrend.reduce((sum: number, week: { created: number }) => sum + week.created, 0);
      expect(trendCreated).toBe(count((row) => row.createdAt.getTime() >= since));
    }
  });

  it('can be scoped to one department', async () => {
    const marketing = await t.db.prisma.department.findUniqueOrThrow({ where: { name: 'Marketing' } });
    const scoped = await t.ok(`query ($id: ID!) { dashboardStats(departmentId: $id) { total } }`, { id: gid('Department', marketing.id) }, s.admin.token);
    expect(scoped.dashboardStats.total).toBe(await t.db.prisma.ticket.count({ where: { departmentId: marketing.id, deletedAt: null } }));
  });
});

describe('no N+1', () => {
  it('tickets(first: 10) and tickets(first: 100) with requester, assignee, department and comment count cost the same few statements', async () => {
    const requester = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'marketer' } });
    const assignee = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'designer' } });
    const department = await t.db.prisma.department.findUniqueOrThrow({ where: { name: 'Marketing' } });
    await t.db.prisma.ticket.createMany({
      data: Array.from({ length: 110 }, (_, index) => ({
        title: `Bulk ticket ${index}`,
        requesterId: requester.id,
        assigneeId: index % 2 ? assignee.id : null,
        departmentId: department.id,
        status: 'IN_PROGRESS' as const,
        reachedCreativeAt: new Date(),
      })),
    });
    const query = `query ($first: Int!) { tickets(first: $first) { totalCount nodes {
      number title requester { username department { name } } assignee { username } department { name } commentCount availableActions } } }`;
    const measure = async (first: number) => {
      statements = 0;
      const data = await t.ok(query, { first }, s.admin.token);
      expect(data.tickets.nodes).toHaveLength(first);
      return statements;
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(10);
  });
});
