// The ticket lists' hand-written SQL (ticket-list-sql.ts) against the Prisma form it replaces on the hot path
// (ticket-queries.ts): for every kind of viewer, every filter, every order and direction, first pages and pages
// after a cursor, the same rows in the same order with the same relations and comment counts, and the same
// totals. The data set is fixed and varied: trashed tickets, missing assignees and due dates, collaborators,
// equal creation times (the order's tie-break), titles with LIKE's wildcards, and attachments for the newest-image
// thumbnail (images and PDFs, removed ones, images uploaded at the same instant), collaborators for the people on a
// card; and the viewer's own work (myTasks) with its order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { seededRandom as random } from '../../test/support/random.ts';
import type { Priority } from '../domain/creative-request.ts';
import { TICKET_STATUSES } from '../domain/ticket-access.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import type { TicketOrderField } from '../domain/vocabulary.ts';
import {
  countFromCountersSql,
  countTicketsSql,
  myTasksWhereSql,
  NEWEST_IMAGE,
  readTicketPage,
  type TicketOrderBy,
  ticketsWhereSql,
} from './ticket-list-sql.ts';
import { MY_TASKS_ORDER, myTasksWhere, type TicketFilter, type TicketOrder, ticketsOrderBy, ticketsWhere } from './ticket-queries.ts';

const DAY = 86_400_000;
const PRIORITIES: Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];

let db: TestDatabase;
let viewers: { label: string; viewer: Viewer }[];
let ids: { creative: string; marketing: string; designer: string; marketer: string };
const now = new Date();

beforeAll(async () => {
  db = await createTestDatabase();
  const { prisma } = db;
  const pick = random(23);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)] as T;
  const creative = await prisma.department.create({ data: { name: 'Creative', isCreative: true } });
  const marketing = await prisma.department.create({ data: { name: 'Marketing' } });
  const people = [
    { username: 'admin', role: 'ADMIN', departmentId: null },
    { username: 'creative.manager', role: 'MANAGER', departmentId: creative.id },
    { username: 'designer', role: 'MEMBER', departmentId: creative.id },
    { username: 'marketing.manager', role: 'MANAGER', departmentId: marketing.id },
    { username: 'marketer', role: 'MEMBER', departmentId: marketing.id },
  ] as const;
  await prisma.user.createMany({
    data: people.map((person) => ({
      ...person,
      email: `${person.username}@list.test`,
      passwordHash: 'x',
      displayName: `The ${person.username}`,
      approvedAt: now,
    })),
  });
  const users = await prisma.user.findMany({ include: { department: true }, orderBy: { username: 'asc' } });
  viewers = users.map((user) => ({ label: `${user.role} ${user.username}`, viewer: viewerOf(user) }));
  const byName = (username: string) => users.find((user) => user.username === username)?.id ?? '';
  ids = { creative: creative.id, marketing: marketing.id, designer: byName('designer'), marketer: byName('marketer') };
  const titles = ['Banner', 'Poster 50% off', 'Reel under_score', 'Shoot', 'Ad copy'];
  for (let i = 0; i < 160; i++) {
    const requester = choose(users);
    // Every fourth ticket shares its creation time with the one before: the number breaks the tie.
    const createdAt = new Date(Math.floor((now.getTime() - (i - (i % 4 === 0 ? 1 : 0)) * 3_600_000) / 1000) * 1000);
    const ticket = await prisma.ticket.create({
      data: {
        title: `${choose(titles)} ${i}`,
        description: pick() < 0.3 ? 'Needs the 50% off sticker' : '',
        status: choose(TICKET_STATUSES),
        priority: choose(PRIORITIES),
        requestType: choose(['SOCMED_POSTING', 'PHOTOSHOOT', 'ADS'] as const),
        requesterId: requester.id,
        departmentId: requester.departmentId ?? choose([creative.id, marketing.id]),
        assigneeId: pick() < 0.5 ? byName('designer') : null,
        reachedCreativeAt: pick() < 0.6 ? createdAt : null,
        dueDate: pick() < 0.7 ? new Date(now.getTime() + (pick() * 20 - 10) * DAY) : null,
        createdAt,
        deletedAt: pick() < 0.08 ? now : null,
        // None, or up to three people, added oldest first in an order unlike the users' ids.
        collaborators: pick() < 0.35 ? { create: collaboratorsOf(pick, users, createdAt) } : undefined,
      },
    });
    const comments = Math.floor(pick() * 4);
    for (let c = 0; c < comments; c++) await prisma.comment.create({ data: { ticketId: ticket.id, authorId: choose(users).id, body: `c${c}` } });
    const files = Math.floor(pick() * 4);
    for (let f = 0; f < files; f++) {
      const mimeType = choose(['image/png', 'image/jpeg', 'image/webp', 'application/pdf']);
      const image = mimeType.startsWith('image/');
      await prisma.attachment.create({
        data: {
          ticketId: ticket.id,
          uploaderId: choose(users).id,
          fileName: `file-${f}`,
          mimeType,
          size: 10,
          sha256: `${i}-${f}`,
          storageKey: `${i}-${f}`,
          width: image ? 100 : null,
          height: image ? 50 : null,
          deletedAt: pick() < 0.2 ? now : null,
          // Every other file of a ticket shares its upload instant with the one before: the id breaks the tie.
          createdAt: new Date(createdAt.getTime() + Math.floor(f / 2) * 1000),
        },
      });
    }
  }
}, 240_000);

