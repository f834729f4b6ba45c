import { Show } from 'solid-js';
import { StatusBadge } from '../../components/status-badge';
import type { Complexity, Priority } from '../../gql/graphql';
import { COMPLEXITIES, COMPLEXITY_LABELS, PRIORITIES_LEAST_URGENT_FIRST, PRIORITY_LABELS } from '../../lib/vocabulary';
import { CollaboratorsPanel } from './collaborators-panel';
import { EditableField } from './editable-field';
import { dateEdit, hoursEdit } from './ticket-edits';
import { Fact, PersonName, selectOptions, type TicketEditing } from './ticket-facts';
import { complexityLabel, formatDateTime, hoursLabel, priorityLabel, toLocalInput } from './ticket-format';

/** The ticket's properties beside its content: state, deadline, people, effort and when things happened. */
export function TicketProperties(props: TicketEditing & { onChanged: () => void }) {
  const t = () => props.ticket;
  const can = () => t().viewerCanEdit;
  return (
    <aside class="ticket-side" aria-label="Properties">
      <dl class="ticket-properties">
        <Fact label="Status">
          <StatusBadge status={t().status} />
        </Fact>
        <Fact label="Priority">
          <EditableField
            label="Priority"
            value={t().priority}
            canEdit={can()}
            version={t().version}
            editor={{ type: 'select', options: selectOptions(PRIORITIES_LEAST_URGENT_FIRST, PRIORITY_LABELS) }}
            onSave={(text, version) => props.patch({ priority: text as Priority }, version)}
          >
            {priorityLabel(t().priority)}
          </EditableField>
        </Fact>
        <Fact label="Due date">
          <EditableField
            label="Due date"
            value={toLocalInput(t().dueDate)}
            canEdit={can()}
            version={t().version}
            editor={{ type: 'datetime' }}
            onSave={(text, version) => props.save(dateEdit('dueDate', text), version)}
          >
            <Show when={t().dueDate} fallback={<span class="muted">Set by priority at assignment</span>}>
              <span classList={{ 'text-overdue': t().isOverdue }}>{formatDateTime(t().dueDate)}</span>
            </Show>
          </EditableField>
        </Fact>
        <Fact label="Requester">
          <PersonName person={t().requester} />
        </Fact>
        <Fact label="Department">{t().department.name}</Fact>
        <Fact label="Assignee">
          <Show when={t().assignee} fallback={<span class="muted">Unassigned</span>}>
            {(person) => <PersonName person={person()} />}
          </Show>
        </Fact>
        <Fact label="Collaborators">
          <CollaboratorsPanel ticket={t()} canChange={t().availableActions.includes('ADD_COLLABORATOR')} onChanged={props.onChanged} />
        </Fact>
        <Fact label="Complexity">
          <EditableField
            label="Complexity"
            value={t().complexity ?? ''}
            canEdit={can()}
            version={t().version}
            editor={{ type: 'select', options: selectOptions(COMPLEXITIES, COMPLEXITY_LABELS, 'Not specified') }}
            onSave={(text, version) => props.patch({ complexity: (text || null) as Complexity | null }, version)}
          >
            {complexityLabel(t().complexity)}
          </EditableField>
        </Fact>
        <Fact label="Estimated hours">
          <EditableField
            label="Estimated hours"
            value={t().estimatedHours?.toString() ?? ''}
            canEdit={can()}
            version={t().version}
            editor={{ type: 'number', min: 0, step: '0.5' }}
            onSave={(text, version) => props.save(hoursEdit('estimatedHours', text), version)}
          >
            {hoursLabel(t().estimatedHours)}
          </EditableField>
        </Fact>
        <Fact label="Actual hours">{hoursLabel(t().actualHours)}</Fact>
        <Fact label="Created">{formatDateTime(t().createdAt)}</Fact>
        <Show when={t().startedAt}>
          <Fact label="Started">{formatDateTime(t().startedAt)}</Fact>
        </Show>
        <Show when={t().completedAt}>
          <Fact label="Completed">{formatDateTime(t().completedAt)}</Fact>
        </Show>
        <Fact label="Updated">{formatDateTime(t().updatedAt)}</Fact>
      </dl>
    </aside>
  );
}
