// The ticket page's hot path in one hand-written statement: a ticket with the relations the page shows (people,
// comments with their replies, attachments, history, collaborators, product items, counts), PostgreSQL building the
// nested JSON, read straight from the driver. Prisma's client answered the same include with a plan compiled per
// request and a result decoded and mapped field by field: more Node CPU than PostgreSQL spent on the statement.
//
// The statement is built from the Pothos query (the Prisma include/select arguments Pothos made for the GraphQL
// selection), read with the data model, so what a ticket page asks for and what comes back keep in step with the
// GraphQL types; the rows are shaped exactly as Prisma returns them, so Pothos resolves relation and count fields
// from them. Any argument it does not know (a cursor, a filter beyond equality, `_count: true`, a many-to-many
// relation, a BigInt or Decimal column) makes it answer null, and Prisma answers instead.
import { getDatamodel } from '../db/generated/pothos-types.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import type { SqlReader } from '../db/sql-reader.ts';

type Field = ReturnType<typeof getDatamodel>['datamodel']['models'][string]['fields'][number];
type Model = { name: string; fields: Map<string, Field>; id: string | null };

const MODELS = new Map<string, Model>(
  Object.entries(getDatamodel().datamodel.models).map(([name, model]) => [
    name,
    { name, fields: new Map(model.fields.map((field) => [field.name, field])), id: model.fields.find((field) => field.isId)?.name ?? null },
  ]),
);

/** Scalar types whose values survive JSON as Prisma returns them (DateTime after decoding below). */
const JSON_SAFE_TYPES = new Set(['String', 'Int', 'Float', 'Boolean', 'DateTime', 'Json']);

const isColumn = (field: Field) => field.kind === 'scalar' || field.kind === 'enum';
const readable = (field: Field) => field.kind === 'enum' || JSON_SAFE_TYPES.has(field.type);

/** related."child" = owner."parent": how a relation's rows are found from the row that owns it. */
type Join = { child: string; parent: string };
type Condition = { column: string; value: string | number | boolean | null };
type Order = { column: string; descending: boolean };
type List = { where: Condition[]; orderBy: Order[]; take: number | null; skip: number };
type Relation = { name: string; model: Model; join: Join; list: List | null; node: Node };
type Count = { name: string; model: Model; join: Join; where: Condition[] };
type Node = { model: Model; columns: Field[]; relations: Relation[]; counts: Count[] };

type Args = Record<string, unknown>;
const isArgs = (value: unknown): value is Args => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The join of `field` (a relation of `owner`), or null when it is not one foreign key to an id. */
function joinOf(owner: Model, field: Field): Join | null {
  const target = MODELS.get(field.type);
  if (!target) return null;
  const from = field.relationFromFields ?? [];
  // The foreign key on the owner (Comment.author): the target's id equals the key. (Every relation of the schema
  // references an id; ticket-tree-sql.test holds the schema to that.)
  if (from.length === 1 && target.id) return { child: target.id, parent: from[0] as string };
  if (from.length > 0 || !owner.id) return null;
  // The foreign key on the other side (Ticket.comments, Comment.replies): its field of the same relation.
  const opposite = [...target.fields.values()].find(
    (other) => other.relationName === field.relationName && other !== field && (other.relationFromFields?.length ?? 0) === 1,
  );
  const key = opposite?.relationFromFields?.[0];
  return key ? { child: key, parent: owner.id } : null;
}

function conditionsOf(model: Model, where: unknown): Condition[] | null {
  if (where === undefined) return [];
  if (!isArgs(where)) return null;
  const conditions: Condition[] = [];
  for (const [column, value] of Object.entries(where)) {
    const field = model.fields.get(column);
    if (!field || !isColumn(field) || field.isList) return null;
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return null;
    conditions.push({ column, value: value as Condition['value'] });
  }
  return conditions;
}

