import { createMutation, createQuery } from '@urql/solid';
import { createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { describeError } from '../../lib/graphql-errors';
import { adminDepartmentsQuery, createDepartmentMutation, setDepartmentManagerMutation } from './departments.graphql';
import { NewByNameForm } from './new-by-name-form';
import './admin.css';

type Person = { id: string; displayName: string; username: string };

/** Departments with their managers and size; an admin adds one and names its manager. */
export function DepartmentsPage() {
  const [data, refetch] = createQuery({ query: adminDepartmentsQuery });
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const people = () => data.data?.users.nodes ?? [];

  return (
    <section class="page admin-page" aria-labelledby="departments-title">
      <header class="admin-header">
        <h1 class="page-title" id="departments-title">
          Departments
        </h1>
      </header>
      <NewDepartmentForm onCreated={refresh} />
      <Switch>
        <Match when={data.error && !data.data}>
          <ErrorBanner message={data.error ? describeError(data.error) : undefined} />
        </Match>
        <Match when={!data.data}>
          <Loading label="Loading departments…" />
        </Match>
        <Match when={data.data?.departments.length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">No departments yet.</p>
            <p class="muted">Add the first one above.</p>
          </div>
        </Match>
        <Match when={data.data}>
          <ul class="admin-cards" aria-busy={data.fetching}>
            <For each={data.data?.departments}>
              {(department) => (
                <li class="card admin-card">
                  <h2 class="admin-section-title">
                    {department.name}
                    <Show when={department.isCreative}>
                      {' '}
                      <span class="badge badge-notice">Creative</span>
                    </Show>
                  </h2>
                  <p class="muted">
                    {department.members.length} active member{department.members.length === 1 ? '' : 's'} · Managed by{' '}
                    {department.members
                      .filter((member) => member.role === 'MANAGER')
                      .map((member) => member.displayName)
                      .join(', ') || 'nobody yet'}
                  </p>
                  <ManagerPicker departmentId={department.id} departmentName={department.name} people={people()} onSet={refresh} />
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </section>
  );
}

function NewDepartmentForm(props: { onCreated: () => void }) {
  const [creative, setCreative] = createSignal(false);
  const [state, create] = createMutation(createDepartmentMutation);
  return (
    <NewByNameForm
      title="New department"
      submitLabel="Add department"
      fetching={state.fetching}
      create={(name) => create({ input: { name, isCreative: creative() } })}
      onCreated={() => {
        setCreative(false);
        props.onCreated();
      }}
    >
      <label class="admin-check">
        <input type="checkbox" checked={creative()} onChange={(event) => setCreative(event.currentTarget.checked)} />
        Creative department (gives the second approval and does the work)
      </label>
    </NewByNameForm>
  );
}

function ManagerPicker(props: { departmentId: string; departmentName: string; people: readonly Person[]; onSet: () => void }) {
  const id = createUniqueId();
  const [picked, setPicked] = createSignal('');
  const [failure, setFailure] = createSignal<string>();
  const [state, setManager] = createMutation(setDepartmentManagerMutation);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!picked()) return setFailure('Pick a person first.');
    setFailure(undefined);
    const result = await setManager({ input: { departmentId: props.departmentId, userId: picked() } });
    if (result.error) return setFailure(describeError(result.error));
    setPicked('');
    props.onSet();
  };
  return (
    <form class="admin-inline" onSubmit={submit}>
      <div class="field">
        <label class="field-label" for={`${id}-person`}>
          Set manager of {props.departmentName}
        </label>
        <select class="field-input" id={`${id}-person`} value={picked()} onChange={(event) => setPicked(event.currentTarget.value)}>
          <option value="">Choose a person…</option>
          <For each={props.people}>
            {(person) => (
              <option value={person.id}>
                {person.displayName} (@{person.username})
              </option>
            )}
          </For>
        </select>
      </div>
      <button type="submit" class="button button-quiet" disabled={state.fetching}>
        Make manager
      </button>
      <ErrorBanner message={failure()} />
    </form>
  );
}
