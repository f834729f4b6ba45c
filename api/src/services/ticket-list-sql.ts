// The ticket lists' hot path in hand-written SQL: the filters and orders of services/ticket-queries.ts as SQL
// (tests hold the two to the same answers), and one statement for a page of tickets with the to-one relations a
// card shows (requester, assignee, department, deleted by) joined in and the comment count beside each row,
// reading only the columns the request asks for, the newest image when the card shows its thumbnail and the
// collaborators when it shows them. The read rule is services/ticket-visibility.ts's, as everywhere; myTasks, the
// viewer's own work, has its own filter (myTasksWhereSql) on the same page statement. It answers the Pothos query
// of a connection (services/ticket-queries.ts's Prisma form) when that query is one it knows; any other shape
// (other nested lists, a cursor on a nullable order) is left to Prisma.
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { getDatamodel } from '../db/generated/pothos-types.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import type { SqlReader } from '../db/sql-reader.ts';
import type { Viewer } from '../domain/viewer.ts';
import { DONE_STATUSES, statusArraySql } from '../domain/vocabulary.ts';
import { awaitingApprovalSql } from './approval-queue.ts';
import { PREVIEWABLE_MIME_TYPES } from './previews.ts';
import { escapeLike, type TicketFilter } from './ticket-queries.ts';
import { authorityCellsSql, type CellColumns, personalTicketsSql, ticketCellColumns, visibleTicketsSql } from './ticket-visibility.ts';

const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;
const NOT_DONE = Prisma.sql`t."status" <> ALL (${Prisma.raw(statusArraySql(DONE_STATUSES))})`;
const enumList = (values: readonly string[], type: string) => Prisma.join(values.map((value) => Prisma.sql`${value}::${Prisma.raw(`"${type}"`)}`));

/** services/ticket-queries.ts ticketsWhere as SQL over the alias t. */
export function ticketsWhereSql(viewer: Viewer, filter: TicketFilter | null | undefined, now = new Date()): Prisma.Sql {
  const and: Prisma.Sql[] = [visibleTicketsSql(viewer, 't')];
  if (filter?.status?.length) and.push(Prisma.sql`t."status" IN (${enumList(filter.status, 'TicketStatus')})`);
  if (filter?.priority?.length) and.push(Prisma.sql`t."priority" IN (${enumList(filter.priority, 'Priority')})`);
  if (filter?.requestType?.length) and.push(Prisma.sql`t."requestType" IN (${enumList(filter.requestType, 'RequestType')})`);
  if (filter?.departmentId) and.push(Prisma.sql`t."departmentId" = ${filter.departmentId}::uuid`);
  if (filter?.assigneeId) and.push(Prisma.sql`t."assigneeId" = ${filter.assigneeId}::uuid`);
  if (filter?.requesterId) and.push(Prisma.sql`t."requesterId" = ${filter.requesterId}::uuid`);
  if (filter?.collaboratorId) and.push(Prisma.sql`t."collaboratorIds" @> ARRAY[${filter.collaboratorId}::uuid]`);
  const overdue = Prisma.sql`(t."dueDate" < ${at(now)} AND ${NOT_DONE})`;
  if (filter?.overdue === true) and.push(overdue);
  // A ticket without a due date is not overdue (a bare NOT would drop it: NOT NULL is NULL).
  if (filter?.overdue === false) and.push(Prisma.sql`NOT coalesce(${overdue}, false)`);
  if (filter?.dueBefore) and.push(Prisma.sql`t."dueDate" < ${at(filter.dueBefore)}`);
  if (filter?.dueAfter) and.push(Prisma.sql`t."dueDate" > ${at(filter.dueAfter)}`);
  if (filter?.awaitingMyApproval === true) and.push(awaitingApprovalSql(viewer, 't'));
  if (filter?.awaitingMyApproval === false) and.push(Prisma.sql`NOT ${awaitingApprovalSql(viewer, 't')}`);
  const search = filter?.search?.trim();
  if (search) {
    const number = /^#?(\d{1,9})$/.exec(search)?.[1];
    const pattern = `%${escapeLike(search)}%`;
    and.push(
      Prisma.sql`(t."title" ILIKE ${pattern} OR t."description" ILIKE ${pattern}${number ? Prisma.sql` OR t."number" = ${Number(number)}::int` : Prisma.empty})`,
    );
  }
  return Prisma.join(and, ' AND ');
}

