import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { RoleBadge } from '../../components/role-badge';
import { useToast } from '../../components/toast';
import type { AdminUserFragment, Role } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { ROLE_OPTIONS } from './user-rules';
import { updateUserMutation } from './users.graphql';

type Department = { id: string; name: string };

/**
 * One person. An admin changes role, department and active state in place (each change is saved at once;
 * a deactivation after "are you sure", then with Undo) and resets the password; anyone else, and an admin on
 * their own row, reads.
 */
export function UserRow(props: { user: AdminUserFragment; departments: readonly Department[]; editable: boolean; canReset: boolean; onReset: () => void }) {
  const [state, update] = createMutation(updateUserMutation);
  const [failure, setFailure] = createSignal<string>();
  const toast = useToast();
  const [confirming, setConfirming] = createSignal(false);
  /** Saves one change; resolves with the refusal in words, or undefined when it went through. */
  const save = async (change: { role?: Role; departmentId?: string | null; isActive?: boolean }) => {
    setFailure(undefined);
    const result = await update({ input: { id: props.user.id, ...change } });
    const refusal = result.error ? describeError(result.error) : undefined;
    setFailure(refusal);
    return refusal;
  };
  const name = () => props.user.displayName;
  const setActive = async (isActive: boolean) => {
    const refusal = await save({ isActive });
    if (refusal) return refusal;
    toast.show(
      isActive ? { message: `Reactivated ${name()}.` } : { message: `Deactivated ${name()}.`, action: { label: 'Undo', run: () => void setActive(true) } },
    );
    return undefined;
  };
  const deactivate = async () => {
    const refusal = await setActive(false);
    if (!refusal) setConfirming(false);
    return refusal;
  };

  return (
    <tr class="admin-row" classList={{ 'admin-row-inactive': !props.user.isActive }}>
      <td class="admin-col-main">
        <span class="admin-row-name">{name()}</span> <span class="muted">@{props.user.username}</span>
        <Show when={props.user.email}>
          <span class="admin-row-sub muted">{props.user.email}</span>
        </Show>
        <Show when={props.user.mustChangePassword}>
          <span class="badge badge-notice">Must change password</span>
        </Show>
        <Show when={failure()}>
          <span class="admin-row-error" role="alert">
            {failure()}
          </span>
        </Show>
      </td>
      <td data-label="Role">
        <Show when={props.editable} fallback={<RoleBadge role={props.user.role} />}>
          <select
            class="field-input admin-select"
            aria-label={`Role of ${name()}`}
            value={props.user.role}
            disabled={state.fetching}
            onChange={(event) => save({ role: event.currentTarget.value as Role })}
          >
            <For each={ROLE_OPTIONS}>
              {(option) => (
                <option value={option.value} selected={option.value === props.user.role}>
                  {option.label}
                </option>
              )}
            </For>
          </select>
        </Show>
      </td>
      <td data-label="Department">
        <Show when={props.editable} fallback={<span>{props.user.department?.name ?? '—'}</span>}>
          <select
            class="field-input admin-select"
            aria-label={`Department of ${name()}`}
            value={props.user.department?.id ?? ''}
            disabled={state.fetching}
            onChange={(event) => save({ departmentId: event.currentTarget.value || null })}
          >
            <option value="">No department</option>
            <For each={props.departments}>
              {(department) => (
                <option value={department.id} selected={department.id === props.user.department?.id}>
                  {department.name}
                </option>
              )}
            </For>
          </select>
        </Show>
      </td>
      <td data-label="Active">
        <Show when={props.editable} fallback={<span>{props.user.isActive ? 'Active' : 'Inactive'}</span>}>
          <label class="admin-check">
            <input
              type="checkbox"
              checked={props.user.isActive}
              disabled={state.fetching}
              onChange={(event) => {
                if (event.currentTarget.checked) return void setActive(true);
                // Stays checked until the admin confirms: the box shows what is saved.
                event.currentTarget.checked = true;
                setConfirming(true);
              }}
            />
            Active<span class="visually-hidden">: {name()}</span>
          </label>
          <Show when={confirming()}>
            {/* Out of the table: a cell's layout (no wrapping on wide screens) is no place for a dialog. */}
            <Portal>
              <ConfirmDialog title={`Deactivate ${name()}?`} confirmLabel="Deactivate" danger onConfirm={deactivate} onClose={() => setConfirming(false)}>
                <p>
                  @{props.user.username} is signed out everywhere and can no longer sign in or be assigned work. Their tickets and history stay; you can
                  reactivate them here.
                </p>
              </ConfirmDialog>
            </Portal>
          </Show>
        </Show>
      </td>
      <Show when={props.canReset}>
        <td class="admin-col-actions">
          <button type="button" class="button button-quiet" onClick={() => props.onReset()}>
            Reset password<span class="visually-hidden"> for {name()}</span>
          </button>
        </td>
      </Show>
    </tr>
  );
}
