import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.ts';
import { isOverdue } from '../../domain/ticket-access.ts';
import type { Viewer } from '../../domain/viewer.ts';
import { type AvailableTransition, availableActions, availableTransitions, viewerCanEdit } from '../../domain/workflow.ts';
import { canPreview, previewPath } from '../../services/previews.ts';
import {
  countTicketsSql,
  myTasksWhereSql,
  NEWEST_IMAGE,
  readTicketPage,
  selectedTicketFields,
  ticketsWhereSql,
  ticketTotalSql,
} from '../../services/ticket-list-sql.ts';
import type { TicketFilter } from '../../services/ticket-queries.ts';
import { MY_TASKS_ORDER, myTasksWhere, ticketsOrderBy, ticketsWhere } from '../../services/ticket-queries.ts';
import { FACTS_SELECTION, factsOf } from '../../services/ticket-rows.ts';
import { readTicketTree } from '../../services/ticket-tree-sql.ts';
import { readableTicketsWhere, trashedTicketsWhere, visibleTicketsSql, visibleTicketsWhere } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import {
  ComplexityEnum,
  CriteriaEnum,
  FileFormatEnum,
  OrderDirectionEnum,
  PriorityEnum,
  RequestTypeEnum,
  TicketActionEnum,
  TicketOrderFieldEnum,
  TicketStatusEnum,
} from './enums.ts';
import { UserRef } from './user.ts';

const AvailableTransitionRef = builder.objectRef<AvailableTransition>('AvailableTransition').implement({
  description: 'A status change the viewer may make: running `action` moves the ticket to `to`.',
  fields: (t) => ({
    action: t.expose('action', { type: TicketActionEnum }),
    to: t.expose('to', { type: TicketStatusEnum }),
  }),
});

const TicketThumbnailRef = builder.simpleObject('TicketThumbnail', {
  description: 'The newest image on a ticket (its latest deliverable), as the board card and the tickets list show it.',
  fields: (t) => ({
    url: t.string({ description: "The image's preview (Attachment.previewUrl): WebP inside 480 × 480 px, a signed link like Attachment.url." }),
    fileName: t.string({ description: 'The name it was uploaded with (for alt text).' }),
  }),
});

