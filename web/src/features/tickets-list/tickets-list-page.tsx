import { A, useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, createMemo, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { TicketFilterBar } from '../../components/ticket-filter-bar';
import { getFragmentData } from '../../gql';
import { describeError } from '../../lib/graphql-errors';
import { session } from '../../lib/session';
import { hasFilters, type ListValues, listFields, SORT_OPTIONS, type SortOption, toTicketFilter, toTicketOrder } from '../../lib/ticket-filters';
import { ticketListsChanged } from '../../lib/ticket-lists';
import { ticketSummaryFragment } from '../../lib/ticket-summary.graphql';
import { parseUrlState, serializeUrlState } from '../../lib/url-state';
import { LazyViewsMenu } from '../saved-views/lazy-views-menu';
import { viewFilterOf } from '../saved-views/view-query';
import { rangeBetween } from './bulk-summary';
import { LazyBulkBar } from './lazy-bulk-bar';
import { PAGE_SIZE, Pager } from './pager';
import { TicketTable } from './ticket-table';
import { ticketsListQuery } from './tickets-list.graphql';
import './tickets-list.css';

const SORT_LABELS: Record<SortOption, string> = {
  updated: 'Last updated',
  created: 'Created',
  due: 'Due date',
  priority: 'Priority',
  number: 'Number',
};

/**
 * Every ticket the viewer may read, filtered, sorted and paged by cursor, all in the URL. Rows follow
 * ticket events through the cache; a ticket entering or leaving the filter re-queries the page.
 */
export function TicketsListPage() {
  const [params, setParams] = useSearchParams();
  const values = createMemo(() => parseUrlState(listFields, params));
  /** A change of filter or sort starts again at the first page. */
  const update = (change: Partial<ListValues>) => setParams(serializeUrlState(listFields, { after: '', before: '', ...change }));

  const variables = createMemo(() => {
    const current = values();
    const page = current.before ? { last: PAGE_SIZE, before: current.before } : { first: PAGE_SIZE, after: current.after || undefined };
    return { ...page, filter: toTicketFilter(current, session.user()?.id), orderBy: toTicketOrder(current.sort, current.dir) };
  });
  const [list, reexecute] = createQuery({ query: ticketsListQuery, variables });
  createEffect(on(ticketListsChanged, () => reexecute({ requestPolicy: 'network-only' }), { defer: true }));

  const tickets = () => (list.data?.tickets.nodes ?? []).map((ref) => ({ ...getFragmentData(ticketSummaryFragment, ref), thumbnail: ref.thumbnail }));

  // Bulk actions: the rows selected on this page (a new page, filter or sort starts with none).
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [bulkSummary, setBulkSummary] = createSignal('');
  let lastToggled: string | undefined;
  createEffect(on(variables, () => setSelected(new Set<string>()), { defer: true }));
  const pageIds = () => tickets().map((ticket) => ticket.id);
  const selection = {
    isSelected: (id: string) => selected().has(id),
    toggle: (id: string, range: boolean) => {
      const next = new Set(selected());
      const ids = range && lastToggled ? rangeBetween(pageIds(), lastToggled, id) : [id];
      const select = !next.has(id);
      for (const each of ids) select ? next.add(each) : next.delete(each);
      lastToggled = id;
      setSelected(next);
    },
    allSelected: () => pageIds().length > 0 && pageIds().every((id) => selected().has(id)),
    toggleAll: () => setSelected(selection.allSelected() ? new Set<string>() : new Set(pageIds())),
  };
  const numberOf = (id: string) => tickets().find((ticket) => ticket.id === id)?.number;
  /** The saved-view part of the URL: filters and sort, not the page's cursor. */
  const viewFilter = () => {
    const { after: _after, before: _before, ...rest } = serializeUrlState(listFields, values());
    return viewFilterOf(rest);
  };

  return (
    <section class="page tickets-page" aria-labelledby="tickets-title">
      <header class="tickets-header">
        <h1 class="page-title" id="tickets-title">
          Tickets
        </h1>
        <A href="/board" class="button button-quiet">
          Board view
        </A>
      </header>
      <TicketFilterBar values={values()} onChange={update} fields={['q', 'status', 'overdue']}>
        <label class="filter">
          <span class="filter-label">Sort</span>
          <select class="filter-input" value={values().sort} onChange={(event) => update({ sort: event.currentTarget.value as SortOption })}>
            <For each={SORT_OPTIONS}>{(option) => <option value={option}>{SORT_LABELS[option]}</option>}</For>
          </select>
        </label>
        <button
          type="button"
          class="button button-quiet filter-direction"
          aria-label={values().dir === 'desc' ? 'Descending; switch to ascending' : 'Ascending; switch to descending'}
          onClick={() => update({ dir: values().dir === 'desc' ? 'asc' : 'desc' })}
        >
          <span aria-hidden="true">{values().dir === 'desc' ? '↓' : '↑'}</span>
        </button>
        <LazyViewsMenu page="LIST" path="/tickets" current={viewFilter} />
      </TicketFilterBar>
      <Show when={selected().size > 0}>
        <LazyBulkBar
          ids={[...selected()]}
          numberOf={numberOf}
          onClear={() => setSelected(new Set<string>())}
          onDone={(summary) => {
            setBulkSummary(summary);
            setSelected(new Set<string>());
            reexecute({ requestPolicy: 'network-only' });
          }}
        />
      </Show>
      <p class="bulk-summary" role="status">
        {bulkSummary()}
      </p>
      <Switch>
        <Match when={list.error && !list.data}>
          <ErrorBanner message={list.error ? describeError(list.error) : undefined} />
        </Match>
        <Match when={!list.data}>
          <Loading label="Loading tickets…" />
        </Match>
        <Match when={tickets().length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">{hasFilters(values()) ? 'No tickets match these filters.' : 'No tickets yet.'}</p>
            <p class="muted">{hasFilters(values()) ? 'Try fewer filters, or clear them.' : 'Requests appear here once someone sends one.'}</p>
            <A href="/new" class="button button-primary">
              New request
            </A>
          </div>
        </Match>
        <Match when={list.data}>
          {(data) => (
            <div class="tickets-results" aria-busy={list.fetching}>
              <TicketTable tickets={tickets()} caption="Tickets" selection={selection} />
              <Pager
                shown={tickets().length}
                total={data().tickets.totalCount}
                hasPrevious={Boolean(values().after) || (Boolean(values().before) && data().tickets.pageInfo.hasPreviousPage)}
                hasNext={Boolean(values().before) || data().tickets.pageInfo.hasNextPage}
                onPrevious={() => setParams({ after: undefined, before: data().tickets.pageInfo.startCursor ?? undefined })}
                onNext={() => setParams({ before: undefined, after: data().tickets.pageInfo.endCursor ?? undefined })}
              />
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
}