/** services/ticket-queries.ts myTasksWhere as SQL over the alias t: assigned to the viewer or shared with them. */
export function myTasksWhereSql(viewer: Viewer, open?: boolean | null): Prisma.Sql {
  const mine = Prisma.sql`t."deletedAt" IS NULL AND (t."assigneeId" = ${viewer.id}::uuid OR t."collaboratorIds" @> ARRAY[${viewer.id}::uuid])`;
  if (open === true) return Prisma.sql`${mine} AND ${NOT_DONE}`;
  if (open === false) return Prisma.sql`${mine} AND NOT ${NOT_DONE}`;
  return mine;
}

type OrderColumn = { column: string; nullable: boolean; nullsLast: boolean };
type PageOrder = { columns: OrderColumn[]; descending: boolean };
export type TicketOrderBy = Prisma.TicketOrderByWithRelationInput[];

/**
 * A list's Prisma orderBy (services/ticket-queries.ts ticketsOrderBy, MY_TASKS_ORDER) as columns, so the order is
 * written once; null for a shape a page statement does not answer (a relation, mixed directions).
 */
function orderColumns(orderBy: TicketOrderBy): PageOrder | null {
  const columns: OrderColumn[] = [];
  const directions = new Set<string>();
  for (const item of orderBy) {
    const entries = Object.entries(item);
    const [column, value] = entries[0] ?? [];
    if (entries.length !== 1 || !column || !TICKET_COLUMNS.has(column)) return null;
    const { sort, nulls } = typeof value === 'string' ? { sort: value, nulls: undefined } : (value as { sort?: unknown; nulls?: unknown });
    if ((sort !== 'asc' && sort !== 'desc') || (nulls !== undefined && nulls !== 'first' && nulls !== 'last')) return null;
    directions.add(sort);
    const nullable = !REQUIRED_TICKET_COLUMNS.has(column);
    // Without `nulls`, PostgreSQL's default: nulls sort as the largest value.
    columns.push({ column, nullable, nullsLast: nullable && (nulls ?? (sort === 'asc' ? 'last' : 'first')) === 'last' });
  }
  if (directions.size !== 1) return null;
  return { columns, descending: directions.has('desc') };
}

// --- the page ---------------------------------------------------------------------------------------------

const datamodel = getDatamodel().datamodel.models;
const scalarFields = (model: 'Ticket' | 'User' | 'Department') =>
  new Set((datamodel[model]?.fields ?? []).filter((field) => field.kind === 'scalar' || field.kind === 'enum').map((field) => field.name));
const TICKET_COLUMNS = scalarFields('Ticket');
const REQUIRED_TICKET_COLUMNS = new Set((datamodel.Ticket?.fields ?? []).filter((field) => field.isRequired).map((field) => field.name));
const USER_COLUMNS = scalarFields('User');
const DEPARTMENT_COLUMNS = scalarFields('Department');

/** The to-one relations a page joins in: the foreign key on Ticket and the model it leads to. */
const TO_ONE = {
  requester: { key: 'requesterId', table: 'User', columns: USER_COLUMNS, required: true },
  assignee: { key: 'assigneeId', table: 'User', columns: USER_COLUMNS, required: false },
  deletedBy: { key: 'deletedById', table: 'User', columns: USER_COLUMNS, required: false },
  department: { key: 'departmentId', table: 'Department', columns: DEPARTMENT_COLUMNS, required: true },
} as const;
type ToOneName = keyof typeof TO_ONE;

