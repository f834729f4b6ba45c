import { A, useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, createMemo, createUniqueId, For, Match, on, Show, Switch } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { describeError } from '../../lib/graphql-errors';
import { latestTicketEvent } from '../../lib/ticket-events';
import { serializeUrlState } from '../../lib/url-state';
import { activityLogQuery, activityPeopleQuery, activityTicketQuery } from './activity.graphql';
import { type ActivityValues, activityFields, hasActivityFilters, parseActivityState, toActivityFilter } from './activity-filters';
import { afterActor } from './activity-sentence';
import '../admin/admin.css';

const PAGE_SIZE = 50;
const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Who did what, newest first, filtered by person, ticket and days (all in the URL). New entries arrive
 * live: every ticket event the shell's stream receives re-reads the first page.
 */
export function ActivityPage() {
  const id = createUniqueId();
  const [params, setParams] = useSearchParams();
  const values = createMemo(() => parseActivityState(params));
  /** A change of filter starts again at the newest entries. */
  const update = (change: Partial<ActivityValues>) => setParams(serializeUrlState(activityFields, { after: '', ...change }));

  const [people] = createQuery({ query: activityPeopleQuery });
  const [lookup] = createQuery({ query: activityTicketQuery, variables: () => ({ search: `#${values().ticket}` }), pause: () => !values().ticket });
  const ticketId = createMemo(() => lookup.data?.tickets.nodes.find((ticket) => String(ticket.number) === values().ticket)?.id);
  const ticketUnknown = () => Boolean(values().ticket) && Boolean(lookup.data) && !ticketId() && !lookup.fetching;

  const [log, reexecute] = createQuery({
    query: activityLogQuery,
    variables: () => ({ first: PAGE_SIZE, after: values().after || undefined, filter: toActivityFilter(values(), ticketId()) }),
    pause: () => Boolean(values().ticket) && !ticketId(),
  });
  createEffect(
    on(
      latestTicketEvent,
      () => {
        if (!values().after) reexecute({ requestPolicy: 'network-only' });
      },
      { defer: true },
    ),
  );
  const entries = () => log.data?.activityLog.nodes ?? [];

  return (
    <section class="page admin-page" aria-labelledby="activity-title">
      <header class="admin-header">
        <h1 class="page-title" id="activity-title">
          Activity
        </h1>
        <span class="muted admin-live">Updates live</span>
      </header>
      <form class="admin-toolbar" aria-label="Filter activity" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label class="field-label" for={`${id}-person`}>
            Person
          </label>
          <select class="field-input" id={`${id}-person`} value={values().person} onChange={(event) => update({ person: event.currentTarget.value })}>
            <option value="">Everyone</option>
            <For each={people.data?.users.nodes}>
              {(person) => (
                <option value={person.id} selected={person.id === values().person}>
                  {person.displayName}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-ticket`}>
            Ticket number
          </label>
          <input
            class="field-input admin-narrow"
            id={`${id}-ticket`}
            inputmode="numeric"
            value={values().ticket}
            placeholder="e.g. 42"
            onChange={(event) => update({ ticket: event.currentTarget.value.trim().replace(/^#/, '') })}
          />
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-from`}>
            From
          </label>
          <input class="field-input" id={`${id}-from`} type="date" value={values().from} onChange={(event) => update({ from: event.currentTarget.value })} />
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-to`}>
            To
          </label>
          <input class="field-input" id={`${id}-to`} type="date" value={values().to} onChange={(event) => update({ to: event.currentTarget.value })} />
        </div>
        <Show when={hasActivityFilters(values())}>
          <button type="button" class="button button-quiet" onClick={() => update({ person: '', ticket: '', from: '', to: '' })}>
            Clear filters
          </button>
        </Show>
      </form>
      <Switch>
        <Match when={ticketUnknown()}>
          <div class="empty-state">
            <p class="empty-state-title">No ticket #{values().ticket} that you can read.</p>
            <p class="muted">Check the number, or clear the ticket filter.</p>
          </div>
        </Match>
        <Match when={(log.error && !log.data) || lookup.error}>
          <ErrorBanner message={log.error ? describeError(log.error) : lookup.error ? describeError(lookup.error) : undefined} />
        </Match>
        <Match when={!log.data}>
          <Loading label="Loading activity…" />
        </Match>
        <Match when={entries().length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">{hasActivityFilters(values()) ? 'Nothing matches these filters.' : 'No activity yet.'}</p>
            <p class="muted">{hasActivityFilters(values()) ? 'Try a wider range, or clear the filters.' : 'Changes to tickets appear here as they happen.'}</p>
          </div>
        </Match>
        <Match when={log.data}>
          {(data) => (
            <>
              <ol class="activity-list" aria-label="Activity, newest first" aria-busy={log.fetching}>
                <For each={entries()}>
                  {(entry) => (
                    <li class="activity-item">
                      <Avatar name={entry.actor?.displayName ?? 'System'} />
                      <div class="activity-body">
                        <p>
                          <strong>{entry.actor?.displayName ?? 'System'}</strong> {afterActor(entry.summary, entry.actor?.username)}
                        </p>
                        <p class="muted activity-meta">
                          <time datetime={entry.createdAt}>{whenFormat.format(new Date(entry.createdAt))}</time>
                          <Show when={entry.ticket}>
                            {(ticket) => (
                              <>
                                {' · '}
                                <A href={`/tickets/${ticket().number}`}>
                                  #{ticket().number} {ticket().title}
                                </A>
                              </>
                            )}
                          </Show>
                        </p>
                      </div>
                    </li>
                  )}
                </For>
              </ol>
              <Show when={data().activityLog.pageInfo.hasNextPage || values().after}>
                <nav class="admin-pager" aria-label="Pages">
                  <span class="muted">{data().activityLog.totalCount} entries</span>
                  <button type="button" class="button button-quiet" disabled={!values().after} onClick={() => setParams({ after: undefined })}>
                    Newest
                  </button>
                  <button
                    type="button"
                    class="button button-quiet"
                    disabled={!data().activityLog.pageInfo.hasNextPage}
                    onClick={() => setParams({ after: data().activityLog.pageInfo.endCursor ?? undefined })}
                  >
                    Older →
                  </button>
                </nav>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
