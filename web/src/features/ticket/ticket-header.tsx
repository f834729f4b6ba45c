import { A, useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { StatusBadge } from '../../components/status-badge';
import { lastListOr } from '../../lib/last-list';
import { session } from '../../lib/session';
import { ActionBar } from './action-bar';
import { EditableField } from './editable-field';
import { titleEdit } from './ticket-edits';
import type { TicketEditing } from './ticket-facts';
import { priorityLabel } from './ticket-format';

/** The top of a ticket: where it sits, what state it is in, its title (editable) and the workflow actions. */
export function TicketHeader(props: Pick<TicketEditing, 'ticket' | 'save'> & { onActionDone: () => void }) {
  const t = () => props.ticket;
  const navigate = useNavigate();
  return (
    <>
      <nav class="ticket-crumbs" aria-label="Breadcrumb">
        <A href="/tickets">Tickets</A>
        <span aria-hidden="true">/</span>
        <span aria-current="page">#{t().number}</span>
      </nav>

      <header class="ticket-header">
        <div class="ticket-heading">
          <div class="ticket-chips">
            <span class="ticket-number">#{t().number}</span>
            <StatusBadge status={t().status} />
            <span class={`badge badge-priority badge-priority-${t().priority.toLowerCase()}`}>{priorityLabel(t().priority)}</span>
            <Show when={t().isOverdue}>
              <span class="badge badge-overdue">Overdue</span>
            </Show>
            <Show when={t().revisionCount > 0}>
              <span class="badge">
                {t().revisionCount} revision{t().revisionCount === 1 ? '' : 's'}
              </span>
            </Show>
            <Show when={t().deletedAt}>
              <span class="badge badge-overdue">In the trash</span>
            </Show>
          </div>
          <EditableField
            label="Title"
            trigger="button"
            class="editable-title"
            value={t().title}
            canEdit={t().viewerCanEdit}
            version={t().version}
            editor={{ type: 'text', maxLength: 200 }}
            onSave={(text, version) => props.save(titleEdit(text), version)}
          >
            <h1 class="ticket-title" id="ticket-title">
              {t().title}
            </h1>
          </EditableField>
        </div>
        <ActionBar ticket={t()} onDone={props.onActionDone} onDeleted={() => navigate(lastListOr('/tickets'), { replace: true })} />
      </header>

      <Show when={t().status === 'REJECTED'}>
        <div class="banner banner-error ticket-rejected" role="note">
          <span>
            <strong>Rejected</strong>
            <Show when={t().rejectionReason}>: {t().rejectionReason}</Show>
          </span>
          {/* The requester asks again with a copy: a new request that links back here. */}
          <Show when={t().requester.id === session.user()?.id && !t().deletedAt}>
            <A href={`/new?again=${t().number}`} class="button button-small">
              Request again
            </A>
          </Show>
        </div>
      </Show>
    </>
  );
}
