import { Show } from 'solid-js';
import { TicketRefText } from '../../components/ticket-ref-text';
import { EditableField } from './editable-field';
import type { TicketEditing } from './ticket-facts';

/** What the requester wrote, edited in place by those who may. */
export function DescriptionSection(props: Pick<TicketEditing, 'ticket' | 'patch'>) {
  return (
    <section class="ticket-section" aria-labelledby="description-title">
      <h2 class="ticket-section-title" id="description-title">
        Description
      </h2>
      <EditableField
        label="Description"
        trigger="button"
        value={props.ticket.description}
        canEdit={props.ticket.viewerCanEdit}
        version={props.ticket.version}
        editor={{ type: 'textarea' }}
        onSave={(text, version) => props.patch({ description: text }, version)}
      >
        <Show when={props.ticket.description.trim()} fallback={<p class="muted">No description.</p>}>
          <p class="ticket-description">
            <TicketRefText text={props.ticket.description} />
          </p>
        </Show>
      </EditableField>
    </section>
  );
}
