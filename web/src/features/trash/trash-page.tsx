import { A } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import { describeError } from '../../lib/graphql-errors';
import { WHO_RESTORES } from '../ticket-actions';
import { purgeTicketMutation, restoreFromTrashMutation, trashQuery } from './trash.graphql';
import '../admin/admin.css';

const PAGE_SIZE = 50;
const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type Trashed = { id: string; number: number; title: string };

/**
 * Deleted tickets the viewer may bring back (admins may also delete them for good, after confirming), and the
 * requests they deleted themselves, which a requester may not restore: their row says who can.
 */
export function TrashPage() {
  const [after, setAfter] = createSignal<string>();
  const [data, refetch] = createQuery({ query: trashQuery, variables: () => ({ first: PAGE_SIZE, after: after() }) });
  const [restoring, restore] = createMutation(restoreFromTrashMutation);
  const [, purge] = createMutation(purgeTicketMutation);
  const [notice, setNotice] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [purging, setPurging] = createSignal<Trashed>();
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  const runRestore = async (ticket: Trashed) => {
    setFailure(undefined);
    setNotice(undefined);
    const result = await restore({ input: { id: ticket.id } });
    if (result.error) return setFailure(describeError(result.error));
    setNotice(`#${ticket.number} ${ticket.title} is back.`);
    refresh();
  };
  const runPurge = async (ticket: Trashed) => {
    const result = await purge({ input: { id: ticket.id } });
    if (result.error) return describeError(result.error);
    setPurging(undefined);
    setNotice(`#${ticket.number} was deleted for good.`);
    refresh();
    return undefined;
  };

  return (
    <section class="page admin-page" aria-labelledby="trash-title">
      <header class="admin-header">
        <h1 class="page-title" id="trash-title">
          Trash
        </h1>
      </header>
      <p class="admin-notice" role="status">
        <Show when={notice()}>
          {(text) => (
            <>
              {text()}{' '}
              <Show when={!text().includes('for good')}>
                <A href="/board">Open the board</A>
              </Show>
            </>
          )}
        </Show>
      </p>
      <ErrorBanner message={failure()} />
      <Switch>
        <Match when={data.error && !data.data}>
          <ErrorBanner message={data.error ? describeError(data.error) : undefined} />
        </Match>
        <Match when={!data.data}>
          <Loading label="Loading the trash…" />
        </Match>
        <Match when={data.data?.trash.nodes.length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">The trash is empty.</p>
            <p class="muted">Deleted tickets you may restore, and requests you deleted, appear here.</p>
          </div>
        </Match>
        <Match when={data.data}>
          <table class="data-table admin-table" aria-busy={data.fetching}>
            <caption class="visually-hidden">Deleted tickets</caption>
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Status</th>
                <th scope="col">Deleted</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={data.data?.trash.nodes}>
                {(ticket) => (
                  <tr class="admin-row">
                    <td class="admin-col-main">
                      <span class="admin-row-name">
                        #{ticket.number} {ticket.title}
                      </span>
                      <span class="admin-row-sub muted">{ticket.department.name}</span>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={ticket.status} />
                    </td>
                    <td data-label="Deleted" class="muted">
                      <Show when={ticket.deletedAt}>{(at) => <time datetime={at()}>{whenFormat.format(new Date(at()))}</time>}</Show>
                      <Show when={ticket.deletedBy}>{(by) => <> by {by().displayName}</>}</Show>
                    </td>
                    <td class="admin-col-actions">
                      <Show when={ticket.availableActions.includes('RESTORE')} fallback={<span class="muted">{WHO_RESTORES}</span>}>
                        <button type="button" class="button button-primary" disabled={restoring.fetching} onClick={() => runRestore(ticket)}>
                          Restore<span class="visually-hidden"> #{ticket.number}</span>
                        </button>
                      </Show>
                      <Show when={ticket.availableActions.includes('PURGE')}>
                        <button type="button" class="button button-quiet admin-danger-text" onClick={() => setPurging(ticket)}>
                          Delete for good<span class="visually-hidden"> #{ticket.number}</span>
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <Show when={data.data?.trash.pageInfo.hasNextPage || after()}>
            <nav class="admin-pager" aria-label="Pages">
              <button type="button" class="button button-quiet" disabled={!after()} onClick={() => setAfter(undefined)}>
                Newest deletions
              </button>
              <button
                type="button"
                class="button button-quiet"
                disabled={!data.data?.trash.pageInfo.hasNextPage}
                onClick={() => setAfter(data.data?.trash.pageInfo.endCursor ?? undefined)}
              >
                Older →
              </button>
            </nav>
          </Show>
        </Match>
      </Switch>
      <Show when={purging()}>
        {(ticket) => (
          <ConfirmDialog
            title={`Delete #${ticket().number} for good?`}
            confirmLabel="Delete for good"
            danger
            onConfirm={() => runPurge(ticket())}
            onClose={() => setPurging(undefined)}
          >
            <p>“{ticket().title}” and its comments, files and history will be gone. This cannot be undone.</p>
          </ConfirmDialog>
        )}
      </Show>
    </section>
  );
}
