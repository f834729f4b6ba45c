import { createMutation } from '@urql/solid';
import { createSignal, createUniqueId, For } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import type { Role } from '../../gql/graphql';
import { describeError, errorField } from '../../lib/graphql-errors';
import { ROLE_OPTIONS } from '../admin/user-rules';
import { createServiceAccountMutation } from './service-accounts.graphql';

/** Makes a service account: a name (shown as "<name> (service)"), a role and a department, no password. */
export function ServiceAccountForm(props: { departments: readonly { id: string; name: string }[]; onCreated: () => void }) {
  const id = createUniqueId();
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('MEMBER');
  const [departmentId, setDepartmentId] = createSignal('');
  const [nameError, setNameError] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [state, create] = createMutation(createServiceAccountMutation);
  let nameInput!: HTMLInputElement;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    setFailure(undefined);
    if (!name().trim()) {
      setNameError('Name the integration, e.g. “Zapier”.');
      nameInput.focus();
      return;
    }
    setNameError(undefined);
    const result = await create({ input: { name: name().trim(), role: role(), departmentId: departmentId() || null } });
    if (result.error) {
      // A taken or unusable name is the name's problem (the username is made from it).
      if (['name', 'username'].includes(errorField(result.error) ?? '')) {
        setNameError(describeError(result.error));
        nameInput.focus();
      } else setFailure(describeError(result.error));
      return;
    }
    setName('');
    props.onCreated();
  };

  return (
    <form class="admin-form card" onSubmit={submit} novalidate aria-labelledby={`${id}-title`}>
      <h2 class="admin-form-title" id={`${id}-title`}>
        New service account
      </h2>
      <div class="admin-form-grid">
        <Field label="Name" error={nameError()} hint="Shown as “Name (service)” in history.">
          {(control) => (
            <input ref={nameInput} class="field-input" {...control} autocomplete="off" value={name()} onInput={(event) => setName(event.currentTarget.value)} />
          )}
        </Field>
        <Field label="Role" hint="It may do what a person with this role may.">
          {(control) => (
            <select class="field-input" {...control} onChange={(event) => setRole(event.currentTarget.value as Role)}>
              <For each={ROLE_OPTIONS}>
                {(option) => (
                  <option value={option.value} selected={option.value === role()}>
                    {option.label}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <Field label="Department">
          {(control) => (
            <select class="field-input" {...control} onChange={(event) => setDepartmentId(event.currentTarget.value)}>
              <option value="">No department</option>
              <For each={props.departments}>
                {(department) => (
                  <option value={department.id} selected={department.id === departmentId()}>
                    {department.name}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
      </div>
      <ErrorBanner message={failure()} />
      <div class="admin-form-actions">
        <button type="submit" class="button button-primary" disabled={state.fetching}>
          Create service account
        </button>
      </div>
    </form>
  );
}
