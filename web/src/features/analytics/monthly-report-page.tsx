import { useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { For, Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import type { MonthlyReportQuery } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { analyticsScopeQuery, monthlyReportQuery } from './analytics.graphql';
import { BarChartPanel } from './analytics-charts';
import { DepartmentFilter, seesSeveralDepartments } from './department-filter';
import { dateInputValue, decimal, percent } from './format';
import { KpiTile } from './kpi-tile';
import { Leaderboard } from './leaderboard';
import { refreshOnTicketChanges } from './live-refresh';
import { ManagersOnly } from './managers-only';
import { ReportTabs } from './report-tabs';
import './analytics.css';

type Report = MonthlyReportQuery['monthlyReport'];
type Kpi = Report['kpis'][number];

const KPI_TEXT: Record<string, { label: string; rate: boolean; higherIsBetter: boolean }> = {
  COMPLETION_RATE: { label: 'Completion rate', rate: true, higherIsBetter: true },
  ON_TIME_RATE: { label: 'On-time rate', rate: true, higherIsBetter: true },
  AVERAGE_REVISIONS: { label: 'Average revisions', rate: false, higherIsBetter: false },
  OVERDUE_RATE: { label: 'Overdue', rate: true, higherIsBetter: false },
};

const currentMonth = () => dateInputValue(new Date()).slice(0, 7);

function kpiValue(kpi: Kpi, value: number | null | undefined): string {
  return KPI_TEXT[kpi.kpi]?.rate ? percent(value) : decimal(value);
}

function kpiDetail(kpi: Kpi): string {
  const text = KPI_TEXT[kpi.kpi];
  const target = `target ${text?.higherIsBetter ? '≥' : '≤'} ${kpiValue(kpi, kpi.target)}`;
  if (kpi.change === null || kpi.change === undefined) return target;
  const change = text?.rate ? `${Math.round(kpi.change * 100)} pts` : kpi.change.toFixed(1);
  return `${target} · ${kpi.change > 0 ? '+' : ''}${change} on last month`;
}

/**
 * A month against its targets: KPI tiles coloured by status, the month's output leaders, how many revision
 * rounds work took and what was overdue at the month's end, each beside the month before. The current month
 * follows ticket changes.
 */
export function MonthlyReportPage() {
  return (
    <ManagersOnly>
      <MonthlyReport />
    </ManagersOnly>
  );
}

function MonthlyReport() {
  const [search, setSearch] = useSearchParams<{ month?: string; departmentId?: string }>();
  const [scope] = createQuery({ query: analyticsScopeQuery });
  const canFilter = () => seesSeveralDepartments(scope.data?.viewer);
  const month = () => (/^\d{4}-(0[1-9]|1[0-2])$/.test(search.month ?? '') ? (search.month as string) : currentMonth());
  const departmentId = () => (canFilter() && search.departmentId ? search.departmentId : undefined);
  const [result, refetch] = createQuery({
    query: monthlyReportQuery,
    variables: () => ({ year: Number(month().slice(0, 4)), month: Number(month().slice(5, 7)), departmentId: departmentId() ?? null }),
  });
  refreshOnTicketChanges(() => {
    if (month() === currentMonth()) refetch({ requestPolicy: 'network-only' });
  });

  return (
    <section class="page report-page">
      <header class="report-header">
        <ReportTabs />
        <h1 class="page-title">Monthly report</h1>
        <div class="report-controls">
          <Field label="Month" class="report-filter">
            {(control) => (
              <input
                type="month"
                class="field-input"
                {...control}
                value={month()}
                max={currentMonth()}
                onChange={(event) => setSearch({ month: event.currentTarget.value || undefined })}
              />
            )}
          </Field>
          <Show when={canFilter()}>
            <DepartmentFilter departments={scope.data?.departments ?? []} value={departmentId()} onChange={(id) => setSearch({ departmentId: id })} />
          </Show>
        </div>
      </header>
      <Switch>
        <Match when={result.data?.monthlyReport}>{(report) => <MonthlyFigures report={report()} running={month() === currentMonth()} />}</Match>
        <Match when={result.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
        <Match when={true}>
          <Loading label="Counting the month…" />
        </Match>
      </Switch>
    </section>
  );
}

/** `running`: the month is not over, so its overdue count is taken now (as the dashboard's), not at its end. */
function MonthlyFigures(props: { report: Report; running: boolean }) {
  const r = () => props.report;
  const overdueChange = () => r().overdueAtMonthEnd - r().previousOverdueAtMonthEnd;
  return (
    <>
      <ul class="kpi-tiles" aria-label="Targets">
        <For each={r().kpis}>
          {(kpi) => <KpiTile label={KPI_TEXT[kpi.kpi]?.label ?? kpi.kpi} value={kpiValue(kpi, kpi.value)} status={kpi.status} detail={kpiDetail(kpi)} />}
        </For>
      </ul>
      <ul class="kpi-tiles kpi-tiles-plain" aria-label="The month in numbers">
        <KpiTile label="Created" value={String(r().created)} />
        <KpiTile label="Completed" value={String(r().completed)} />
        <KpiTile
          label={props.running ? 'Overdue now' : 'Overdue at month end'}
          value={String(r().overdueAtMonthEnd)}
          detail={`${overdueChange() > 0 ? '+' : ''}${overdueChange()} on last month (${r().previousOverdueAtMonthEnd})`}
        />
      </ul>
      <div class="report-grid">
        <Leaderboard id="leaderboard" title="Leaderboard" people={r().leaderboard} />
        <BarChartPanel
          id="revisions"
          title="Revision rounds"
          seriesName="Tickets"
          bars={r().revisionDistribution.map((bucket) => ({
            label: bucket.revisions === 0 ? 'None' : `${bucket.revisions} round${bucket.revisions === 1 ? '' : 's'}`,
            value: bucket.tickets,
          }))}
        />
      </div>
    </>
  );
}
