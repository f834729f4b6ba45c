import { For, Show } from 'solid-js';
import { StatusBadge } from '../../components/status-badge';
import type { DashboardStatsFieldsFragment as DashboardStats } from '../../gql/graphql';

/** Tickets per status as plain horizontal bars, scaled to the largest count. */
export function StatusBreakdown(props: { byStatus: DashboardStats['byStatus'] }) {
  const max = () => Math.max(1, ...props.byStatus.map((entry) => entry.count));
  return (
    <section class="panel" aria-labelledby="status-breakdown-title">
      <h2 class="panel-title" id="status-breakdown-title">
        By status
      </h2>
      <Show when={props.byStatus.length > 0} fallback={<p class="muted">No tickets yet.</p>}>
        <ul class="bar-list">
          <For each={props.byStatus}>
            {(entry) => (
              <li class="bar-list-row">
                <StatusBadge status={entry.status} />
                <span class="bar-list-track" aria-hidden="true">
                  <span class="bar-list-fill" style={{ width: `${(entry.count / max()) * 100}%` }} />
                </span>
                <span class="bar-list-count">{entry.count}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