/**
 * Columns behind the Ticket fields that are not columns of their own (graphql/types/ticket.ts): the facts the
 * workflow table reads, a due date's status. A field in neither this nor the columns makes the page read all.
 */
const FACTS_COLUMNS = ['status', 'requesterId', 'departmentId', 'assigneeId', 'reachedCreativeAt', 'deletedAt', 'collaboratorIds'];
const DERIVED_FIELD_COLUMNS: Record<string, readonly string[]> = {
  __typename: [],
  commentCount: [],
  thumbnail: [],
  collaborators: [],
  isOverdue: ['dueDate', 'status'],
  availableActions: FACTS_COLUMNS,
  availableTransitions: FACTS_COLUMNS,
  viewerCanEdit: FACTS_COLUMNS,
  requester: ['requesterId'],
  assignee: ['assigneeId'],
  department: ['departmentId'],
  deletedBy: ['deletedById'],
};

/** The Ticket fields a connection's selection asks for (nodes and edges.node), fragments included; null: unknown. */
export function selectedTicketFields(info: GraphQLResolveInfo): Set<string> {
  const fields = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, depth: 'connection' | 'edge' | 'ticket') => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'InlineFragment') visit(selection.selectionSet, depth);
      else if (selection.kind === 'FragmentSpread') {
        const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
        visit(fragment?.selectionSet, depth);
      } else if (depth === 'ticket') fields.add(selection.name.value);
      else if (depth === 'connection' && selection.name.value === 'nodes') visit(selection.selectionSet, 'ticket');
      else if (depth === 'connection' && selection.name.value === 'edges') visit(selection.selectionSet, 'edge');
      else if (depth === 'edge' && selection.name.value === 'node') visit(selection.selectionSet, 'ticket');
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) visit(node.selectionSet, 'connection');
  return fields;
}

function ticketColumnsFor(fields: Set<string>): string[] {
  const columns = new Set(['id', 'number']);
  for (const field of fields) {
    if (TICKET_COLUMNS.has(field)) columns.add(field);
    else {
      const derived = DERIVED_FIELD_COLUMNS[field];
      if (!derived) return [...TICKET_COLUMNS];
      for (const column of derived) columns.add(column);
    }
  }
  return [...columns];
}

/** The part of a Pothos connection query (Prisma findMany arguments) a page statement can answer. */
type PageQuery = {
  take?: number;
  skip?: number;
  cursor?: { id?: string };
  include?: Record<string, unknown>;
  select?: unknown;
};

/**
 * Ticket.thumbnail's relation (graphql/types/ticket.ts): the newest image on the ticket a preview can be made of, the board
 * card and the tickets list show. Served by the Attachment(ticketId, createdAt) index, one short scan per row.
 */
export const NEWEST_IMAGE = {
  where: { deletedAt: null, previewFailed: false, mimeType: { in: [...PREVIEWABLE_MIME_TYPES] } },
  orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  take: 1,
  select: { id: true, fileName: true, mimeType: true, width: true, height: true },
} satisfies Prisma.Ticket$attachmentsArgs;
const NEWEST_IMAGE_JSON = JSON.stringify(NEWEST_IMAGE);

/**
 * Ticket.collaborators' relation (graphql/types/ticket.ts): the people working on the ticket, oldest first, with
 * the user columns the selection reads. Columns JSON gives back as Prisma does (no dates): anything else is Prisma's.
 */
const COLLABORATORS_ORDER = JSON.stringify({ createdAt: 'asc' });
const COLLABORATOR_COLUMNS = new Set(
  (datamodel.User?.fields ?? [])
    .filter((field) => field.kind === 'enum' || (field.kind === 'scalar' && ['String', 'Int', 'Boolean'].includes(field.type)))
    .map((field) => field.name),
);

