// The ticket page's hand-written statement (ticket-tree-sql.ts) against Prisma's findFirst it replaces: for the
// query objects Pothos builds for the ticket page's operations (the bench's TicketDetail and the web's
// TicketWorkspace, TicketComments, TicketHistory and TicketAttachments, captured from the `ticket` root field),
// for an admin, a member who may read the ticket and one who may not, the same tree: Dates where Prisma gives
// Dates, Json as values, the same keys. Queries it does not answer give null (Prisma answers them). Then the
// real app: each of those operations reads the ticket in one statement.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBackgroundStatement, startTestApp, type TestApp } from '../../test/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { signInEveryone, ticketAt } from '../../test/support/tickets.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import { readTicketTree } from './ticket-tree-sql.ts';
import { visibleTicketsSql, visibleTicketsWhere } from './ticket-visibility.ts';

const USER = { select: { id: true, username: true, displayName: true } };
const PERSON = { select: { id: true, displayName: true } };
const OLDEST_FIRST = [{ createdAt: 'asc' }, { id: 'asc' }];
const WORKSPACE = {
  requester: USER,
  department: { select: { id: true, name: true } },
  assignee: USER,
  collaborators: { orderBy: { createdAt: 'asc' }, select: { user: USER } },
  productItems: { include: { product: true } },
};
const COMMENTS = {
  where: { parentId: null },
  orderBy: OLDEST_FIRST,
  take: 41,
  skip: 0,
  include: { author: USER, replies: { orderBy: OLDEST_FIRST, include: { author: USER } } },
};
const ATTACHMENTS = {
  where: { deletedAt: null },
  orderBy: OLDEST_FIRST,
  include: {
    ticket: {
      select: { status: true, requesterId: true, departmentId: true, assigneeId: true, reachedCreativeAt: true, deletedAt: true, collaboratorIds: true },
    },
    uploader: PERSON,
  },
};
const HISTORY = { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 101, skip: 0, include: { actor: PERSON } };

/** What the `ticket` root field hands its resolver for each operation (logged from it, December 2026). */
const PAGE_QUERIES: Record<string, object> = {
  'bench TicketDetail': {
    include: {
      ...WORKSPACE,
      comments: COMMENTS,
      attachments: ATTACHMENTS,
      history: HISTORY,
      _count: { select: { comments: { where: { parentId: null } }, history: true } },
    },
  },
  TicketWorkspace: { include: WORKSPACE },
  TicketComments: { include: { comments: COMMENTS, _count: { select: { comments: { where: { parentId: null } } } } } },
  TicketHistory: { include: { history: HISTORY, _count: { select: { history: true } } } },
  TicketAttachments: { include: { attachments: ATTACHMENTS } },
};

/** Other shapes it answers: whole relations, select mode, later pages by skip, a bare ticket. */
const OTHER_QUERIES: Record<string, object> = {
  'bare ticket': {},
  'whole relations': { include: { requester: true, assignee: true, deletedBy: true, department: true, collaborators: true } },
  'select mode': { select: { id: true, title: true, dueDate: true, requester: PERSON, comments: { orderBy: OLDEST_FIRST, select: { body: true } } } },
  'second page': { include: { comments: { ...COMMENTS, take: 2, skip: 2 }, history: { ...HISTORY, take: 3, skip: 1 } } },
};

/** Shapes it leaves to Prisma. */
const UNKNOWN_QUERIES: Record<string, object> = {
  cursor: { include: { comments: { ...COMMENTS, cursor: { id: '00000000-0000-0000-0000-000000000000' } } } },
  'filter beyond equality': { include: { comments: { where: { body: { contains: 'a' } } } } },
  'count of everything': { include: { _count: true } },
  'BigInt column': { include: { activities: true } },
  'page without an order': { include: { comments: { take: 2 } } },
  'a where of its own': { where: { id: 'x' } },
  'negative take': { include: { history: { ...HISTORY, take: -3 } } },
};

