import { useClient } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { type ActionTicket, useTicketAction } from '../ticket-actions';

type Person = { id: string; displayName: string };

/**
 * Creative members working on the ticket besides the assignee. People who may change the team (the same
 * permission as adding) see "Add collaborator" and a remove button per person.
 */
export function CollaboratorsPanel(props: { ticket: ActionTicket & { collaborators: readonly Person[] }; canChange: boolean; onChanged: () => void }) {
  const runner = useTicketAction();
  const client = useClient();
  const [error, setError] = createSignal<string>();

  const add = async () => {
    const { id, number, title, version } = props.ticket;
    if ((await runner.run({ id, number, title, version }, 'ADD_COLLABORATOR')) !== 'cancelled') props.onChanged();
  };
  const drop = async (person: Person) => {
    setError(undefined);
    // The mutation (and the action documents it shares a module with) loads with the first removal, not with
    // the ticket page: that page is the closest to the first-load budget.
    const { removeCollaboratorMutation } = await import('../ticket-actions/ticket-actions.graphql');
    const input = { id: props.ticket.id, userId: person.id, expectedVersion: props.ticket.version };
    const result = await client.mutation(removeCollaboratorMutation, { input }).toPromise();
    if (result.error) {
      // The words for refusals load with the first one, not with the page.
      const { explainTicketError } = await import('../../lib/ticket-refusals');
      setError(explainTicketError(result.error).message);
    }
    props.onChanged();
  };

  return (
    <div class="collaborators">
      <Show when={props.ticket.collaborators.length > 0} fallback={<span class="muted">None</span>}>
        <ul class="person-list" aria-label="Collaborators">
          <For each={props.ticket.collaborators}>
            {(person) => (
              <li class="person">
                <Avatar name={person.displayName} />
                <span class="person-name">{person.displayName}</span>
                <Show when={props.canChange}>
                  <button type="button" class="icon-button" aria-label={`Remove ${person.displayName}`} title="Remove" onClick={() => void drop(person)}>
                    ×
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.canChange}>
        <button type="button" class="link-button" onClick={() => void add()}>
          Add collaborator
        </button>
      </Show>
      <Show when={error()}>
        {(message) => (
          <p class="field-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </div>
  );
}