function collaboratorColumnsOf(value: unknown): string[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const { orderBy, select, ...rest } = value as { orderBy?: unknown; select?: { user?: { select?: Record<string, unknown> } } };
  const user = select?.user;
  if (Object.keys(rest).length || JSON.stringify(orderBy) !== COLLABORATORS_ORDER || !select || Object.keys(select).length !== 1) return null;
  if (!user?.select || Object.keys(user).length !== 1) return null;
  const columns = Object.keys(user.select);
  return columns.length && columns.every((column) => user.select?.[column] === true && COLLABORATOR_COLUMNS.has(column)) ? columns : null;
}

type Plan = {
  relations: { name: ToOneName; columns: string[] }[];
  commentCount: boolean;
  newestImage: boolean;
  collaborators: string[] | null;
};

/** How to answer the query with one statement, or null when it asks for something only Prisma answers. */
function planOf(query: PageQuery): Plan | null {
  if (query.select !== undefined) return null;
  for (const key of Object.keys(query)) if (!['take', 'skip', 'cursor', 'include'].includes(key)) return null;
  const plan: Plan = { relations: [], commentCount: false, newestImage: false, collaborators: null };
  for (const [name, value] of Object.entries(query.include ?? {})) {
    if (name === '_count') {
      const counted = (value as { select?: Record<string, unknown> } | undefined)?.select;
      if (!counted || Object.keys(counted).length !== 1 || counted.comments !== true) return null;
      plan.commentCount = true;
      continue;
    }
    if (name === 'attachments') {
      if (JSON.stringify(value) !== NEWEST_IMAGE_JSON) return null;
      plan.newestImage = true;
      continue;
    }
    if (name === 'collaborators') {
      plan.collaborators = collaboratorColumnsOf(value);
      if (!plan.collaborators) return null;
      continue;
    }
    const relation = TO_ONE[name as ToOneName];
    if (!relation) return null;
    if (value === true) {
      plan.relations.push({ name: name as ToOneName, columns: [...relation.columns] });
      continue;
    }
    const select = (value as { select?: Record<string, unknown> } | undefined)?.select;
    const keys = Object.keys(value as object);
    if (!select || keys.length !== 1) return null;
    const columns = Object.keys(select);
    if (columns.some((column) => select[column] !== true || !relation.columns.has(column))) return null;
    plan.relations.push({ name: name as ToOneName, columns });
  }
  return plan;
}

const quoted = (name: string) => Prisma.raw(`"${name}"`);

export type TicketPage = { where: Prisma.Sql; orderBy: TicketOrderBy; query: PageQuery; fields: Set<string> };

/**
 * A page of tickets shaped as Prisma would return it for `query` (relations as nested objects, the comment
 * count as _count.comments), or null when the query is not one this statement answers.
 */
