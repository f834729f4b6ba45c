import { A, useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, createMemo, Match, on, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import { describeError } from '../../lib/graphql-errors';
import { ticketListsChanged } from '../../lib/ticket-lists';
import { ticketSummaryFragment } from '../../lib/ticket-summary.graphql';
import { parseUrlState, textField } from '../../lib/url-state';
import { ApprovalQueue } from './approval-queue';
import { PAGE_SIZE, Pager } from './pager';
import { TicketTable } from './ticket-table';
import { myTasksListQuery } from './tickets-list.graphql';
import '../../components/section-tabs.css';
import './tickets-list.css';

const pageFields = { after: textField(), before: textField(), show: textField() };

/**
 * The viewer's work (assigned or collaborating) in the list's table, by deadline: what is still to do, and on
 * its own side what is done (completed, closed or rejected), each side counted. Above the open side, for those
 * who approve, the tickets waiting for their decision.
 */
export function MyTasksPage() {
  const [params, setParams] = useSearchParams();
  const page = createMemo(() => parseUrlState(pageFields, params));
  const open = () => page().show !== 'done';
  const variables = createMemo(() => ({
    ...(page().before ? { last: PAGE_SIZE, before: page().before } : { first: PAGE_SIZE, after: page().after || undefined }),
    open: open(),
    otherSide: !open(),
  }));
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
      <Show when={open()}>
        <ApprovalQueue />
      </Show>
      <nav class="section-tabs my-tasks-sides" aria-label="Open or done">
        <SideLink href="/my-tasks" current={open()} label="Open" count={open() ? tasks.data?.myTasks.totalCount : tasks.data?.other.totalCount} />
        <SideLink href="/my-tasks?show=done" current={!open()} label="Done" count={open() ? tasks.data?.other.totalCount : tasks.data?.myTasks.totalCount} />
      </nav>
      <Switch>
        <Match when={tasks.error && !tasks.data}>
          <ErrorBanner message={tasks.error ? describeError(tasks.error) : undefined} />
        </Match>
        <Match when={!tasks.data}>
          <Loading label="Loading your tasks…" />
        </Match>
        <Match when={tickets().length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">{open() ? 'Nothing to do right now.' : 'Nothing done yet.'}</p>
            <p class="muted">
              {open()
                ? 'Work assigned to you, or that you collaborate on, shows up here.'
                : 'Work you completed, and what was closed or rejected, shows up here.'}
            </p>
          </div>
        </Match>
        <Match when={tasks.data}>
          {(data) => (
            <div class="tickets-results" aria-busy={tasks.fetching}>
              <TicketTable tickets={tickets()} caption={open() ? 'Open tasks' : 'Done tasks'} />
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

/** One side of the work, with its count once known. */
function SideLink(props: { href: string; current: boolean; label: string; count: number | undefined }) {
  return (
    // A plain link (the router still navigates in place): <A> would mark both sides current, as they share a path.
    <a href={props.href} class="section-tab" classList={{ 'section-tab-active': props.current }} aria-current={props.current ? 'page' : undefined}>
      {props.label} <span class="my-tasks-count">{props.count ?? '…'}</span>
    </a>
  );
}