function ordersOf(model: Model, orderBy: unknown): Order[] | null {
  if (orderBy === undefined) return [];
  const orders: Order[] = [];
  for (const item of Array.isArray(orderBy) ? orderBy : [orderBy]) {
    if (!isArgs(item)) return null;
    const entries = Object.entries(item);
    if (entries.length !== 1) return null;
    const [column, direction] = entries[0] as [string, unknown];
    const field = model.fields.get(column);
    if (!field || !isColumn(field) || (direction !== 'asc' && direction !== 'desc')) return null;
    orders.push({ column, descending: direction === 'desc' });
  }
  return orders;
}

const count = (value: unknown) => (Number.isInteger(value) && (value as number) >= 0 ? (value as number) : null);

function listOf(model: Model, args: Args): List | null {
  const where = conditionsOf(model, args.where);
  const orderBy = ordersOf(model, args.orderBy);
  const take = args.take === undefined ? null : count(args.take);
  const skip = args.skip === undefined ? 0 : count(args.skip);
  if (!where || !orderBy || skip === null || (args.take !== undefined && take === null)) return null;
  // A page without an order is whatever PostgreSQL reads first: Prisma's and ours could differ.
  if ((take !== null || skip > 0) && orderBy.length === 0) return null;
  return { where, orderBy, take, skip };
}

const RELATION_KEYS = ['select', 'include'];
const LIST_KEYS = ['select', 'include', 'where', 'orderBy', 'take', 'skip'];

/** What to read of `model` for Prisma arguments `args` (select or include), or null when we cannot. */
function nodeOf(model: Model, args: Args): Node | null {
  if (args.select !== undefined && args.include !== undefined) return null;
  const node: Node = { model, columns: [], relations: [], counts: [] };
  const selection = args.select ?? args.include;
  if (selection !== undefined && !isArgs(selection)) return null;
  // include (or neither) reads every column; select only those it names.
  if (args.select === undefined) for (const field of model.fields.values()) if (isColumn(field)) node.columns.push(field);
  for (const [name, value] of Object.entries(selection ?? {})) {
    if (value === false || value === undefined) continue;
    if (name === '_count') {
      const counts = countsOf(model, value);
      if (!counts) return null;
      node.counts = counts;
      continue;
    }
    const field = model.fields.get(name);
    if (!field) return null;
    if (isColumn(field)) {
      if (value !== true || args.select === undefined) return null;
      node.columns.push(field);
      continue;
    }
    const relation = relationOf(model, field, value === true ? {} : value);
    if (!relation) return null;
    node.relations.push(relation);
  }
  if (node.columns.some((field) => !readable(field))) return null;
  return node;
}

function relationOf(owner: Model, field: Field, args: unknown): Relation | null {
  const model = MODELS.get(field.type);
  const join = joinOf(owner, field);
  if (!model || !join || !isArgs(args)) return null;
  if (Object.keys(args).some((key) => !(field.isList ? LIST_KEYS : RELATION_KEYS).includes(key))) return null;
  const list = field.isList ? listOf(model, args) : null;
  const node = nodeOf(model, args);
  if ((field.isList && !list) || !node) return null;
  return { name: field.name, model, join, list, node };
}

function countsOf(owner: Model, value: unknown): Count[] | null {
  if (!isArgs(value) || Object.keys(value).length !== 1 || !isArgs(value.select)) return null;
  const counts: Count[] = [];
  for (const [name, args] of Object.entries(value.select)) {
    if (args === false) continue;
    const field = owner.fields.get(name);
    const model = field && MODELS.get(field.type);
    const join = field?.isList && joinOf(owner, field);
    if (!model || !join) return null;
    if (args !== true && !(isArgs(args) && Object.keys(args).every((key) => key === 'where'))) return null;
    const where = args === true ? [] : conditionsOf(model, args.where);
    if (!where) return null;
    counts.push({ name, model, join, where });
  }
  return counts;
}

// --- the statement ----------------------------------------------------------------------------------------

const quoted = (name: string) => Prisma.raw(`"${name}"`);
/** A JSON key: a field name of the data model, so a literal of letters and digits. */
const key = (name: string) => {
  if (!/^\w+$/.test(name)) throw new Error(`not a field name: ${name}`);
  return Prisma.raw(`'${name}'`);
};
/** json_build_object takes at most 100 arguments. */
const MAX_KEYS = 50;

