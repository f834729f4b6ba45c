import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { PriorityPill } from '../../components/priority-pill';
import { StatusBadge } from '../../components/status-badge';
import { type Thumbnail, TicketThumbnail } from '../../components/ticket-thumbnail';
import type { TicketSummaryFragment } from '../../gql/graphql';
import { formatDue, sinceText } from '../../lib/ticket-dates';
import { REQUEST_TYPE_LABELS } from '../../lib/vocabulary';

/** Rows that can be selected for a bulk action: a checkbox per row (shift-click for a range) and one for the page. */
export type RowSelection = {
  isSelected: (id: string) => boolean;
  toggle: (id: string, range: boolean) => void;
  allSelected: () => boolean;
  toggleAll: () => void;
};

/** Tickets as rows: number and title (the link) with the newest image, status, priority, type, assignee, due date, last change. */
export function TicketTable(props: {
  tickets: readonly (TicketSummaryFragment & { thumbnail?: Thumbnail | null })[];
  caption: string;
  selection?: RowSelection;
}) {
  return (
    <table class="data-table ticket-table" classList={{ 'ticket-table-selectable': Boolean(props.selection) }}>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <Show when={props.selection}>
            {(selection) => (
              <th scope="col" class="col-select">
                <input
                  type="checkbox"
                  class="row-select"
                  aria-label="Select all tickets on this page"
                  checked={selection().allSelected()}
                  onChange={() => selection().toggleAll()}
                />
              </th>
            )}
          </Show>
          <th scope="col" class="col-title">
            Ticket
          </th>
          <th scope="col">Status</th>
          <th scope="col">Priority</th>
          <th scope="col">Type</th>
          <th scope="col">Assignee</th>
          <th scope="col">Due</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.tickets}>
          {(ticket) => (
            <tr class="ticket-row" classList={{ 'ticket-row-selected': props.selection?.isSelected(ticket.id) ?? false }}>
              <Show when={props.selection}>
                {(selection) => (
                  <td class="col-select">
                    <input
                      type="checkbox"
                      class="row-select"
                      aria-label={`Select #${ticket.number}`}
                      checked={selection().isSelected(ticket.id)}
                      onClick={(event) => selection().toggle(ticket.id, event.shiftKey)}
                    />
                  </td>
                )}
              </Show>
              <td class="col-title">
                <div class="ticket-row-heading">
                  <TicketThumbnail thumbnail={ticket.thumbnail} class="ticket-row-thumbnail" />
                  <div>
                    <A href={`/tickets/${ticket.number}`} class="ticket-row-link">
                      <span class="ticket-row-number">#{ticket.number}</span> <span class="ticket-row-title">{ticket.title}</span>
                    </A>
                    <span class="ticket-row-dept muted">{ticket.department.name}</span>
                  </div>
                </div>
              </td>
              <td data-label="Status">
                <StatusBadge status={ticket.status} />
              </td>
              <td data-label="Priority">
                <PriorityPill priority={ticket.priority} />
              </td>
              <td data-label="Type">{REQUEST_TYPE_LABELS[ticket.requestType]}</td>
              <td data-label="Assignee">
                <Show when={ticket.assignee} fallback={<span class="muted">Unassigned</span>}>
                  {(assignee) => (
                    <span class="ticket-row-person">
                      <Avatar name={assignee().displayName} />
                      {assignee().displayName}
                      <Show when={ticket.collaborators.length > 0}>
                        <span class="muted"> +{ticket.collaborators.length}</span>
                      </Show>
                    </span>
                  )}
                </Show>
              </td>
              <td data-label="Due" classList={{ 'ticket-row-overdue': ticket.isOverdue }}>
                <Show when={ticket.dueDate} fallback={<span class="muted">—</span>}>
                  {(due) => (
                    <>
                      <time datetime={due()}>{formatDue(due())}</time>
                      <Show when={ticket.isOverdue}>
                        <span class="ticket-row-overdue-tag">Overdue</span>
                      </Show>
                    </>
                  )}
                </Show>
              </td>
              <td data-label="Updated" class="muted">
                <time datetime={ticket.updatedAt}>{sinceText(ticket.updatedAt)}</time>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
