import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import type { AdminUserFragment } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { approveUserMutation, declineRegistrationMutation } from './users.graphql';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * Self-registered accounts waiting for an admin: "Approve" or "Decline" each (declining deletes the account
 * and frees its username; the person may register again). Nothing shows when none wait.
 */
export function PendingUsers(props: { users: readonly AdminUserFragment[]; onDecided: () => void }) {
  const [approval, approve] = createMutation(approveUserMutation);
  const [declining, decline] = createMutation(declineRegistrationMutation);
  const [failure, setFailure] = createSignal<string>();
  const busy = () => approval.fetching || declining.fetching;
  const run = async (send: typeof approve | typeof decline, user: AdminUserFragment) => {
    setFailure(undefined);
    const result = await send({ input: { id: user.id } });
    if (result.error) setFailure(describeError(result.error));
    else props.onDecided();
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
                <div class="admin-pending-actions">
                  <button type="button" class="button button-primary" disabled={busy()} onClick={() => run(approve, user)}>
                    Approve<span class="visually-hidden"> {user.displayName}</span>
                  </button>
                  <button type="button" class="button button-danger" disabled={busy()} onClick={() => run(decline, user)}>
                    Decline<span class="visually-hidden"> {user.displayName}</span>
                  </button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
