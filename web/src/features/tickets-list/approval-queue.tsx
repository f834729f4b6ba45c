import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, For, on, Show } from 'solid-js';
import { StatusBadge } from '../../components/status-badge';
import { getFragmentData } from '../../gql';
import type { TicketSummaryFragment } from '../../gql/graphql';
import { ticketListsChanged } from '../../lib/ticket-lists';
import { ticketSummaryFragment } from '../../lib/ticket-summary.graphql';
import { ACTIONS, useTicketAction } from '../ticket-actions';
import { approvalQueueQuery } from './approval-queue.graphql';
import './approval-queue.css';

/** How many waiting tickets the section lists (the oldest first). */
const QUEUE_LIMIT = 20;
const DECISIONS = ['APPROVE', 'REJECT'] as const;

/**
 * The tickets waiting for the viewer's decision, each with Approve and Reject right there (the action runner's
 * dialogs). Hidden for whoever the API says approves nothing; re-queried when tickets enter or leave lists and
 * after each decision, and a decided ticket leaves at once (its cached actions no longer offer Approve).
 */
export function ApprovalQueue() {
  const actions = useTicketAction();
  const [queue, reexecute] = createQuery({ query: approvalQueueQuery, variables: { first: QUEUE_LIMIT } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  createEffect(on(ticketListsChanged, refresh, { defer: true }));
  const count = () => queue.data?.dashboardStats.awaitingMyApproval;
  const tickets = () =>
    (queue.data?.tickets.nodes ?? []).map((ref) => getFragmentData(ticketSummaryFragment, ref)).filter((ticket) => ticket.availableActions.includes('APPROVE'));
  const decide = async (ticket: TicketSummaryFragment, action: (typeof DECISIONS)[number]) => {
    if ((await actions.run(ticket, action)) === 'done') refresh();
  };

  return (
    <Show when={count() !== null && count() !== undefined}>
      <section class="panel approval-queue" aria-labelledby="approval-queue-title">
        <header class="panel-header">
          <h2 class="panel-title" id="approval-queue-title">
            Waiting for your approval
          </h2>
          <span class="badge">{count()}</span>
        </header>
        <Show when={tickets().length > 0} fallback={<p class="muted">Nothing waits for your decision.</p>}>
          <ul class="approval-list">
            <For each={tickets()}>
              {(ticket) => (
                <li class="approval-row" classList={{ 'approval-row-pending': actions.pendingTicketId() === ticket.id }}>
                  <div class="approval-ticket">
                    <A href={`/tickets/${ticket.number}`} class="ticket-row-link">
                      <span class="ticket-row-number">#{ticket.number}</span> <span class="ticket-row-title">{ticket.title}</span>
                    </A>
                    <span class="muted">
                      {ticket.department.name} · {ticket.requester.displayName}
                    </span>
                  </div>
                  <StatusBadge status={ticket.status} />
                  <fieldset class="approval-actions" aria-label={`Decide #${ticket.number}`}>
                    <For each={DECISIONS.filter((action) => ticket.availableActions.includes(action))}>
                      {(action) => (
                        <button
                          type="button"
                          class={`button ${action === 'APPROVE' ? 'button-primary' : 'button-danger'}`}
                          disabled={actions.pendingTicketId() === ticket.id}
                          onClick={() => void decide(ticket, action)}
                        >
                          {ACTIONS[action].label}
                        </button>
                      )}
                    </For>
                  </fieldset>
                </li>
              )}
            </For>
          </ul>
          <Show when={(count() ?? 0) > tickets().length}>
            <p class="muted">
              The oldest {tickets().length} of {count()}.
            </p>
          </Show>
        </Show>
      </section>
    </Show>
  );
}
