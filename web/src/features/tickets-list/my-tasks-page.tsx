import { A, useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, createMemo, Match, on, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import { ticketListsChanged } from '../../lib/cache';
import { describeError } from '../../lib/graphql-errors';
import { ticketSummaryFragment } from '../../lib/ticket-summary.graphql';
import { parseUrlState, textField } from '../../lib/url-state';
import { Pager } from './pager';
import { TicketTable } from './ticket-table';
import { myTasksListQuery } from './tickets-list.graphql';
import { PAGE_SIZE } from './tickets-list-page';
import './tickets-list.css';

const pageFields = { after: textField(), before: textField() };

/** The viewer's work (assigned or collaborating), open first then by deadline, in the list's table. */
export function MyTasksPage() {
  const [params, setParams] = useSearchParams();
  const page = createMemo(() => parseUrlState(pageFields, params));
  const variables = createMemo(() => (page().before ? { last: PAGE_SIZE, before: page().before } : { first: PAGE_SIZE, after: page().after || undefined }));
  const [tasks, reexecute] = createQuery({ query: myTasksListQuery, variables });
  createEffect(on(ticketListsChanged, () => reexecute({ requestPolicy: 'network-only' }), { defer: true }));
  const tickets = () => (tasks.data?.myTasks.nodes ?? []).map((ref) => getFragmentData(ticketSummaryFragment, ref));

  return (
    <section class="page tickets-page" aria-labelledby="my-tasks-title">
      <header class="tickets-header">
        <h1 class="page-title" id="my-tasks-title">
          My tasks
        </h1>
        <A href="/board?mine=assigned" class="button button-quiet">
          On the board
        </A>
      </header>
      <Switch>
        <Match when={tasks.error && !tasks.data}>
          <ErrorBanner message={tasks.error ? describeError(tasks.error) : undefined} />
        </Match>
        <Match when={!tasks.data}>
          <Loading label="Loading your tasks…" />
        </Match>
        <Match when={tickets().length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">Nothing assigned to you right now.</p>
            <p class="muted">Work assigned to you, or that you collaborate on, shows up here.</p>
          </div>
        </Match>
        <Match when={tasks.data}>
          {(data) => (
            <div class="tickets-results" aria-busy={tasks.fetching}>
              <TicketTable tickets={tickets()} caption="My tasks" />
              <Pager
                shown={tickets().length}
                total={data().myTasks.totalCount}
                hasPrevious={Boolean(page().after) || (Boolean(page().before) && data().myTasks.pageInfo.hasPreviousPage)}
                hasNext={Boolean(page().before) || data().myTasks.pageInfo.hasNextPage}
                onPrevious={() => setParams({ after: undefined, before: data().myTasks.pageInfo.startCursor ?? undefined })}
                onNext={() => setParams({ before: undefined, after: data().myTasks.pageInfo.endCursor ?? undefined })}
              />
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
}
