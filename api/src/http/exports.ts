// GET /export/tickets.csv?<filter> and GET /export/analytics.csv?from&to&departmentId: CSV downloads for
// spreadsheets, authorized like the queries they mirror (Authorization: Bearer <accessToken>). The tickets
// export takes the `tickets` list's filter as query parameters (repeated for lists) and holds the same rows in
// the same order; it is read in batches and written as it goes, waiting for the socket to drain.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { ViewerResolver } from '../context.ts';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { BadInputError, DomainError } from '../domain/errors.ts';
import { textProblem } from '../domain/text.ts';
import { isOverdue } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import { PRIORITIES, REQUEST_TYPE_NAMES, TICKET_STATUSES } from '../domain/vocabulary.ts';
import { analyticsCost, ticketExportCost } from '../domain/work-cost.ts';
import type { Logger } from '../logger.ts';
import type { Analytics, AnalyticsService } from '../services/analytics.ts';
import { countExportTickets, exportTickets } from '../services/ticket-export.ts';
import type { TicketFilter } from '../services/ticket-queries.ts';
import { type Cell, csvLine } from './csv.ts';
import type { ExportBudget } from './export-budget.ts';
import { type Handler, sendJson } from './router.ts';

export const EXPORT_PATH = '/export/';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_OF_CODE: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, PASSWORD_CHANGE_REQUIRED: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

function oneOf<T extends string>(params: URLSearchParams, name: string, values: readonly T[]): T[] | null {
  const given = params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .filter(Boolean);
  for (const value of given) if (!values.includes(value as T)) throw new BadInputError(`${name}: ${value} is not one of ${values.join(', ')}.`, name);
  return given.length ? (given as T[]) : null;
}

/** An id as the API gives it (a global ID of `type`) or a bare UUID. */
function idOf(params: URLSearchParams, name: string, type: string): string | null {
  const value = params.get(name);
  if (!value) return null;
  if (UUID.test(value)) return value;
  try {
    const decoded = decodeGlobalID(value);
    if (decoded.typename === type && UUID.test(decoded.id)) return decoded.id;
  } catch {
    // Not a global ID: refused below.
  }
  throw new BadInputError(`${name} is not the id of a ${type}.`, name);
}

function flag(params: URLSearchParams, name: string): boolean | null {
  const value = params.get(name);
  if (value === null || value === '') return null;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new BadInputError(`${name} must be true or false.`, name);
}

function date(params: URLSearchParams, name: string): Date {
  const value = params.get(name);
  const parsed = value ? new Date(value) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new BadInputError(`${name} must be a date-time (ISO 8601).`, name);
  return parsed;
}

/**
 * Every query parameter is text the database may see: one PostgreSQL cannot store (a NUL in `search` failed
 * as a Prisma 22021 error and an empty reply) is the caller's mistake, a 400 naming the parameter.
 */
function refuseUnstorableText(params: URLSearchParams): void {
  for (const [name, value] of params) {
    const problem = textProblem(value);
    if (problem) throw new BadInputError(`${name} ${problem}.`, name);
  }
}

/** The `tickets` list's filter, from query parameters. */
export function ticketFilterOf(params: URLSearchParams): TicketFilter {
  return {
    status: oneOf(params, 'status', TICKET_STATUSES),
    priority: oneOf(params, 'priority', PRIORITIES),
    requestType: oneOf(params, 'requestType', REQUEST_TYPE_NAMES),
    departmentId: idOf(params, 'departmentId', 'Department'),
    assigneeId: idOf(params, 'assigneeId', 'User'),
    requesterId: idOf(params, 'requesterId', 'User'),
    collaboratorId: idOf(params, 'collaboratorId', 'User'),
    overdue: flag(params, 'overdue'),
    search: params.get('search'),
  };
}

const TICKET_COLUMNS = [
  'number',
  'title',
  'status',
  'priority',
  'requestType',
  'criteria',
  'quantity',
  'department',
  'requester',
  'assignee',
  'dueDate',
  'overdue',
  'revisionCount',
  'createdAt',
  'departmentApprovedAt',
  'creativeApprovedAt',
  'assignedAt',
  'startedAt',
  'completedAt',
  'confirmedAt',
] as const;