let db: TestDatabase;
let ticketId: string;
let viewers: Record<'admin' | 'requester' | 'outsider', Viewer>;
let trashedId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const { prisma } = db;
  const creative = await prisma.department.create({ data: { name: 'Creative', isCreative: true } });
  const marketing = await prisma.department.create({ data: { name: 'Marketing' } });
  const user = (username: string, role: 'ADMIN' | 'MEMBER', departmentId: string | null) =>
    prisma.user.create({
      data: { username, role, departmentId, email: `${username}@tree.test`, passwordHash: 'x', displayName: `The ${username}`, approvedAt: new Date() },
      include: { department: true },
    });
  const admin = await user('admin', 'ADMIN', null);
  const requester = await user('marketer', 'MEMBER', marketing.id);
  const designer = await user('designer', 'MEMBER', creative.id);
  const outsider = await user('outsider', 'MEMBER', marketing.id);
  viewers = { admin: viewerOf(admin), requester: viewerOf(requester), outsider: viewerOf(outsider) };

  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 9, minutes, 0, 125));
  const ticket = await prisma.ticket.create({
    data: {
      title: 'Spring banner',
      description: 'Hero banner',
      status: 'IN_PROGRESS',
      priority: 'HIGH',
      requesterId: requester.id,
      departmentId: marketing.id,
      assigneeId: designer.id,
      fileFormat: 'GIF',
      estimatedHours: 2.75,
      scheduledStart: at(1),
      dueDate: at(500),
      reachedCreativeAt: at(2),
      createdAt: at(0),
    },
  });
  ticketId = ticket.id;
  await prisma.ticketCollaborator.create({ data: { ticketId, userId: admin.id, createdAt: at(3) } });
  await prisma.ticketCollaborator.create({ data: { ticketId, userId: outsider.id, addedById: admin.id, createdAt: at(4) } });
  await prisma.ticketCollaborator.delete({ where: { ticketId_userId: { ticketId, userId: outsider.id } } });
  await prisma.ticketCollaborator.create({ data: { ticketId, userId: designer.id, addedById: admin.id, createdAt: at(5) } });
  const poster = await prisma.product.create({ data: { name: 'Poster' } });
  const reel = await prisma.product.create({ data: { name: 'Reel', category: 'GENERAL', isActive: false } });
  await prisma.ticketProductItem.create({ data: { ticketId, productId: poster.id, quantity: 3, criteria: 'IMAGE' } });
  await prisma.ticketProductItem.create({ data: { ticketId, productId: reel.id, quantity: 1 } });

  const people = [requester, designer, admin];
  for (let i = 0; i < 5; i++) {
    // Two comments share a creation time: the id breaks the tie.
    const top = await prisma.comment.create({ data: { ticketId, authorId: people[i % 3]!.id, body: `comment ${i}`, createdAt: at(10 + Math.min(i, 3)) } });
    for (let r = 0; r < i % 3; r++) {
      await prisma.comment.create({ data: { ticketId, authorId: people[r]!.id, parentId: top.id, body: `reply ${i}.${r}`, createdAt: at(20 + i + r) } });
    }
  }
  for (let i = 0; i < 4; i++) {
    await prisma.attachment.create({
      data: {
        ticketId,
        uploaderId: people[i % 3]!.id,
        fileName: `banner-${i % 2}.png`,
        version: 1 + Math.floor(i / 2),
        mimeType: 'image/png',
        size: 1000 + i,
        sha256: `sha${i}`,
        storageKey: `key${i}`,
        width: i === 3 ? null : 1200,
        height: i === 3 ? null : 628,
        // The second is removed: the page leaves it out.
        deletedAt: i === 1 ? at(40) : null,
        createdAt: at(30 + i),
      },
    });
  }
  const actions = ['CREATED', 'APPROVED', 'ASSIGNED', 'STARTED', 'UPDATED', 'COLLABORATOR_ADDED'] as const;
  for (const [i, action] of actions.entries()) {
    await prisma.ticketHistory.create({
      data: {
        ticketId,
        actorId: i === 0 ? null : people[i % 3]!.id,
        action,
        fromStatus: i === 0 ? null : 'REQUESTED',
        toStatus: i === 4 ? null : 'APPROVED',
        changes:
          i === 4
            ? [
                { field: 'estimatedHours', from: 1.5, to: 2.75 },
                { field: 'title', from: 'Banner', to: 'Spring banner' },
              ]
            : [],
        snapshot: { title: 'Spring banner', dueDate: at(500).toISOString(), nested: { list: [1, null, true] } },
        reason: i === 2 ? 'Because' : null,
        version: i + 1,
        createdAt: at(50 + Math.min(i, 4)),
      },
    });
  }
  trashedId = (
    await prisma.ticket.create({
      data: { title: 'Trashed', requesterId: requester.id, departmentId: marketing.id, deletedAt: at(60), deletedById: admin.id },
    })
  ).id;
}, 240_000);

afterAll(async () => {
  await db?.drop();
});

type Detail = {
  dueDate: unknown;
  estimatedHours: unknown;
  _count: unknown;
  comments: { createdAt: unknown; replies: unknown[] }[];
  attachments: { ticket: { reachedCreativeAt: unknown } }[];
  history: { version: number; changes: unknown[] }[];
  collaborators: { user: { username: string } }[];
};

const prismaTree = (viewer: Viewer, id: string, query: object) =>
  db.prisma.ticket.findFirst({ ...query, where: { AND: [{ id }, visibleTicketsWhere(viewer)] } } as Parameters<typeof db.prisma.ticket.findFirst>[0]);

const sqlTree = (viewer: Viewer, id: string, query: object) => readTicketTree(db.sql, { id, where: visibleTicketsSql(viewer, 't'), query });