export function readTicketPage(sql: SqlReader, page: TicketPage): Promise<Record<string, unknown>[]> | null {
  const plan = planOf(page.query);
  const pageOrder = orderColumns(page.orderBy);
  const take = page.query.take ?? 50;
  const skip = page.query.skip ?? 0;
  const cursorId = page.query.cursor?.id;
  if (!plan || !pageOrder) return null;
  const { columns: order, descending } = pageOrder;
  // Backwards pages (negative take) and cursors on an order with nulls are Prisma's.
  if (take < 0 || (page.query.cursor && (!cursorId || order.some((column) => column.nullable)))) return null;

  const direction = Prisma.raw(descending ? 'DESC' : 'ASC');
  const orderBy = Prisma.join(
    order.map(
      ({ column, nullable, nullsLast }) =>
        Prisma.sql`t.${quoted(column)} ${direction}${nullable ? Prisma.raw(nullsLast ? ' NULLS LAST' : ' NULLS FIRST') : Prisma.empty}`,
    ),
  );
  // A cursor names the first row of the page (Prisma's meaning; skip 1 then steps over it): every row at or
  // after its place in the order, found from its own key.
  const afterCursor = cursorId
    ? Prisma.sql` AND (${Prisma.join(order.map(({ column }) => Prisma.sql`t.${quoted(column)}`))}) ${Prisma.raw(descending ? '<=' : '>=')} (SELECT ${Prisma.join(
        order.map(({ column }) => Prisma.sql`c.${quoted(column)}`),
      )} FROM "Ticket" c WHERE c."id" = ${cursorId}::uuid)`
    : Prisma.empty;

  const select: Prisma.Sql[] = ticketColumnsFor(page.fields).map((column) => Prisma.sql`t.${quoted(column)}`);
  const joins: Prisma.Sql[] = [];
  for (const [index, { name, columns }] of plan.relations.entries()) {
    const relation = TO_ONE[name];
    const alias = Prisma.raw(`r${index}`);
    // The key is always read: it tells a missing optional relation (null) from a row.
    select.push(Prisma.sql`t.${quoted(relation.key)}`);
    for (const column of columns) select.push(Prisma.sql`${alias}.${quoted(column)} AS ${quoted(`${name}.${column}`)}`);
    joins.push(Prisma.sql`LEFT JOIN ${quoted(relation.table)} ${alias} ON ${alias}."id" = t.${quoted(relation.key)}`);
  }
  if (plan.commentCount) select.push(Prisma.sql`(SELECT count(*)::int FROM "Comment" cc WHERE cc."ticketId" = t."id") AS "_count.comments"`);
  if (plan.newestImage) {
    // In the select list, like the count: run for the page's rows only, after the sort and the limit (as a
    // LATERAL join it ran for every matching ticket before the sort: 88 ms for 2,245 completed tickets).
    const fields = Object.keys(NEWEST_IMAGE.select).map((column) => Prisma.sql`${column}::text, a.${quoted(column)}`);
    select.push(Prisma.sql`(SELECT json_build_object(${Prisma.join(fields)}) FROM "Attachment" a
      WHERE a."ticketId" = t."id" AND a."deletedAt" IS NULL AND NOT a."previewFailed" AND a."mimeType" IN (${Prisma.join(NEWEST_IMAGE.where.mimeType.in)})
      ORDER BY a."createdAt" DESC, a."id" DESC LIMIT 1) AS "attachments"`);
  }
  if (plan.collaborators) {
    // Also in the select list, for the page's rows only; TicketCollaborator's key (ticketId, userId) finds a
    // ticket's rows. The user's id breaks a tie of creation times, which Prisma's order leaves open.
    const user = plan.collaborators.map((column) => Prisma.sql`${column}::text, u.${quoted(column)}`);
    select.push(Prisma.sql`(SELECT coalesce(json_agg(json_build_object('user', json_build_object(${Prisma.join(user)})) ORDER BY tc."createdAt", tc."userId"), '[]'::json)
      FROM "TicketCollaborator" tc JOIN "User" u ON u."id" = tc."userId" WHERE tc."ticketId" = t."id") AS "collaborators"`);
  }

  const statement = Prisma.sql`
    SELECT ${Prisma.join(select)}
    FROM "Ticket" t ${joins.length ? Prisma.join(joins, ' ') : Prisma.empty}
    WHERE ${page.where}${afterCursor}
    ORDER BY ${orderBy}
    LIMIT ${take}::int OFFSET ${skip}::int`;
  return sql.rows<Record<string, unknown>>(statement).then((rows) => {
    const shape = rows[0] && shaper(Object.keys(rows[0]), plan);
    return shape ? rows.map(shape) : [];
  });
}

/**
 * Flat "relation.column" keys into nested objects, as Prisma returns them. Every row of a page has the same keys:
 * they are split once per page, not once per row (the per-row split was 3 % of a board request's CPU).
 */