export function exportsEndpoint(deps: {
  prisma: PrismaClient;
  analytics: AnalyticsService;
  resolveViewer: ViewerResolver;
  logger: Logger;
  /** Each export pays for the rows or days it covers from the caller's query-cost budget (export-budget.ts). */
  budget: ExportBudget;
}): Handler {
  const { prisma, analytics, resolveViewer, logger, budget } = deps;

  async function viewerOf(req: IncomingMessage): Promise<Viewer> {
    const resolved = await resolveViewer(req.headers.authorization);
    if (!resolved) throw new DomainError('UNAUTHENTICATED', 'Send Authorization: Bearer <accessToken>.');
    return resolved.viewer;
  }

  /** Writes the lines as they come, waiting while the socket's buffer is full; stops if the client went away. */
  async function stream(res: ServerResponse, fileName: string, lines: AsyncIterable<string>): Promise<void> {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    for await (const line of lines) {
      if (res.destroyed) return;
      if (!res.write(line)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  }

  async function* ticketLines(viewer: Viewer, filter: TicketFilter) {
    yield csvLine(TICKET_COLUMNS);
    const now = new Date();
    for await (const batch of exportTickets(prisma, viewer, filter, now)) {
      let chunk = '';
      for (const row of batch) {
        const overdue = isOverdue(row, now);
        chunk += csvLine([
          row.number,
          row.title,
          row.status,
          row.priority,
          row.requestType,
          row.criteria,
          row.quantity,
          row.department.name,
          row.requester.displayName,
          row.assignee?.displayName,
          row.dueDate,
          overdue,
          row.revisionCount,
          row.createdAt,
          row.deptApprovedAt,
          row.creativeApprovedAt,
          row.assignedAt,
          row.startedAt,
          row.completedAt,
          row.closedAt,
        ]);
      }
      yield chunk;
    }
  }

  async function* analyticsLines(result: Analytics) {
    // One long table (table, item, measure, value): every figure of the analytics query, ready for a pivot.
    const row = (table: string, item: Cell, measure: string, value: Cell) => csvLine([table, item, measure, value]);
    yield row('table', 'item', 'measure', 'value');
    for (const measure of [
      'created',
      'completed',
      'rejected',
      'completionRate',
      'onTimeRate',
      'revisionRate',
      'averageRevisions',
      'averageCycleHours',
      'averageProcessingHours',
    ] as const) {
      yield row('summary', '', measure, result[measure]);
    }
    for (const stage of result.stageAverages)
      yield row('stage', stage.stage, 'averageHours', stage.averageHours) + row('stage', stage.stage, 'tickets', stage.tickets);
    for (const output of result.outputByCriteria)
      yield row('criteria', output.criteria, 'tickets', output.tickets) + row('criteria', output.criteria, 'quantity', output.quantity);
    for (const product of result.byProduct)
      yield row('product', product.productName, 'tickets', product.tickets) + row('product', product.productName, 'quantity', product.quantity);
    const breakdowns = [
      ...result.byRequestType.map((group) => ['requestType', group.requestType, group] as const),
      ...result.byDepartment.map((group) => ['department', group.departmentName, group] as const),
      ...result.byPriority.map((group) => ['priority', group.priority, group] as const),
    ];
    for (const [table, item, group] of breakdowns) {
      yield (['created', 'completed', 'onTimeRate', 'quantity'] as const).map((measure) => row(table, item, measure, group[measure])).join('');
    }
    for (const user of result.perUser) {
      yield (['assigned', 'completed', 'inProgress', 'output', 'averageProcessingHours', 'averageCycleHours'] as const)
        .map((measure) => row('user', user.displayName, measure, user[measure]))
        .join('');
    }
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://export');
    try {
      const viewer = await viewerOf(req);
      refuseUnstorableText(url.searchParams);
      if (url.pathname === `${EXPORT_PATH}tickets.csv`) {
        // The filter is checked before the first byte: a bad one is a 400, not a broken file.
        const filter = ticketFilterOf(url.searchParams);
        // Paid by the rows it will write, counted first.
        if (!(await budget.pay(req, res, viewer.id, ticketExportCost(await countExportTickets(prisma, viewer, filter))))) return;
        return await stream(res, 'tickets.csv', ticketLines(viewer, filter));
      }
      if (url.pathname === `${EXPORT_PATH}analytics.csv`) {
        // Authorized and computed (a few SQL aggregates) before the first byte, so a refusal is an error status.
        const params = url.searchParams;
        const range = { from: date(params, 'from'), to: date(params, 'to') };
        const departmentId = idOf(params, 'departmentId', 'Department');
        // Paid by the days it covers, as the analytics query is.
        if (!(await budget.pay(req, res, viewer.id, analyticsCost(range.from, range.to)))) return;
        const result = await analytics.analytics(viewer, range, departmentId);
        return await stream(res, 'analytics.csv', analyticsLines(result));
      }
      return sendJson(res, 404, { errors: [{ message: 'No such export.', extensions: { code: 'NOT_FOUND' } }] });
    } catch (error) {
      if (res.headersSent) {
        logger.error({ err: error }, 'export failed after it started');
        res.destroy();
        return;
      }
      if (error instanceof DomainError) {
        return sendJson(res, STATUS_OF_CODE[error.code] ?? 400, { errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
      }
      logger.error({ err: error }, 'export failed');
      return sendJson(res, 500, { errors: [{ message: 'Unexpected error.' }] });
    }
  };
}