afterAll(async () => {
  await db?.drop();
});

function collaboratorsOf(pick: () => number, users: { id: string }[], createdAt: Date) {
  const chosen = users.filter(() => pick() < 0.4).slice(0, 3);
  return chosen.reverse().map((user, index) => ({ userId: user.id, createdAt: new Date(createdAt.getTime() + (index + 1) * 60_000) }));
}

const FILTERS: { label: string; filter: () => TicketFilter | null }[] = [
  { label: 'none', filter: () => null },
  { label: 'status', filter: () => ({ status: ['REQUESTED', 'IN_PROGRESS'] }) },
  { label: 'priority and type', filter: () => ({ priority: ['HIGH', 'URGENT'], requestType: ['PHOTOSHOOT'] }) },
  { label: 'department', filter: () => ({ departmentId: ids.marketing }) },
  { label: 'assignee', filter: () => ({ assigneeId: ids.designer }) },
  { label: 'requester', filter: () => ({ requesterId: ids.marketer }) },
  { label: 'collaborator', filter: () => ({ collaboratorId: ids.designer }) },
  { label: 'overdue', filter: () => ({ overdue: true }) },
  { label: 'not overdue', filter: () => ({ overdue: false }) },
  { label: 'due window', filter: () => ({ dueAfter: new Date(now.getTime() - 3 * DAY), dueBefore: new Date(now.getTime() + 3 * DAY) }) },
  { label: 'search words', filter: () => ({ search: 'poster' }) },
  { label: 'search wildcard', filter: () => ({ search: '50%' }) },
  { label: 'search underscore', filter: () => ({ search: 'under_' }) },
  { label: 'search number', filter: () => ({ search: '#7' }) },
];

