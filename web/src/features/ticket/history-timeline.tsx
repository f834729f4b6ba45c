import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import type { TicketStatus } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { explainTicketError } from '../../lib/ticket-refusals';
import { creativeMembersQuery } from '../ticket-actions/ticket-actions.graphql';
import { fieldLabel, formatChangeValue, historyActionWords, historyNamesItsSubject, rawIdOf } from './history-format';
import { rollbackTicketMutation, ticketHistoryQuery } from './ticket.graphql';
import { formatDateTime } from './ticket-format';

/**
 * Every change to the ticket, newest first, with from → to of each field. People who may roll back get
 * "Roll back to here" on earlier entries; it asks for a reason and sends the version they saw.
 */
export function HistoryTimeline(props: { ticket: { id: string; version: number }; canRollback: boolean; liveTick: number; onChanged: () => void }) {
  const [history, refetch] = createQuery({ query: ticketHistoryQuery, variables: () => ({ id: props.ticket.id }) });
  const [rollingBack, setRollingBack] = createSignal<string>();

  createEffect(
    on(
      () => [props.liveTick, props.ticket.version],
      () => refetch({ requestPolicy: 'network-only' }),
      { defer: true },
    ),
  );

  const entries = () => history.data?.ticket?.history.nodes ?? [];
  // History keeps people as ids; the members of every department (a public list) give their names.
  const [members] = createQuery({ query: creativeMembersQuery });
  const people = () =>
    new Map((members.data?.departments ?? []).flatMap((department) => department.members.map((member) => [rawIdOf(member.id), member.displayName] as const)));

  return (
    <section class="ticket-section" aria-labelledby="history-title">
      <h2 class="ticket-section-title" id="history-title">
        History
      </h2>
      <Switch>
        <Match when={history.error && !history.data}>
          <ErrorBanner message={history.error ? describeError(history.error) : undefined} />
        </Match>
        <Match when={!history.data}>
          <Loading label="Loading history…" />
        </Match>
        <Match when={true}>
          <Show when={entries().length > 0} fallback={<p class="muted">No changes recorded yet.</p>}>
            <ol class="history-list" aria-label="History">
              <For each={entries()}>
                {(entry, index) => (
                  <li class="history-entry">
                    <span class="history-dot" aria-hidden="true" />
                    <div class="history-main">
                      <p class="history-line">
                        <strong>{entry.actor?.displayName ?? 'System'}</strong> {historyActionWords(entry)}
                        <Show when={statusChange(entry)}>
                          {(change) => (
                            <span class="history-status">
                              <StatusBadge status={change().from} />
                              <span aria-hidden="true">→</span>
                              <span class="visually-hidden">to</span>
                              <StatusBadge status={change().to} />
                            </span>
                          )}
                        </Show>
                        <time class="history-time" datetime={entry.createdAt}>
                          {formatDateTime(entry.createdAt)}
                        </time>
                      </p>
                      <Show when={entry.reason}>
                        <p class="history-reason">“{entry.reason}”</p>
                      </Show>
                      <Show when={!historyNamesItsSubject(entry) && entry.changes.filter((change) => change.field !== 'status').length > 0}>
                        <ul class="history-changes">
                          <For each={entry.changes.filter((change) => change.field !== 'status')}>
                            {(change) => (
                              <li>
                                <span class="history-field">{fieldLabel(change.field)}</span>
                                <span class="history-from">{formatChangeValue(change.field, change.from, people())}</span>
                                <span class="history-arrow" aria-hidden="true">
                                  →
                                </span>
                                <span class="visually-hidden">changed to</span>
                                <span class="history-to">{formatChangeValue(change.field, change.to, people())}</span>
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                      <Show when={props.canRollback && index() > 0}>
                        <Show
                          when={rollingBack() === entry.id}
                          fallback={
                            <button type="button" class="link-button history-rollback" onClick={() => setRollingBack(entry.id)}>
                              Roll back to here
                            </button>
                          }
                        >
                          <RollbackForm
                            ticket={props.ticket}
                            entryId={entry.id}
                            when={formatDateTime(entry.createdAt)}
                            onCancel={() => setRollingBack(undefined)}
                            onReload={props.onChanged}
                            onDone={() => {
                              setRollingBack(undefined);
                              props.onChanged();
                            }}
                          />
                        </Show>
                      </Show>
                    </div>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </Match>
      </Switch>
    </section>
  );
}

/** The status move an entry records, when it moved the status at all. */
function statusChange(entry: { fromStatus?: TicketStatus | null; toStatus?: TicketStatus | null }): { from: TicketStatus; to: TicketStatus } | undefined {
  const { fromStatus: from, toStatus: to } = entry;
  return from && to && from !== to ? { from, to } : undefined;
}

function RollbackForm(props: {
  ticket: { id: string; version: number };
  entryId: string;
  when: string;
  onCancel: () => void;
  onReload: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [state, rollback] = createMutation(rollbackTicketMutation);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!reason().trim()) {
      setError('Say why you roll back: the reason is kept in the history.');
      return;
    }
    setError(undefined);
    const result = await rollback({
      input: { id: props.ticket.id, historyEntryId: props.entryId, reason: reason().trim(), expectedVersion: props.ticket.version },
    });
    if (!result.error) return props.onDone();
    const refusal = explainTicketError(result.error);
    if (refusal.reload) props.onReload();
    setError(refusal.message);
  };

  return (
    <form class="rollback-form" onSubmit={submit}>
      <p class="muted">
        Status, assignee, collaborators, title, description, priority, request details, hours, schedule, due date and revision count go back to how they were
        after this change ({props.when}). Comments, attachments and product items stay as they are.
      </p>
      <Field label="Reason for rollback" error={error()}>
        {(control) => (
          <textarea
            ref={(element) => queueMicrotask(() => element.focus())}
            class="field-input"
            rows={2}
            {...control}
            value={reason()}
            onInput={(event) => setReason(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}
          />
        )}
      </Field>
      <div class="editable-buttons">
        <button type="submit" class="button button-primary button-small button-danger" disabled={state.fetching}>
          Roll back
        </button>
        <button type="button" class="button button-quiet button-small" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