describe('the ticket tree in one statement', () => {
  for (const [label, query] of Object.entries({ ...PAGE_QUERIES, ...OTHER_QUERIES })) {
    it(`${label}: the same tree as Prisma's for the admin and the requester, none for an outsider`, async () => {
      for (const who of ['admin', 'requester', 'outsider'] as const) {
        const expected = await prismaTree(viewers[who], ticketId, query);
        const actual = await sqlTree(viewers[who], ticketId, query);
        expect(actual, who).toEqual(expected);
        expect(actual === null, who).toBe(who === 'outsider');
      }
    });
  }

  it('reads the detail with Dates, Json values and numbers where Prisma has them', async () => {
    const tree = (await sqlTree(viewers.admin, ticketId, PAGE_QUERIES['bench TicketDetail'] as object)) as unknown as Detail;
    expect(tree.dueDate).toBeInstanceOf(Date);
    expect(tree.comments[0]?.createdAt).toBeInstanceOf(Date);
    expect(tree.comments.some((comment) => comment.replies.length === 2)).toBe(true);
    expect(tree.attachments).toHaveLength(3);
    expect(tree.attachments[0]?.ticket.reachedCreativeAt).toBeInstanceOf(Date);
    expect(tree.history.find((entry) => entry.version === 5)?.changes[0]).toEqual({ field: 'estimatedHours', from: 1.5, to: 2.75 });
    expect(tree.estimatedHours).toBe(2.75);
    expect(tree._count).toEqual({ comments: 5, history: 6 });
    expect(tree.collaborators.map((collaborator) => collaborator.user.username)).toEqual(['admin', 'designer']);
  });

  it('reads no trashed ticket, and none that does not exist', async () => {
    for (const id of [trashedId, '00000000-0000-7000-8000-000000000000']) {
      expect(await sqlTree(viewers.admin, id, PAGE_QUERIES.TicketWorkspace as object)).toBeNull();
      expect(await prismaTree(viewers.admin, id, PAGE_QUERIES.TicketWorkspace as object)).toBeNull();
    }
  });

  for (const [label, query] of Object.entries(UNKNOWN_QUERIES)) {
    it(`leaves ${label} to Prisma`, () => {
      expect(sqlTree(viewers.admin, ticketId, query)).toBeNull();
    });
  }

  it('leaves an id that is not a UUID to Prisma', () => {
    expect(sqlTree(viewers.admin, 'not-a-uuid', {})).toBeNull();
  });

  it('joins on ids only: every relation of the schema references an id', () => {
    const schema = readFileSync('prisma/schema.prisma', 'utf8');
    const references = [...schema.matchAll(/references:\s*\[([^\]]*)\]/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThan(10);
    expect(references.filter((fields) => fields !== 'id')).toEqual([]);
  });
});

/** An operation of a source file: the graphql(`...`) template named `name` with the fragments it spreads. */
function operationOf(file: string, name: string): string {
  const text = readFileSync(file, 'utf8');
  const documents = [...text.matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((match) => match[1] as string);
  const operation = documents.find((document) => document.includes(`query ${name}(`));
  if (!operation) throw new Error(`no query ${name} in ${file}`);
  const fragments = documents.filter((document) => /^\s*fragment (\w+)/.test(document) && operation.includes(`...${/fragment (\w+)/.exec(document)?.[1]}`));
  return [operation, ...fragments].join('\n');
}

describe('the ticket page through the app', () => {
  let t: TestApp;
  let statements = 0;
  beforeAll(async () => {
    t = await startTestApp({ onQuery: (sql) => (statements += isBackgroundStatement(sql) ? 0 : 1) });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("reads each of the page's operations in one statement beside the session check", async () => {
    const s = await signInEveryone(t);
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const detail = /const DETAIL_QUERY = `([\s\S]*?)`;/.exec(readFileSync('bench/detail.ts', 'utf8'))?.[1] as string;
    const operations = {
      'bench TicketDetail': [detail, { comments: 40, history: 100 }],
      TicketWorkspace: [operationOf('web/src/features/ticket/ticket.graphql.ts', 'TicketWorkspace'), {}],
      TicketComments: [operationOf('web/src/features/ticket/ticket.graphql.ts', 'TicketComments'), {}],
      TicketHistory: [operationOf('web/src/features/ticket/ticket.graphql.ts', 'TicketHistory'), {}],
      TicketAttachments: [operationOf('web/src/features/attachments/attachments.graphql.ts', 'TicketAttachments'), {}],
    } as const;
    for (const [label, [document, variables]] of Object.entries(operations)) {
      for (const who of ['admin', 'marketer'] as const) {
        statements = 0;
        const { data, errors } = await t.gql(document, { id: ticket.id, ...variables }, s[who].token);
        expect(errors, `${label} as ${who}`).toBeUndefined();
        expect(data?.ticket.id, `${label} as ${who}`).toBe(ticket.id);
        expect(statements, `${label} as ${who}`).toBe(2);
      }
    }
    statements = 0;
    expect((await t.ok(operations.TicketWorkspace[0], { id: ticket.id }, s.seller.token)).ticket).toBeNull();
    expect(statements).toBe(2);
  });
});
