import { createQuery } from '@urql/solid';
import { For, lazy, Match, Suspense, Switch } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { Loading } from '../../components/loading';
import { describeError } from '../../lib/graphql-errors';
import { creativeMembersQuery } from './ticket-actions.graphql';

// Loads when the picker opens, not with the ticket page (whose first load is near its budget).
const MemberWorkload = lazy(() => import('./member-workload').then((module) => ({ default: module.MemberWorkload })));

/**
 * Active Creative members as a radio group (name and avatar each), labelled by `label` ("Assignee",
 * "Collaborator"). Arrow keys move between people, as in any radio group. Beside each name: their open work
 * (teamWorkload), so work goes to whoever has room; without it (the query failed) the names still show.
 */
export function PersonPicker(props: { label: string; value: string; onChange: (id: string) => void; error?: string; errorId: string }) {
  const [departments] = createQuery({ query: creativeMembersQuery });
  const members = () => departments.data?.departments.find((department) => department.isCreative)?.members ?? [];
  return (
    <fieldset class="person-picker" aria-describedby={props.error ? props.errorId : undefined} aria-invalid={props.error ? true : undefined}>
      <legend class="field-label">{props.label}</legend>
      <Switch>
        <Match when={departments.error}>{(error) => <p class="field-error">{describeError(error())}</p>}</Match>
        <Match when={departments.fetching && members().length === 0}>
          <Loading label="Loading people…" />
        </Match>
        <Match when={members().length === 0}>
          <p class="muted">Nobody in the Creative department can take work right now.</p>
        </Match>
        <Match when={true}>
          <div class="person-picker-list" role="radiogroup" aria-label={props.label}>
            <For each={members()}>
              {(member) => (
                <label class="person-option" classList={{ 'person-option-selected': props.value === member.id }}>
                  <input
                    type="radio"
                    name={`person-${props.errorId}`}
                    value={member.id}
                    checked={props.value === member.id}
                    onChange={() => props.onChange(member.id)}
                  />
                  <Avatar name={member.displayName} />
                  <span class="person-option-name">{member.displayName}</span>
                  <span class="person-option-username muted">@{member.username}</span>
                  <Suspense>
                    <MemberWorkload userId={member.id} />
                  </Suspense>
                </label>
              )}
            </For>
          </div>
        </Match>
      </Switch>
    </fieldset>
  );
}