const ORDERS: (TicketOrder | null)[] = [
  null,
  ...(['CREATED_AT', 'UPDATED_AT', 'DUE_DATE', 'PRIORITY', 'NUMBER'] as TicketOrderField[]).flatMap((field) =>
    (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
  ),
];

const CARD_QUERY = {
  include: {
    requester: { select: { id: true, displayName: true } },
    assignee: { select: { id: true, displayName: true } },
    department: true,
    _count: { select: { comments: true } },
    attachments: NEWEST_IMAGE,
    // As Pothos asks for Ticket.collaborators { id displayName }.
    collaborators: { orderBy: { createdAt: 'asc' }, select: { user: { select: { id: true, displayName: true } } } },
  },
} as const;
const CARD_FIELDS = new Set([
  'id',
  'number',
  'title',
  'status',
  'priority',
  'dueDate',
  'createdAt',
  'requester',
  'assignee',
  'department',
  'commentCount',
  'thumbnail',
  'collaborators',
]);

/** Prisma's answer, cut down to what the card reads (the SQL reads only those columns). */
function cardOf(row: Record<string, unknown>) {
  const { id, number, title, status, priority, dueDate, createdAt, requester, assignee, department, _count, attachments, collaborators } = row;
  return { id, number, title, status, priority, dueDate, createdAt, requester, assignee, department, _count, attachments, collaborators };
}

describe('ticket lists in SQL answer as the Prisma form does', () => {
  it('for every viewer, filter and order: the first page, a page after a cursor, and the total', async () => {
    let compared = 0;
    for (const { label, viewer } of viewers) {
      for (const { label: filterLabel, filter: makeFilter } of FILTERS) {
        const filter = makeFilter();
        const where = ticketsWhere(viewer, filter, now);
        const [{ count }] = (await db.sql.rows<{ count: number }>(countTicketsSql(ticketsWhereSql(viewer, filter, now)))) as [{ count: number }];
        expect(count, `${label}, ${filterLabel}: total`).toBe(await db.prisma.ticket.count({ where }));
        // Every order on the unfiltered list; a few on each filter (filters and orders are independent clauses).
        const orders = filterLabel === 'none' ? ORDERS : ORDERS.filter((order) => !order || order.field === 'DUE_DATE' || order.field === 'PRIORITY');
        for (const order of orders) {
          const context = `${label}, ${filterLabel}, ${order ? `${order.field} ${order.direction}` : 'default order'}`;
          const expected = await db.prisma.ticket.findMany({ ...CARD_QUERY, take: 7, where, orderBy: ticketsOrderBy(order) });
          const orderBy = ticketsOrderBy(order);
          const page = readTicketPage(db.sql, { where: ticketsWhereSql(viewer, filter, now), orderBy, query: { ...CARD_QUERY, take: 7 }, fields: CARD_FIELDS });
          expect(page, context).not.toBeNull();
          expect((await page)?.map(cardOf), context).toEqual(expected.map(cardOf));
          compared += 1;
          const cursor = expected[3]?.id;
          if (!cursor) continue;
          const query = { ...CARD_QUERY, take: 5, skip: 1, cursor: { id: cursor } };
          const after = readTicketPage(db.sql, { where: ticketsWhereSql(viewer, filter, now), orderBy, query, fields: CARD_FIELDS });
          if (order?.field === 'DUE_DATE') {
            // A cursor on an order with nulls is left to Prisma.
            expect(after, context).toBeNull();
            continue;
          }
          const expectedAfter = await db.prisma.ticket.findMany({ ...query, where, orderBy: ticketsOrderBy(order) });
          expect((await after)?.map(cardOf), `${context}, after a cursor`).toEqual(expectedAfter.map(cardOf));
        }
      }
    }
    expect(compared).toBe(viewers.length * (ORDERS.length + (FILTERS.length - 1) * 5));
    // The thumbnails compared were not all empty: some tickets have an image, some none.
    const thumbnails = await db.prisma.ticket.findMany({ include: { attachments: NEWEST_IMAGE } });
    expect(thumbnails.some((ticket) => ticket.attachments.length === 1)).toBe(true);
    expect(thumbnails.some((ticket) => ticket.attachments.length === 0)).toBe(true);
    // Nor the collaborators: tickets with none, one and several.
    const shared = await db.prisma.ticket.findMany({ include: { _count: { select: { collaborators: true } } } });
    expect(new Set(shared.map((ticket) => Math.min(ticket._count.collaborators, 2)))).toEqual(new Set([0, 1, 2]));
  }, 240_000);

  it("myTasks for every viewer, open, done and both: Prisma's page, order and total", async () => {
    for (const { label, viewer } of viewers) {
      for (const open of [true, false, undefined]) {
        const context = `${label}, open ${open}`;
        const where = myTasksWhere(viewer, open);
        const expected = await db.prisma.ticket.findMany({ ...CARD_QUERY, take: 30, where, orderBy: MY_TASKS_ORDER });
        const page = readTicketPage(db.sql, {
          where: myTasksWhereSql(viewer, open),
          orderBy: MY_TASKS_ORDER,
          query: { ...CARD_QUERY, take: 30 },
          fields: CARD_FIELDS,
        });
        expect(page, context).not.toBeNull();
        expect((await page)?.map(cardOf), context).toEqual(expected.map(cardOf));
        const [{ count }] = (await db.sql.rows<{ count: number }>(countTicketsSql(myTasksWhereSql(viewer, open)))) as [{ count: number }];
        expect(count, context).toBe(await db.prisma.ticket.count({ where }));
        // The order has a nullable column (the due date): a cursor is Prisma's.
        const cursor = { ...CARD_QUERY, take: 5, skip: 1, cursor: { id: expected[0]?.id ?? '' } };
        expect(readTicketPage(db.sql, { where: myTasksWhereSql(viewer, open), orderBy: MY_TASKS_ORDER, query: cursor, fields: CARD_FIELDS })).toBeNull();
      }
    }
    const designer = viewers.find(({ viewer }) => viewer.id === ids.designer)?.viewer as Viewer;
    expect(await db.prisma.ticket.count({ where: myTasksWhere(designer, true) })).toBeGreaterThan(5);
  });

  it('totals filtered by status, priority and department come from the counters and equal a count', async () => {
    const keyed: (TicketFilter | null)[] = [
      null,
      { status: ['REQUESTED'] },
      { status: ['APPROVED', 'IN_PROGRESS'], priority: ['HIGH'] },
      { departmentId: ids.marketing },
      { departmentId: ids.creative, status: ['COMPLETED', 'CLOSED'], priority: ['LOW', 'URGENT'] },
    ];
    let fromCounters = 0;
    for (const { label, viewer } of viewers) {
      for (const filter of keyed) {
        const statement = countFromCountersSql(viewer, filter);
        if (viewer.role === 'MEMBER') {
          expect(statement, `${label}: a member reads no whole cell`).toBeNull();
          continue;
        }
        expect(statement, label).not.toBeNull();
        const [row] = await db.sql.rows<{ count: number }>(statement as NonNullable<typeof statement>);
        expect(row?.count, `${label}, ${JSON.stringify(filter)}`).toBe(await db.prisma.ticket.count({ where: ticketsWhere(viewer, filter, now) }));
        fromCounters += 1;
      }
    }
    expect(fromCounters).toBe(viewers.filter(({ viewer }) => viewer.role !== 'MEMBER').length * keyed.length);
    // Any other filter is counted from the tickets.
    expect(countFromCountersSql(viewers[0]?.viewer as Viewer, { status: ['REQUESTED'], search: 'banner' })).toBeNull();
    expect(countFromCountersSql(viewers[0]?.viewer as Viewer, { overdue: true })).toBeNull();
  });

  it('reads only the columns the request needs, and all of them for a field it does not know', async () => {
    const viewer = viewers[0]?.viewer as Viewer;
    const [card] =
      (await readTicketPage(db.sql, {
        where: ticketsWhereSql(viewer, null, now),
        orderBy: ticketsOrderBy(null),
        query: { take: 1 },
        fields: new Set(['title']),
      })) ?? [];
    expect(Object.keys(card ?? {}).sort()).toEqual(['id', 'number', 'title']);
    const [whole] =
      (await readTicketPage(db.sql, {
        where: ticketsWhereSql(viewer, null, now),
        orderBy: ticketsOrderBy(null),
        query: { take: 1 },
        fields: new Set(['somethingNew']),
      })) ?? [];
    const [prismaRow] = await db.prisma.ticket.findMany({ where: { id: whole?.id as string } });
    expect(whole).toEqual(prismaRow);
  });

  it('leaves to Prisma what one statement does not answer', () => {
    const viewer = viewers[0]?.viewer as Viewer;
    const where = ticketsWhereSql(viewer, null, now);
    const unanswered = [
      { include: { collaborators: { select: { user: true } } } },
      { include: { collaborators: { orderBy: { createdAt: 'desc' }, select: { user: { select: { id: true } } } } } },
      { include: { collaborators: { orderBy: { createdAt: 'asc' }, select: { user: { select: { createdAt: true } } } } } },
      { include: { collaborators: { orderBy: { createdAt: 'asc' }, select: { user: { select: { id: true } }, addedBy: true } } } },
      { include: { requester: { select: { department: true } } } },
      { include: { _count: { select: { history: true } } } },
      { include: { attachments: { where: { deletedAt: null } } } },
      { select: { id: true } },
      { take: -5 },
    ];
    for (const query of unanswered)
      expect(readTicketPage(db.sql, { where, orderBy: ticketsOrderBy(null), query, fields: CARD_FIELDS }), JSON.stringify(query)).toBeNull();
    // Orders it cannot write as one direction, or on a relation.
    for (const orderBy of [[{ status: 'asc' }, { number: 'desc' }], [{ requester: { displayName: 'asc' } }]] as TicketOrderBy[]) {
      expect(readTicketPage(db.sql, { where, orderBy, query: { take: 5 }, fields: CARD_FIELDS }), JSON.stringify(orderBy)).toBeNull();
    }
  });
});
