import { useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, createMemo, For, on, onMount, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { TicketFilterBar } from '../../components/ticket-filter-bar';
import { getFragmentData } from '../../gql';
import type { TicketFilter, TicketStatus } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { session } from '../../lib/session';
import { type FilterValues, filterFields, listFields, toTicketFilter } from '../../lib/ticket-filters';
import { ticketListsChanged } from '../../lib/ticket-lists';
import { ticketSummaryFragment } from '../../lib/ticket-summary.graphql';
import { parseUrlState, serializeUrlState, urlSearch } from '../../lib/url-state';
import { STATUS_ORDER } from '../../lib/vocabulary';
import { LazyViewsMenu } from '../saved-views/lazy-views-menu';
import { viewFilterOf } from '../saved-views/view-query';
import { boardQuery } from './board.graphql';
import { createCollapsedColumns } from './board-collapse';
import { BoardColumn } from './board-column';
import { type BoardTicket, setDraggedTicket } from './board-dnd';
import { whenDragAdapterLoaded } from './drag-adapter';
import './board.css';

/** Cards per column: the newest ones; the rest are one click away in the list. */
export const CARDS_PER_COLUMN = 25;

const ALIASES = {
  REQUESTED: 'requested',
  PENDING_CREATIVE: 'pendingCreative',
  APPROVED: 'approved',
  IN_PROGRESS: 'inProgress',
  COMPLETED: 'completed',
  CLOSED: 'closed',
  REJECTED: 'rejected',
} as const satisfies Record<TicketStatus, string>;

/** The board's filters: the list's (its words search included), minus those a column or the board does not use. */
const { status: _status, overdue: _overdue, ...boardFields } = filterFields;

/**
 * The live board: one column per status in the workflow's order, filters in the URL. Cards follow every
 * ticket event (through the shared stream and cache) and move by drag and drop or their "Move" menu.
 */
export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const values = createMemo(() => ({ ...parseUrlState(filterFields, {}), ...parseUrlState(boardFields, params) }) as FilterValues);
  const base = createMemo(() => toTicketFilter(values(), session.user()?.id));
  const variables = createMemo(() => {
    const columnFilter = (status: TicketStatus): TicketFilter => ({ ...base(), status: [status] });
    return {
      first: CARDS_PER_COLUMN,
      order: { field: 'UPDATED_AT' as const, direction: 'DESC' as const },
      requested: columnFilter('REQUESTED'),
      pendingCreative: columnFilter('PENDING_CREATIVE'),
      approved: columnFilter('APPROVED'),
      inProgress: columnFilter('IN_PROGRESS'),
      completed: columnFilter('COMPLETED'),
      closed: columnFilter('CLOSED'),
      rejected: columnFilter('REJECTED'),
    };
  });
  const [board, reexecute] = createQuery({ query: boardQuery, variables });
  // Cards already moved in the cache; this re-query settles the counts and the order.
  createEffect(on(ticketListsChanged, () => reexecute({ requestPolicy: 'network-only' }), { defer: true }));

  /**
   * Cards grouped by their status now. A card whose status just changed (a drop, an event) shows in its
   * new column at once, before its lists are re-queried.
   */
  const columns = createMemo(() => {
    const data = board.data;
    const all = new Map<string, BoardTicket>();
    if (data) {
      for (const status of STATUS_ORDER) {
        for (const ref of data[ALIASES[status]].nodes) {
          const ticket = getFragmentData(ticketSummaryFragment, ref);
          all.set(ticket.id, { ...ticket, thumbnail: ref.thumbnail });
        }
      }
    }
    const byStatus = new Map<TicketStatus, BoardTicket[]>(STATUS_ORDER.map((status) => [status, []]));
    for (const ticket of all.values()) {
      if (!ticket.deletedAt) byStatus.get(ticket.status)?.push(ticket);
    }
    for (const tickets of byStatus.values()) tickets.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return byStatus;
  });

  const collapse = createCollapsedColumns(() => session.user()?.id);

  const moreHref = (status: TicketStatus) => `/tickets?${urlSearch(listFields, { ...values(), status: [status] })}`;

  onMount(() => {
    // Whatever ends a drag (a drop anywhere, Esc), columns stop lighting up.
    whenDragAdapterLoaded(({ monitorForElements }) => monitorForElements({ onDrop: () => setDraggedTicket(undefined) }));
  });

  return (
    <section class="page page-wide board-page" aria-labelledby="board-title">
      <header class="board-header">
        <div class="board-heading">
          <h1 class="page-title" id="board-title">
            Board
          </h1>
          <p class="board-hint muted">Drag a card to move it, or focus it and press M.</p>
        </div>
        <TicketFilterBar values={values()} fields={['q']} onChange={(change) => setParams(serializeUrlState(boardFields, change))}>
          <LazyViewsMenu page="BOARD" path="/board" current={() => viewFilterOf(serializeUrlState(boardFields, values()))} />
        </TicketFilterBar>
      </header>
      <Show when={board.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Show>
      {/* Focusable so the keyboard can scroll the columns sideways. */}
      <section class="board" aria-label="Columns" tabindex="0" aria-busy={board.fetching}>
        <For each={STATUS_ORDER}>
          {(status) => (
            <BoardColumn
              status={status}
              tickets={columns().get(status) ?? []}
              total={Math.max(board.data?.[ALIASES[status]].totalCount ?? 0, columns().get(status)?.length ?? 0)}
              moreHref={moreHref(status)}
              loading={board.fetching && !board.data}
              collapsed={collapse.isCollapsed(status)}
              onToggle={() => collapse.toggle(status)}
            />
          )}
        </For>
      </section>
    </section>
  );
}
