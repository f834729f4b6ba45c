// The ticket filters that the board and the list keep in the URL, and how they become the API's
// TicketFilter. One definition, so a board column's "more" link opens the list with the same filters.
import type { TicketFilter, TicketOrder } from '../gql/graphql';
import { flagField, listField, oneOfField, textField, type UrlValues } from './url-state';
import { PRIORITY_ORDER, REQUEST_TYPE_ORDER, STATUS_ORDER } from './vocabulary';

export const MINE_OPTIONS = ['', 'assigned', 'requested'] as const;

/** Filters both views share. `dept` and `assignee` are ids; `mine` narrows to the viewer's tickets. */
export const filterFields = {
  q: textField(),
  status: listField(STATUS_ORDER),
  priority: listField(PRIORITY_ORDER),
  type: listField(REQUEST_TYPE_ORDER),
  dept: textField(),
  assignee: textField(),
  mine: oneOfField(MINE_OPTIONS, ''),
  overdue: flagField(),
};

export const SORT_OPTIONS = ['updated', 'created', 'due', 'priority', 'number'] as const;
export type SortOption = (typeof SORT_OPTIONS)[number];

/** The list adds sort order and the cursor of the page shown. */
export const listFields = {
  ...filterFields,
  sort: oneOfField(SORT_OPTIONS, 'updated'),
  dir: oneOfField(['desc', 'asc'] as const, 'desc'),
  after: textField(),
  before: textField(),
};

export type FilterValues = UrlValues<typeof filterFields>;
export type ListValues = UrlValues<typeof listFields>;

/** The API filter for the values; `viewerId` resolves "mine". Empty fields are left out. */
export function toTicketFilter(values: Partial<FilterValues>, viewerId: string | undefined): TicketFilter {
  const filter: TicketFilter = {};
  if (values.q) filter.search = values.q;
  if (values.status?.length) filter.status = [...values.status];
  if (values.priority?.length) filter.priority = [...values.priority];
  if (values.type?.length) filter.requestType = [...values.type];
  if (values.dept) filter.departmentId = values.dept;
  if (values.assignee) filter.assigneeId = values.assignee;
  if (values.overdue) filter.overdue = true;
  if (viewerId && values.mine === 'assigned') filter.assigneeId = viewerId;
  if (viewerId && values.mine === 'requested') filter.requesterId = viewerId;
  return filter;
}

const ORDER_FIELDS: Record<SortOption, TicketOrder['field']> = {
  updated: 'UPDATED_AT',
  created: 'CREATED_AT',
  due: 'DUE_DATE',
  priority: 'PRIORITY',
  number: 'NUMBER',
};

export function toTicketOrder(sort: SortOption, dir: 'asc' | 'desc'): TicketOrder {
  return { field: ORDER_FIELDS[sort], direction: dir === 'asc' ? 'ASC' : 'DESC' };
}

/** Whether any filter narrows the view (to offer "Clear filters"). */
export function hasFilters(values: Partial<FilterValues>): boolean {
  return Boolean(
    values.q || values.status?.length || values.priority?.length || values.type?.length || values.dept || values.assignee || values.mine || values.overdue,
  );
}
