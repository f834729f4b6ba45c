import { A } from '@solidjs/router';
import { For } from 'solid-js';
import type { DashboardStatsFieldsFragment as DashboardStats } from '../../gql/graphql';
import { type CountKey, countHref } from './dashboard-links';

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

/** The eight headline counts, each a link to the tickets it counts; Overdue stands out while there is any. */
export function StatCards(props: { stats: DashboardStats; departmentId?: string | undefined }) {
  return (
    <ul class="stat-cards" aria-label="Ticket counts">
      <For each={CARDS}>
        {(card) => (
          <li>
            <A
              href={countHref(card.key, props.departmentId)}
              class={`stat-card stat-card-link stat-card-${card.tone}`}
              classList={{ 'stat-card-alarm': card.key === 'overdue' && props.stats.overdue > 0 }}
            >
              <span class="stat-card-label">{card.label}</span>
              <span class="stat-card-value">{props.stats[card.key]}</span>
            </A>
          </li>
        )}
      </For>
    </ul>
  );
}