function shaper(keys: string[], plan: Plan): (row: Record<string, unknown>) => Record<string, unknown> {
  const own = keys.filter((key) => !key.includes('.'));
  const nested = keys.filter((key) => key.includes('.')).map((key) => [key, key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)] as const);
  const relations = plan.relations.map(({ name }) => [name, TO_ONE[name].key] as const);
  return (row) => {
    const ticket: Record<string, unknown> = {};
    for (const key of own) ticket[key] = row[key];
    const objects: Record<string, Record<string, unknown>> = {};
    for (const [key, owner, column] of nested) {
      objects[owner] ??= {};
      objects[owner][column] = row[key];
    }
    for (const [name, key] of relations) ticket[name] = ticket[key] === null ? null : (objects[name] ?? null);
    if (plan.commentCount) ticket._count = { comments: objects._count?.comments ?? 0 };
    if (plan.newestImage) ticket.attachments = ticket.attachments ? [ticket.attachments] : [];
    return ticket;
  };
}

/** How many tickets match: one plain count(*) PostgreSQL can run in parallel workers. */
export function countTicketsSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS "count" FROM "Ticket" t WHERE ${where}`;
}

/** The statement for the number of tickets the viewer may read under the filter: from the counters when they can answer. */
export function ticketTotalSql(viewer: Viewer, filter: TicketFilter | null | undefined, now = new Date()): Prisma.Sql {
  return countFromCountersSql(viewer, filter) ?? countTicketsSql(ticketsWhereSql(viewer, filter, now));
}

/** The filters the dashboard's counters are keyed by (TicketCounter: department, Creative queue, status, priority). */
const COUNTER_KEYED_FILTERS: ReadonlySet<string> = new Set(['status', 'priority', 'departmentId']);
const COUNTER_CELL: CellColumns = { departmentId: Prisma.sql`c."departmentId"`, reachedCreative: Prisma.sql`c."reachedCreative"` };

/** The filter's conditions on the counter keys, over the alias (c or t). */
function keyConditions(filter: TicketFilter | null | undefined, alias: 'c' | 't'): Prisma.Sql[] {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const conditions: Prisma.Sql[] = [];
  if (filter?.status?.length) conditions.push(Prisma.sql`${column('status')} IN (${enumList(filter.status, 'TicketStatus')})`);
  if (filter?.priority?.length) conditions.push(Prisma.sql`${column('priority')} IN (${enumList(filter.priority, 'Priority')})`);
  if (filter?.departmentId) conditions.push(Prisma.sql`${column('departmentId')} = ${filter.departmentId}::uuid`);
  return conditions;
}

/**
 * The total of an admin's or a manager's list filtered at most by status, priority and department (the web
 * board's seven columns, the dashboard's links), from the counters the database keeps: the sum of the cells the
 * viewer reads whole, plus a count of the tickets read through a personal tie outside them (the dashboard's own
 * split, services/stats.ts). Null when the counters cannot answer: another filter, or a member (who reads no
 * whole cell, so the count is all personal and countTicketsSql's is as good).
 */
export function countFromCountersSql(viewer: Viewer, filter: TicketFilter | null | undefined): Prisma.Sql | null {
  for (const [key, value] of Object.entries(filter ?? {})) {
    const set = value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
    if (set && !COUNTER_KEYED_FILTERS.has(key)) return null;
  }
  const cells = authorityCellsSql(viewer, COUNTER_CELL);
  const cellTickets = authorityCellsSql(viewer, ticketCellColumns('t'));
  if (!cells || !cellTickets) return null;
  const cellSum = Prisma.sql`(SELECT coalesce(sum(c."count"), 0) FROM "TicketCounter" c WHERE ${Prisma.join([cells, ...keyConditions(filter, 'c')], ' AND ')})`;
  // An admin's cells are every ticket: nothing is left to read personally.
  const personal =
    viewer.role === 'ADMIN'
      ? Prisma.sql`0`
      : Prisma.sql`(SELECT count(*) FROM "Ticket" t WHERE ${Prisma.join(
          [Prisma.sql`t."deletedAt" IS NULL`, personalTicketsSql(viewer, 't'), Prisma.sql`NOT ${cellTickets}`, ...keyConditions(filter, 't')],
          ' AND ',
        )})`;
  return Prisma.sql`SELECT (${cellSum} + ${personal})::int AS "count"`;
}
