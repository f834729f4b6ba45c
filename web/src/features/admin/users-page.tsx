import { useSearchParams } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import type { AdminUserFragment } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { parseUrlState, serializeUrlState, textField } from '../../lib/url-state';
import { type Created, CreateUserForm } from './create-user-form';
import { OneTimePassword } from './one-time-password';
import { PendingUsers } from './pending-users';
import { UserRow } from './user-row';
import { adminUserFragment, adminUsersQuery, resetUserPasswordMutation, usersContextQuery } from './users.graphql';
import './admin.css';

const PAGE_SIZE = 100;
const fields = { q: textField() };

/**
 * People. Admins approve registrations, create accounts (a one-time password shown once), change role,
 * department and active state, and reset passwords; managers see their own department's people.
 */
export function UsersPage() {
  const [params, setParams] = useSearchParams();
  const values = createMemo(() => parseUrlState(fields, params));
  const [context] = createQuery({ query: usersContextQuery });
  const viewer = () => context.data?.viewer;
  const isAdmin = () => viewer()?.role === 'ADMIN';
  const departments = () => context.data?.departments ?? [];

  const filter = createMemo(() => {
    const search = values().q || undefined;
    return isAdmin() ? { pendingApproval: false, search } : { departmentId: viewer()?.department?.id ?? '', search };
  });
  const [list, refetchList] = createQuery({
    query: adminUsersQuery,
    variables: () => ({ first: PAGE_SIZE, filter: filter() }),
    pause: () => !viewer() || (!isAdmin() && !viewer()?.department),
  });
  const [pending, refetchPending] = createQuery({
    query: adminUsersQuery,
    variables: { first: PAGE_SIZE, filter: { pendingApproval: true } },
    pause: () => !isAdmin(),
  });
  const refresh = () => {
    refetchList({ requestPolicy: 'network-only' });
    refetchPending({ requestPolicy: 'network-only' });
  };
  const listed = () => getFragmentData(adminUserFragment, list.data?.users.nodes ?? []);
  const waiting = () => getFragmentData(adminUserFragment, pending.data?.users.nodes ?? []);

  const [creating, setCreating] = createSignal(false);
  const [oneTime, setOneTime] = createSignal<Created>();
  const [resetting, setResetting] = createSignal<AdminUserFragment>();
  const [, reset] = createMutation(resetUserPasswordMutation);

  const confirmReset = async (user: AdminUserFragment) => {
    const result = await reset({ input: { id: user.id } });
    const password = result.data?.resetUserPassword.temporaryPassword;
    if (result.error || !password) return result.error ? describeError(result.error) : 'No one-time password came back.';
    setResetting(undefined);
    setOneTime({ username: user.username, temporaryPassword: password });
    return undefined;
  };

  return (
    <section class="page admin-page" aria-labelledby="users-title">
      <header class="admin-header">
        <h1 class="page-title" id="users-title">
          Users
        </h1>
        <Show when={isAdmin() && !creating()}>
          <button type="button" class="button button-primary" onClick={() => setCreating(true)}>
            Create user
          </button>
        </Show>
      </header>
      <Switch>
        <Match when={context.error && !context.data}>
          <ErrorBanner message={context.error ? describeError(context.error) : undefined} />
        </Match>
        <Match when={!viewer()}>
          <Loading label="Loading people…" />
        </Match>
        <Match when={viewer()?.role === 'MEMBER' || (!isAdmin() && !viewer()?.department)}>
          <div class="empty-state">
            <p class="empty-state-title">Only admins and department managers can see this page.</p>
          </div>
        </Match>
        <Match when={viewer()}>
          <Show when={!isAdmin()}>
            <p class="muted">The people of {viewer()?.department?.name}. Only admins can change accounts.</p>
          </Show>
          <Show when={oneTime()}>
            {(shown) => <OneTimePassword username={shown().username} password={shown().temporaryPassword} onDone={() => setOneTime(undefined)} />}
          </Show>
          <Show when={creating()}>
            <CreateUserForm
              departments={departments()}
              onCancel={() => setCreating(false)}
              onCreated={(created) => {
                setCreating(false);
                setOneTime(created);
                refresh();
              }}
            />
          </Show>
          <Show when={isAdmin()}>
            <Show when={pending.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Show>
            <PendingUsers users={waiting()} onDecided={refresh} />
          </Show>
          <form
            class="admin-toolbar"
            onSubmit={(event) => {
              event.preventDefault();
              const input = event.currentTarget.elements.namedItem('q') as HTMLInputElement;
              setParams(serializeUrlState(fields, { q: input.value }));
            }}
          >
            <label class="filter">
              <span class="filter-label">Search people</span>
              <input
                class="field-input"
                type="search"
                name="q"
                value={values().q}
                placeholder="Name or username"
                onChange={(event) => setParams(serializeUrlState(fields, { q: event.currentTarget.value }))}
              />
            </label>
          </form>
          <Switch>
            <Match when={list.error && !list.data}>
              <ErrorBanner message={list.error ? describeError(list.error) : undefined} />
            </Match>
            <Match when={!list.data}>
              <Loading label="Loading people…" />
            </Match>
            <Match when={listed().length === 0}>
              <div class="empty-state">
                <p class="empty-state-title">{values().q ? 'Nobody matches this search.' : 'Nobody here yet.'}</p>
              </div>
            </Match>
            <Match when={list.data}>
              {(data) => (
                <div class="admin-results" aria-busy={list.fetching}>
                  <table class="data-table admin-table">
                    <caption class="visually-hidden">People</caption>
                    <thead>
                      <tr>
                        <th scope="col">Person</th>
                        <th scope="col">Role</th>
                        <th scope="col">Department</th>
                        <th scope="col">Status</th>
                        <Show when={isAdmin()}>
                          <th scope="col">
                            <span class="visually-hidden">Actions</span>
                          </th>
                        </Show>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={listed()}>
                        {(user) => (
                          <UserRow
                            user={user}
                            departments={departments()}
                            editable={isAdmin() && user.id !== viewer()?.id}
                            canReset={isAdmin()}
                            onReset={() => setResetting(user)}
                          />
                        )}
                      </For>
                    </tbody>
                  </table>
                  <Show when={data().users.totalCount > data().users.nodes.length}>
                    <p class="muted">
                      Showing {data().users.nodes.length} of {data().users.totalCount}. Search to find someone else.
                    </p>
                  </Show>
                </div>
              )}
            </Match>
          </Switch>
        </Match>
      </Switch>
      <Show when={resetting()}>
        {(user) => (
          <ConfirmDialog
            title={`Reset the password of ${user().displayName}?`}
            confirmLabel="Reset password"
            onConfirm={() => confirmReset(user())}
            onClose={() => setResetting(undefined)}
          >
            <p>Every session of @{user().username} ends now. You get a one-time password to pass on; they must choose a new one at sign-in.</p>
          </ConfirmDialog>
        )}
      </Show>
    </section>
  );
}
