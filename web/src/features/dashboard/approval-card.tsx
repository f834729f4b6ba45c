import { A } from '@solidjs/router';
import { Show } from 'solid-js';

/**
 * "Waiting for your approval: N", a link to My tasks where those tickets wait with Approve and Reject. The count
 * is DashboardStats.awaitingMyApproval, live with the other numbers; null (members: they approve nothing) shows
 * no card.
 */
export function ApprovalCard(props: { count: number | null | undefined }) {
  return (
    <Show when={typeof props.count === 'number'}>
      <A href="/my-tasks" class="stat-card stat-card-link stat-card-waiting approval-card">
        <span class="stat-card-label">Waiting for your approval</span>
        <span class="stat-card-value">{props.count}</span>
      </A>
    </Show>
  );
}