type Aliases = () => Prisma.Sql;

function conditionSql(alias: Prisma.Sql, { column, value }: Condition): Prisma.Sql {
  return value === null ? Prisma.sql`${alias}.${quoted(column)} IS NULL` : Prisma.sql`${alias}.${quoted(column)} = ${value}`;
}

function relatedRowsWhere(alias: Prisma.Sql, owner: Prisma.Sql, join: Join, where: Condition[]): Prisma.Sql {
  return Prisma.join([Prisma.sql`${alias}.${quoted(join.child)} = ${owner}.${quoted(join.parent)}`, ...where.map((c) => conditionSql(alias, c))], ' AND ');
}

/** The expressions of a node's keys over the row `alias`: [key, expression] pairs. */
function entriesSql(node: Node, alias: Prisma.Sql, next: Aliases): [string, Prisma.Sql][] {
  const entries: [string, Prisma.Sql][] = node.columns.map((field) => [field.name, Prisma.sql`${alias}.${quoted(field.name)}`]);
  for (const relation of node.relations) entries.push([relation.name, relationSql(relation, alias, next)]);
  if (node.counts.length) {
    const counts = node.counts.map(({ name, model, join, where }): Prisma.Sql => {
      const row = next();
      return Prisma.sql`${key(name)}, (SELECT count(*)::int FROM ${quoted(model.name)} ${row} WHERE ${relatedRowsWhere(row, alias, join, where)})`;
    });
    entries.push(['_count', Prisma.sql`json_build_object(${Prisma.join(counts)})`]);
  }
  return entries;
}

function objectSql(node: Node, alias: Prisma.Sql, next: Aliases): Prisma.Sql {
  const entries = entriesSql(node, alias, next);
  if (entries.length > MAX_KEYS) throw new TooWide();
  return Prisma.sql`json_build_object(${Prisma.join(entries.map(([name, value]) => Prisma.sql`${key(name)}, ${value}`))})`;
}

class TooWide extends Error {}

function relationSql(relation: Relation, owner: Prisma.Sql, next: Aliases): Prisma.Sql {
  const row = next();
  const table = quoted(relation.model.name);
  const where = relatedRowsWhere(row, owner, relation.join, relation.list?.where ?? []);
  const object = objectSql(relation.node, row, next);
  if (!relation.list) return Prisma.sql`(SELECT ${object} FROM ${table} ${row} WHERE ${where})`;
  const { orderBy, take, skip } = relation.list;
  const order = orderBy.length
    ? Prisma.sql` ORDER BY ${Prisma.join(orderBy.map(({ column, descending }) => Prisma.sql`${row}.${quoted(column)} ${Prisma.raw(descending ? 'DESC' : 'ASC')}`))}`
    : Prisma.empty;
  // A page is cut in a subquery of its own; the aggregate keeps its order.
  const rows =
    take !== null || skip > 0
      ? Prisma.sql`(SELECT * FROM ${table} ${row} WHERE ${where}${order}${take !== null ? Prisma.sql` LIMIT ${take}::int` : Prisma.empty} OFFSET ${skip}::int) ${row}`
      : Prisma.sql`${table} ${row} WHERE ${where}`;
  return Prisma.sql`(SELECT coalesce(json_agg(${object}${order}), '[]'::json) FROM ${rows})`;
}

// --- the rows as Prisma returns them ----------------------------------------------------------------------

/** JSON from PostgreSQL as Prisma gives it: timestamps (written as UTC, without a zone) back to Dates. */
function decode(node: Node, object: Record<string, unknown>): Record<string, unknown> {
  for (const field of node.columns) {
    if (field.type !== 'DateTime') continue;
    const value = object[field.name];
    if (typeof value === 'string') object[field.name] = jsonDate(value);
    else if (Array.isArray(value)) object[field.name] = value.map((item) => (typeof item === 'string' ? jsonDate(item) : item));
  }
  for (const relation of node.relations) decodeRelation(relation, object);
  return object;
}

