import { useSearchParams } from '@solidjs/router';
import { createQuery, createSubscription } from '@urql/solid';
import { For, Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import { describeError } from '../../lib/graphql-errors';
import { ApprovalCard } from './approval-card';
import { dashboardQuery, dashboardScopeQuery, dashboardStatsChangedSubscription, dashboardStatsFieldsFragment } from './dashboard-page.graphql';
import { MyTasks } from './my-tasks';
import { PriorityBarChart } from './priority-bar-chart';
import { StatCards } from './stat-cards';
import { StatusDonutChart } from './status-donut-chart';
import { WeeklyTrendChart } from './weekly-trend-chart';
import './dashboard.css';

/**
 * The signed-in home: for those who approve, how many tickets wait for their decision (a link to My tasks),
 * headline counts (each a link to its tickets), the weekly trend, tickets by status and by priority, and the
 * viewer's tasks. One query paints the page; the subscription then keeps the
 * numbers live (its first message repeats the current numbers, every later one follows a change). Admins
 * and Creative managers can narrow everything to one department (kept in the URL).
 */
export function DashboardPage() {
  const [search, setSearch] = useSearchParams<{ departmentId?: string }>();
  const [scope] = createQuery({ query: dashboardScopeQuery });
  const canFilter = () => {
    const viewer = scope.data?.viewer;
    return viewer?.role === 'ADMIN' || (viewer?.role === 'MANAGER' && viewer.department?.isCreative === true);
  };
  const departmentId = () => (canFilter() && search.departmentId ? search.departmentId : undefined);

  const [initial] = createQuery({ query: dashboardQuery, variables: () => ({ departmentId: departmentId() ?? null }) });
  const [live] = createSubscription({ query: dashboardStatsChangedSubscription, variables: () => ({ departmentId: departmentId() ?? null }) });

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
          <Show when={canFilter()}>
            <Field label="Department" class="dashboard-filter">
              {(control) => (
                <select
                  class="field-input"
                  {...control}
                  value={departmentId() ?? ''}
                  onChange={(event) => setSearch({ departmentId: event.currentTarget.value || undefined })}
                >
                  <option value="" selected={!departmentId()}>
                    All departments
                  </option>
                  <For each={scope.data?.departments ?? []}>
                    {(department) => (
                      <option value={department.id} selected={department.id === departmentId()}>
                        {department.name}
                      </option>
                    )}
                  </For>
                </select>
              )}
            </Field>
          </Show>
        </div>
      </header>
      <Switch>
        <Match when={stats()}>
          {(current) => (
            <>
              <ApprovalCard count={current().awaitingMyApproval} />
              <StatCards stats={current()} departmentId={departmentId()} />
              <div class="dashboard-charts">
                <div class="dashboard-area-trend">
                  <WeeklyTrendChart points={current().weeklyTrend} />
                </div>
                <div class="dashboard-area-status">
                  <StatusDonutChart byStatus={current().byStatus} departmentId={departmentId()} />
                </div>
                <div class="dashboard-area-priority">
                  <PriorityBarChart byPriority={current().byPriority} departmentId={departmentId()} />
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
