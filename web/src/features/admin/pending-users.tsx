import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import type { AdminUserFragment } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { approveUserMutation } from './users.graphql';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Self-registered accounts waiting for an admin: one "Approve" each. Nothing shows when none wait. */
export function PendingUsers(props: { users: readonly AdminUserFragment[]; onApproved: () => void }) {
  const [state, approve] = createMutation(approveUserMutation);
  const [failure, setFailure] = createSignal<string>();
  const run = async (user: AdminUserFragment) => {
    setFailure(undefined);
    const result = await approve({ input: { id: user.id } });
    if (result.error) setFailure(describeError(result.error));
    else props.onApproved();
  };
  return (
    <Show when={props.users.length > 0}>
      <section class="admin-pending card" aria-labelledby="pending-title">
        <h2 class="admin-section-title" id="pending-title">
          Waiting for approval ({props.users.length})
        </h2>
        <ErrorBanner message={failure()} />
        <ul class="admin-pending-list">
          <For each={props.users}>
            {(user) => (
              <li class="admin-pending-item">
                <div>
                  <span class="admin-row-name">{user.displayName}</span> <span class="muted">@{user.username}</span>
                  <span class="admin-row-sub muted">
                    {[user.email, user.department?.name, `registered ${dateFormat.format(new Date(user.createdAt))}`].filter(Boolean).join(' · ')}
                  </span>
                </div>
                <button type="button" class="button button-primary" disabled={state.fetching} onClick={() => run(user)}>
                  Approve<span class="visually-hidden"> {user.displayName}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
