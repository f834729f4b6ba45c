import { Match, Show, Switch } from 'solid-js';
import { createQuery, createSubscription } from '@urql/solid';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import { describeError } from '../../lib/graphql-errors';
import { dashboardQuery, dashboardStatsChangedSubscription, dashboardStatsFieldsFragment } from './dashboard-page.graphql';
import { MyTasks } from './my-tasks';
import { StatCards } from './stat-cards';
import { StatusBreakdown } from './status-breakdown';
import { WeeklyTrendChart } from './weekly-trend-chart';

/**
 * The signed-in home: headline counts, the weekly trend, the status breakdown and the viewer's tasks.
 * One query paints the page; the subscription then keeps the numbers live (its first message repeats the
 * current numbers, every later one follows a change).
 */
export function DashboardPage() {
  const [initial] = createQuery({ query: dashboardQuery });
  const [live] = createSubscription({ query: dashboardStatsChangedSubscription });

  const stats = () => {
    const ref = live.data?.dashboardStatsChanged ?? initial.data?.dashboardStats;
    return ref ? getFragmentData(dashboardStatsFieldsFragment, ref) : undefined;
  };
  const isLive = () => live.data !== undefined && live.error === undefined;

  return (
    <section class="page dashboard">
      <header class="dashboard-header">
        <h1 class="page-title">Dashboard</h1>
        <div class="dashboard-meta">
          <Show when={initial.data?.unreadNotificationCount}>
            {(count) => (
              <span class="badge badge-notice">
                {count()} unread notification{count() === 1 ? '' : 's'}
              </span>
            )}
          </Show>
          <Show when={isLive()}>
            <span class="live-indicator" title="Numbers update as tickets change">
              <span class="live-dot" aria-hidden="true" />
              Live
            </span>
          </Show>
        </div>
      </header>
      <Switch>
        <Match when={stats()}>
          {(current) => (
            <>
              <StatCards stats={current()} />
              <div class="dashboard-grid">
                <div class="dashboard-area-chart">
                  <WeeklyTrendChart points={current().weeklyTrend} />
                </div>
                <div class="dashboard-area-status">
                  <StatusBreakdown byStatus={current().byStatus} />
                </div>
                <div class="dashboard-area-tasks">
                  <MyTasks />
                </div>
              </div>
            </>
          )}
        </Match>
        <Match when={initial.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
        <Match when={true}>
          <Loading label="Loading dashboard…" />
        </Match>
      </Switch>
    </section>
  );
}
