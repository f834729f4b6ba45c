// What work priced by its size costs from the per-caller budget (auth/query-rate-limit.ts), on top of a
// query's shape (Armor's cost, which cannot see how much data a field's arguments cover): analytics by the
// days their range covers, exports by the rows they write. One price list for GraphQL and the CSV exports,
// so the same work costs the same whichever door it comes through.

/** Points per day an analytics range covers (every aggregate scans that range's tickets). */
export const COST_PER_ANALYTICS_DAY = 25;
/** Points per row of a ticket export (each row reads a ticket and three relations). */
export const COST_PER_EXPORT_ROW = 1;
/** What any export costs, even an empty one (authorization, the count, the response). */
export const EXPORT_BASE_COST = 10;
/**
 * What one `search` costs besides its hits (which Armor prices by `first`): up to three index lookups and the
 * ranking of up to 400 candidates with their headlines, about what two days of analytics cost.
 */
export const SEARCH_COST = 50;
/**
 * What each ticket of a bulk action costs (bulkAssignTickets, bulkSetTicketPriority, bulkDeleteTickets): one
 * ticket mutation's work (load, decide, a transaction with its history, activity and outbox rows), so 100 tickets
 * at once cost what 100 single mutations' work does, whatever the payload selects.
 */
export const BULK_COST_PER_TICKET = 20;
/** The bulk mutations, priced by how many tickets they name. */
export const BULK_TICKET_MUTATIONS: ReadonlySet<string> = new Set(['bulkAssignTickets', 'bulkSetTicketPriority', 'bulkDeleteTickets']);
/** monthlyReport computes its month and the one before. */
export const MONTHLY_REPORT_DAYS = 62;

const DAY_MS = 86_400_000;

/** The days a [from, to) range covers, at least one (an empty or reversed range still runs its queries). */
export function daysCovered(from: Date, to: Date): number {
  const span = to.getTime() - from.getTime();
  return Number.isFinite(span) && span > 0 ? Math.ceil(span / DAY_MS) : 1;
}

export function analyticsCost(from: Date, to: Date): number {
  return daysCovered(from, to) * COST_PER_ANALYTICS_DAY;
}

export function ticketExportCost(rows: number): number {
  return EXPORT_BASE_COST + rows * COST_PER_EXPORT_ROW;
}
