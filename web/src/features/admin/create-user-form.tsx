import { createMutation } from '@urql/solid';
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../lib/graphql-errors';
import {
  EMPTY_NEW_USER,
  type NewUser,
  type NewUserErrors,
  type NewUserField,
  ROLE_OPTIONS,
  toCreateUserInput,
  USERNAME_HINT,
  validateNewUser,
} from './user-rules';
import { createUserMutation } from './users.graphql';

export type Created = { username: string; temporaryPassword: string };

/** Creates an approved account at once; the server answers with a one-time password to pass on. */
export function CreateUserForm(props: { departments: readonly { id: string; name: string }[]; onCreated: (created: Created) => void; onCancel: () => void }) {
  const id = createUniqueId();
  const [input, setInput] = createSignal<NewUser>({ ...EMPTY_NEW_USER });
  const [errors, setErrors] = createSignal<NewUserErrors>({});
  const [failure, setFailure] = createSignal<string>();
  const [state, create] = createMutation(createUserMutation);
  let form!: HTMLFormElement;
  const set = (field: keyof NewUser) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setInput((current) => ({ ...current, [field]: value }));
    // Once a field was flagged, say as soon as it is right.
    if (errors()[field as NewUserField]) setErrors(validateNewUser(input()));
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    const found = validateNewUser(input());
    setErrors(found);
    if (Object.keys(found).length > 0) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setFailure(undefined);
    const sent = toCreateUserInput(input());
    const result = await create({ input: sent });
    const created = result.data?.createUser;
    if (result.error || !created?.temporaryPassword) {
      setFailure(result.error ? describeError(result.error) : 'The account was made without a one-time password.');
      return;
    }
    setInput({ ...EMPTY_NEW_USER });
    props.onCreated({ username: sent.username, temporaryPassword: created.temporaryPassword });
  };

  const field = (name: NewUserField, label: string, attrs: JSX.InputHTMLAttributes<HTMLInputElement>, hint?: string) => (
    <div class="field">
      <label class="field-label" for={`${id}-${name}`}>
        {label}
      </label>
      <input
        class="field-input"
        id={`${id}-${name}`}
        value={input()[name]}
        onInput={set(name)}
        aria-invalid={errors()[name] ? 'true' : undefined}
        aria-describedby={[hint ? `${id}-${name}-hint` : '', errors()[name] ? `${id}-${name}-error` : ''].join(' ').trim() || undefined}
        {...attrs}
      />
      <Show when={hint}>
        <p class="field-hint" id={`${id}-${name}-hint`}>
          {hint}
        </p>
      </Show>
      <Show when={errors()[name]}>
        {(message) => (
          <p class="field-error" id={`${id}-${name}-error`}>
            {message()}
          </p>
        )}
      </Show>
    </div>
  );

  return (
    <form ref={form} class="admin-form card" onSubmit={submit} novalidate aria-labelledby={`${id}-title`}>
      <h2 class="admin-form-title" id={`${id}-title`}>
        New user
      </h2>
      <div class="admin-form-grid">
        {field('username', 'Username', { autocomplete: 'off', autocapitalize: 'none', spellcheck: false }, USERNAME_HINT)}
        {field('displayName', 'Display name', { autocomplete: 'off' })}
        {field('email', 'E-mail', { type: 'email', autocomplete: 'off' })}
        <div class="field">
          <label class="field-label" for={`${id}-role`}>
            Role
          </label>
          <select class="field-input" id={`${id}-role`} value={input().role} onChange={set('role')}>
            <For each={ROLE_OPTIONS}>
              {(option) => (
                <option value={option.value} selected={option.value === input().role}>
                  {option.label}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-department`}>
            Department
          </label>
          <select class="field-input" id={`${id}-department`} value={input().departmentId} onChange={set('departmentId')}>
            <option value="">No department</option>
            <For each={props.departments}>
              {(department) => (
                <option value={department.id} selected={department.id === input().departmentId}>
                  {department.name}
                </option>
              )}
            </For>
          </select>
        </div>
      </div>
      <p class="muted">They get a one-time password, shown once, and choose their own at first sign-in.</p>
      <ErrorBanner message={failure()} />
      <div class="admin-form-actions">
        <button type="button" class="button button-quiet" onClick={() => props.onCancel()}>
          Cancel
        </button>
        <button type="submit" class="button button-primary" disabled={state.fetching}>
          Create user
        </button>
      </div>
    </form>
  );
}