export const TicketRef = builder.prismaNode('Ticket', {
  id: { field: 'id' },
  // Include mode, not select mode: a ticket that arrives whole (a subscription event, a mutation's result)
  // must resolve its columns from the row it came with. In select mode every such field went back to the
  // database through the node's read-rule lookup, once per subscriber's viewer, and 5,000 subscribers
  // exhausted the pool (bench:fanout).
  nullable: true,
  // node(id:) and every refetch go through the read rule: an unreadable ticket is simply not there.
  // (Trash is filtered in node() itself, see builder.ts.)
  findUnique: (id, ctx) => ({ id, AND: ctx.viewer ? [readableTicketsWhere(ctx.viewer)] : [{ id: { in: [] } }] }),
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Human ticket number (#123).' }),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    status: t.expose('status', { type: TicketStatusEnum }),
    priority: t.expose('priority', { type: PriorityEnum }),
    dueDate: t.expose('dueDate', { type: 'DateTime', nullable: true }),
    isOverdue: t.boolean({
      description: 'dueDate is in the past and the ticket is not COMPLETED, CLOSED or REJECTED.',
      select: { dueDate: true, status: true },
      resolve: (ticket) => isOverdue(ticket, new Date()),
    }),
    version: t.exposeInt('version', { description: 'Increments on every change; pass it as expectedVersion to refuse stale writes.' }),
    requester: t.relation('requester'),
    department: t.relation('department'),
    assignee: t.relation('assignee', { nullable: true }),
    collaborators: t.field({
      type: [UserRef],
      description: 'Creative members working on the ticket besides the assignee.',
      select: (_args, _ctx, nestedSelection) => ({
        collaborators: { select: { user: nestedSelection(true) }, orderBy: { createdAt: 'asc' } },
      }),
      resolve: (ticket) => ticket.collaborators.map((collaborator) => collaborator.user),
    }),
    requestType: t.expose('requestType', { type: RequestTypeEnum }),
    fileFormat: t.expose('fileFormat', { type: FileFormatEnum, nullable: true }),
    criteria: t.expose('criteria', { type: CriteriaEnum, nullable: true }),
    quantity: t.exposeInt('quantity'),
    complexity: t.expose('complexity', { type: ComplexityEnum, nullable: true }),
    estimatedHours: t.exposeFloat('estimatedHours', { nullable: true }),
    actualHours: t.exposeFloat('actualHours', { nullable: true }),
    scheduledStart: t.expose('scheduledStart', { type: 'DateTime', nullable: true }),
    scheduledEnd: t.expose('scheduledEnd', { type: 'DateTime', nullable: true }),
    revisionCount: t.exposeInt('revisionCount'),
    productItems: t.relation('productItems'),
    rejectionReason: t.exposeString('rejectionReason', { nullable: true }),
    assignedAt: t.expose('assignedAt', { type: 'DateTime', nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true, description: 'Set while the ticket is in the trash.' }),
    deletedBy: t.relation('deletedBy', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    // With the relationJoins preview feature this is a correlated count per ticket of the page, served by the
    // Comment(ticketId, createdAt) index, inside the page's own statement. (Without it, Prisma 7 joined a count
    // of the whole Comment table: ≈470 ms at 300,000 comments, prisma/orm#23669.)
    commentCount: t.relationCount('comments'),
    thumbnail: t.field({
      type: TicketThumbnailRef,
      nullable: true,
      select: { attachments: NEWEST_IMAGE },
      resolve: async (ticket, _args, ctx) => {
        const [image] = ticket.attachments;
        if (!image || !canPreview(image.mimeType, image) || !ctx.viewer || !ctx.viewerSessionId) return null;
        const token = await ctx.services.attachments.signLink(image.id, { userId: ctx.viewer.id, sessionId: ctx.viewerSessionId });
        return { url: previewPath(image.id, token), fileName: image.fileName };
      },
    }),
    comments: t.relatedConnection('comments', {
      cursor: 'id',
      description: 'Top-level comments, oldest first; replies hang under each.',
      totalCount: true,
      query: () => ({ where: { parentId: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    }),
    attachments: t.relation('attachments', {
      description: 'Files on the ticket, every version of each (removed ones are left out), oldest first.',
      query: { where: { deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    history: t.relatedConnection('history', {
      cursor: 'id',
      description: 'Every change, newest first.',
      totalCount: true,
      query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    }),
    availableActions: t.field({
      type: [TicketActionEnum],
      description: 'What the viewer may do now, from the same workflow table the server enforces.',
      select: FACTS_SELECTION,
      resolve: (ticket, _args, ctx) => (ctx.viewer ? availableActions(factsOf(ticket), ctx.viewer) : []),
    }),
    availableTransitions: t.field({
      type: [AvailableTransitionRef],
      description:
        'The status changes the viewer may make now (each an action and the status it leads to), from the same workflow table: the moves a board may offer.',
      select: FACTS_SELECTION,
      resolve: (ticket, _args, ctx) => (ctx.viewer ? availableTransitions(factsOf(ticket), ctx.viewer) : []),
    }),
    viewerCanEdit: t.boolean({
      select: FACTS_SELECTION,
      resolve: (ticket, _args, ctx) => Boolean(ctx.viewer && viewerCanEdit(factsOf(ticket), ctx.viewer)),
    }),
  }),
});

export const ProductItemRef = builder.prismaObject('TicketProductItem', {
  fields: (t) => ({
    product: t.relation('product'),
    quantity: t.exposeInt('quantity'),
    criteria: t.expose('criteria', { type: CriteriaEnum, nullable: true }),
  }),
});

builder.queryField('ticket', (t) =>
  t.prismaField({
    type: TicketRef,
    nullable: true,
    args: { id: t.arg.globalID({ for: TicketRef, required: true }) },
    description: 'A ticket the viewer may read; null otherwise.',
    resolve: (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      // The page's tree in one statement when the query is a shape it knows (services/ticket-tree-sql.ts).
      const tree = readTicketTree(ctx.sql, { id: args.id.id, where: visibleTicketsSql(viewer, 't'), query });
      return (tree ?? ctx.prisma.ticket.findFirst({ ...query, where: { AND: [{ id: args.id.id }, visibleTicketsWhere(viewer)] } })) as ReturnType<
        typeof ctx.prisma.ticket.findFirst<typeof query>
      >;
    },
  }),
);

const TicketFilterInput = builder.inputType('TicketFilter', {
  fields: (t) => ({
    status: t.field({ type: [TicketStatusEnum] }),
    priority: t.field({ type: [PriorityEnum] }),
    requestType: t.field({ type: [RequestTypeEnum] }),
    departmentId: t.globalID({ for: DepartmentRef }),
    assigneeId: t.globalID({ for: UserRef }),
    requesterId: t.globalID({ for: UserRef }),
    collaboratorId: t.globalID({ for: UserRef }),
    overdue: t.boolean(),
    search: t.string({ description: 'Matches title or description (case-insensitive substring) or the ticket number (123 or #123).' }),
    dueBefore: t.field({ type: 'DateTime' }),
    dueAfter: t.field({ type: 'DateTime' }),
    awaitingMyApproval: t.boolean({
      description:
        "true: only the tickets waiting for the viewer's approval or rejection (at REQUESTED, a department manager's of their department; at PENDING_CREATIVE, a Creative manager's; an admin's both); false: every other ticket.",
    }),
  }),
});

const TicketOrderInput = builder.inputType('TicketOrder', {
  fields: (t) => ({
    field: t.field({ type: TicketOrderFieldEnum, required: true }),
    direction: t.field({ type: OrderDirectionEnum, required: true }),
  }),
});

function toFilter(filter: (typeof TicketFilterInput)['$inferInput'] | null | undefined): TicketFilter | null {
  if (!filter) return null;
  return {
    ...filter,
    departmentId: filter.departmentId?.id ?? null,
    assigneeId: filter.assigneeId?.id ?? null,
    requesterId: filter.requesterId?.id ?? null,
    collaboratorId: filter.collaboratorId?.id ?? null,
  };
}

/** Totals started beside their page (below), by the connection field's resolve info, which totalCount is handed too. */
const startedTotals = new WeakMap<GraphQLResolveInfo, Promise<number>>();

function ticketTotal(ctx: Context, viewer: Viewer, filter: TicketFilter | null, now: Date): Promise<number> {
  // What the dashboard's counters (TicketCounter) can answer, they answer: a count over a million rows is what
  // made the board's first page take a second. Anything else is one plain count(*).
  return ctx.sql.rows<{ count: number }>(ticketTotalSql(viewer, filter, now)).then(([row]) => row?.count ?? 0);
}

const asksForTotal = (info: GraphQLResolveInfo) =>
  info.fieldNodes.some((node) => node.selectionSet?.selections.some((selection) => selection.kind !== 'Field' || selection.name.value === 'totalCount'));

builder.queryField('tickets', (t) =>
  t.prismaConnection({
    type: TicketRef,
    cursor: 'id',
    description: 'Tickets the viewer may read (never trashed ones), filtered and ordered; newest first by default.',
    args: {
      filter: t.arg({ type: TicketFilterInput }),
      orderBy: t.arg({ type: TicketOrderInput }),
    },
    totalCount: (_connection, args, ctx, info) => startedTotals.get(info) ?? ticketTotal(ctx, requireViewer(ctx), toFilter(args.filter), new Date()),
    resolve: (query, _root, args, ctx, info) => {
      const viewer = requireViewer(ctx);
      const filter = toFilter(args.filter);
      const now = new Date();
      // The total runs beside the page, not after it.
      if (asksForTotal(info)) startedTotals.set(info, ticketTotal(ctx, viewer, filter, now));
      const orderBy = ticketsOrderBy(args.orderBy);
      const page = readTicketPage(ctx.sql, { where: ticketsWhereSql(viewer, filter, now), orderBy, query, fields: selectedTicketFields(info) });
      return (page ?? ctx.prisma.ticket.findMany({ ...query, where: ticketsWhere(viewer, filter, now), orderBy })) as ReturnType<
        typeof ctx.prisma.ticket.findMany<typeof query>
      >;
    },
  }),
);

builder.queryField('myTasks', (t) =>
  t.prismaConnection({
    type: TicketRef,
    cursor: 'id',
    description: 'Tickets assigned to the viewer or on which they collaborate: open work first, then by deadline.',
    args: {
      open: t.arg.boolean({ description: 'true: only work still to do; false: only COMPLETED, CLOSED and REJECTED; omitted: both.' }),
    },
    totalCount: (_connection, args, ctx) =>
      ctx.sql.rows<{ count: number }>(countTicketsSql(myTasksWhereSql(requireViewer(ctx), args.open))).then(([row]) => row?.count ?? 0),
    resolve: (query, _root, args, ctx, info) => {
      const viewer = requireViewer(ctx);
      // The lists' page statement (services/ticket-list-sql.ts) when it answers the query, as for tickets.
      const page = readTicketPage(ctx.sql, { where: myTasksWhereSql(viewer, args.open), orderBy: MY_TASKS_ORDER, query, fields: selectedTicketFields(info) });
      return (page ?? ctx.prisma.ticket.findMany({ ...query, where: myTasksWhere(viewer, args.open), orderBy: MY_TASKS_ORDER })) as ReturnType<
        typeof ctx.prisma.ticket.findMany<typeof query>
      >;
    },
  }),
);

builder.queryField('trash', (t) =>
  t.prismaConnection({
    type: TicketRef,
    cursor: 'id',
    description:
      "Trashed tickets the viewer may restore (managers with authority) or purge (admins), and the requests the viewer deleted themselves (to see where they went: restoring stays with managers and admins; each row's availableActions says what the viewer may do); newest deletion first.",
    totalCount: (_connection, _args, ctx) => ctx.prisma.ticket.count({ where: trashedTicketsWhere(requireViewer(ctx)) }),
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.ticket.findMany({
        ...query,
        where: trashedTicketsWhere(requireViewer(ctx)),
        orderBy: [{ deletedAt: 'desc' }, { number: 'desc' }],
      }),
  }),
);
