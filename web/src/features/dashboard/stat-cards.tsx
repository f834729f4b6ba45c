import { For } from 'solid-js';
import type { DashboardStatsFieldsFragment as DashboardStats } from '../../gql/graphql';

type CountKey = 'total' | 'deptApproval' | 'creativeApproval' | 'approved' | 'inProgress' | 'completed' | 'rejected' | 'overdue';

const CARDS: { key: CountKey; label: string; tone: string }[] = [
  { key: 'total', label: 'Total', tone: 'neutral' },
  { key: 'deptApproval', label: 'Dept approval', tone: 'waiting' },
  { key: 'creativeApproval', label: 'Creative approval', tone: 'waiting' },
  { key: 'approved', label: 'Approved', tone: 'ready' },
  { key: 'inProgress', label: 'In progress', tone: 'active' },
  { key: 'completed', label: 'Completed', tone: 'done' },
  { key: 'rejected', label: 'Rejected', tone: 'muted' },
  { key: 'overdue', label: 'Overdue', tone: 'alert' },
];

/** The eight headline counts; Overdue stands out while there is any. */
export function StatCards(props: { stats: DashboardStats }) {
  return (
    <ul class="stat-cards" aria-label="Ticket counts">
      <For each={CARDS}>
        {(card) => (
          <li
            class={`stat-card stat-card-${card.tone}`}
            classList={{ 'stat-card-alarm': card.key === 'overdue' && props.stats.overdue > 0 }}
          >
            <span class="stat-card-label">{card.label}</span>
            <span class="stat-card-value">{props.stats[card.key]}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