function decodeRelation(relation: Relation, object: Record<string, unknown>): void {
  const value = object[relation.name];
  if (Array.isArray(value)) for (const item of value) decode(relation.node, item as Record<string, unknown>);
  else if (isArgs(value)) decode(relation.node, value);
}

/** A timestamp(3) as json renders it (2026-01-31T10:00:00.5) or a date (2026-01-31), both UTC. */
function jsonDate(text: string): Date {
  return new Date(text.length === 10 ? `${text}T00:00:00Z` : `${text}Z`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Pothos query of a ticket: Prisma findFirst arguments without where. */
export type TicketTreeQuery = { include?: unknown; select?: unknown };

export type TicketTree = {
  /** The ticket's id. */
  id: string;
  /** Which tickets the viewer may read, as SQL over the alias t (services/ticket-visibility.ts visibleTicketsSql). */
  where: Prisma.Sql;
  query: TicketTreeQuery;
};

type Shape = { node: Node; selectList: Prisma.Sql };

/**
 * The select list of a Pothos query and the tree it reads, or null when the query asks for something this does
 * not answer. Memoised by the query's JSON: a page asks the same few queries again and again, and building the
 * list from the data model was ≈3 % of a ticket page request's CPU. Bounded like the prepared statements the
 * lists become (db/sql-reader.ts): past the bound, a shape is built for each request.
 */
const shapes = new Map<string, Shape | null>();
const MAX_SHAPES = 100;

function shapeOf(query: Args): Shape | null {
  const key = plainJson(query);
  if (key === null) return buildShape(query);
  const known = shapes.get(key);
  if (known !== undefined) return known;
  const shape = buildShape(query);
  if (shapes.size < MAX_SHAPES) shapes.set(key, shape);
  return shape;
}

/**
 * The JSON of a query made only of plain objects, arrays, strings, finite numbers, booleans and null, which JSON
 * tells apart exactly; null for anything else (a Date, a BigInt, an undefined property), which is not memoised.
 */
function plainJson(query: Args): string | null {
  let plain = true;
  const json = JSON.stringify(query, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw === undefined || typeof raw === 'bigint' || typeof raw === 'function' || (typeof raw === 'number' && !Number.isFinite(raw))) plain = false;
    else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.getPrototypeOf(raw) !== Object.prototype) plain = false;
    return plain ? value : undefined;
  });
  return plain ? json : null;
}

function buildShape(query: Args): Shape | null {
  const ticket = MODELS.get('Ticket');
  if (!ticket || Object.keys(query).some((key) => !RELATION_KEYS.includes(key))) return null;
  const node = nodeOf(ticket, query);
  if (!node) return null;
  let aliases = 0;
  const next = () => Prisma.raw(`r${++aliases}`);
  let columns: [string, Prisma.Sql][];
  try {
    // The ticket's own columns as columns (the driver decodes them); its relations and counts as JSON.
    columns = entriesSql(node, Prisma.raw('t'), next);
  } catch (error) {
    if (error instanceof TooWide) return null;
    throw error;
  }
  return { node, selectList: Prisma.join(columns.map(([key, value]) => Prisma.sql`${value} AS ${quoted(key)}`)) };
}

/**
 * The ticket `id` if `where` lets it through, shaped as Prisma's findFirst({ ...query }) returns it, or null
 * when there is none; the call itself returns null (no promise) when the query asks for something it does not answer.
 */
export function readTicketTree(sql: SqlReader, tree: TicketTree): Promise<Record<string, unknown> | null> | null {
  if (!UUID.test(tree.id) || !isArgs(tree.query)) return null;
  const shape = shapeOf(tree.query);
  if (!shape) return null;
  const { node, selectList } = shape;
  const statement = Prisma.sql`
    SELECT ${selectList}
    FROM "Ticket" t
    WHERE t."id" = ${tree.id}::uuid AND ${tree.where}
    LIMIT 1`;
  // Keyed by the ticket's id: one plan serves every ticket (db/sql-reader.ts).
  return sql.rows<Record<string, unknown>>(statement, { prepare: true }).then(([row]) => {
    if (!row) return null;
    for (const relation of node.relations) decodeRelation(relation, row);
    return row;
  });
}
