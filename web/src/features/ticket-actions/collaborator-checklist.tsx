import { createQuery } from '@urql/solid';
import { For, Show } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { creativeMembersQuery } from './ticket-actions.graphql';

/**
 * Active Creative members to add as collaborators, as checkboxes (the assignee chosen beside it is left out:
 * nobody collaborates with themselves). Reads the same cached query as the person picker.
 */
export function CollaboratorChecklist(props: { value: readonly string[]; exclude: string; onChange: (ids: string[]) => void }) {
  const [departments] = createQuery({ query: creativeMembersQuery });
  const members = () =>
    (departments.data?.departments.find((department) => department.isCreative)?.members ?? []).filter((member) => member.id !== props.exclude);
  const toggle = (id: string, on: boolean) => props.onChange(on ? [...props.value, id] : props.value.filter((other) => other !== id));
  return (
    <Show when={members().length > 0}>
      <fieldset class="person-picker">
        <legend class="field-label">Collaborators (optional)</legend>
        <div class="person-picker-list">
          <For each={members()}>
            {(member) => (
              <label class="person-option" classList={{ 'person-option-selected': props.value.includes(member.id) }}>
                <input
                  type="checkbox"
                  value={member.id}
                  checked={props.value.includes(member.id)}
                  onChange={(event) => toggle(member.id, event.currentTarget.checked)}
                />
                <Avatar name={member.displayName} />
                <span class="person-option-name">{member.displayName}</span>
                <span class="person-option-username muted">@{member.username}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
    </Show>
  );
}
