// Whether a ticket, as an event or a mutation returned it, belongs in a list queried with a TicketFilter.
// The cache uses it to re-query only the lists a ticket enters or leaves, instead of every list on every
// event. Pure and tested (ticket-filter-match.test.ts); `undefined` means "cannot tell here" (free-text
// search), and the caller then re-queries to be safe.

/** The facts of a ticket a filter can look at; every field optional because selections differ. */
export type TicketFacts = {
  status?: string;
  priority?: string;
  requestType?: string;
  dueDate?: string | null;
  isOverdue?: boolean;
  deletedAt?: string | null;
  department?: { id: string } | null;
  assignee?: { id: string } | null;
  requester?: { id: string } | null;
  collaborators?: readonly { id: string }[] | null;
  /** What the viewer may do with it now, as the server decided it for them (Ticket.availableActions). */
  availableActions?: readonly string[];
};

/** A TicketFilter as the cache stores the field's arguments: any shape, read defensively. */
export type FilterArgs = {
  status?: unknown;
  priority?: unknown;
  requestType?: unknown;
  departmentId?: unknown;
  assigneeId?: unknown;
  requesterId?: unknown;
  collaboratorId?: unknown;
  overdue?: unknown;
  dueBefore?: unknown;
  dueAfter?: unknown;
  search?: unknown;
  awaitingMyApproval?: unknown;
};

export function ticketMatchesFilter(ticket: TicketFacts, filter: FilterArgs | null | undefined): boolean | undefined {
  if (ticket.deletedAt) return false; // trashed tickets leave every list
  if (!filter) return true;
  const checks: (boolean | undefined)[] = [
    inList(filter.status, ticket.status),
    inList(filter.priority, ticket.priority),
    inList(filter.requestType, ticket.requestType),
    sameId(filter.departmentId, ticket.department),
    sameId(filter.assigneeId, ticket.assignee),
    sameId(filter.requesterId, ticket.requester),
    collaborates(filter.collaboratorId, ticket.collaborators),
    typeof filter.overdue === 'boolean' ? (ticket.isOverdue === undefined ? undefined : ticket.isOverdue === filter.overdue) : true,
    dueWithin(filter.dueBefore, filter.dueAfter, ticket.dueDate),
    typeof filter.search === 'string' && filter.search.trim() !== '' ? undefined : true,
    awaitsViewer(filter.awaitingMyApproval, ticket.availableActions),
  ];
  if (checks.includes(false)) return false;
  return checks.includes(undefined) ? undefined : true;
}

function inList(allowed: unknown, value: string | undefined): boolean | undefined {
  if (!Array.isArray(allowed) || allowed.length === 0) return true;
  return value === undefined ? undefined : allowed.includes(value);
}

function sameId(wanted: unknown, entity: { id: string } | null | undefined): boolean | undefined {
  if (typeof wanted !== 'string' || wanted === '') return true;
  if (entity === undefined) return undefined;
  return entity?.id === wanted;
}

function collaborates(wanted: unknown, people: readonly { id: string }[] | null | undefined): boolean | undefined {
  if (typeof wanted !== 'string' || wanted === '') return true;
  if (!people) return undefined;
  return people.some((person) => person.id === wanted);
}

function dueWithin(before: unknown, after: unknown, due: string | null | undefined): boolean | undefined {
  if (typeof before !== 'string' && typeof after !== 'string') return true;
  if (due === undefined) return undefined;
  if (due === null) return false;
  const at = Date.parse(due);
  if (typeof before === 'string' && !(at < Date.parse(before))) return false;
  if (typeof after === 'string' && !(at > Date.parse(after))) return false;
  return true;
}

/** A ticket waits for the viewer's decision when the server offers them Approve on it (the same rule as the filter's). */
function awaitsViewer(wanted: unknown, actions: readonly string[] | undefined): boolean | undefined {
  if (typeof wanted !== 'boolean') return true;
  if (actions === undefined) return undefined;
  return actions.includes('APPROVE') === wanted;
}
