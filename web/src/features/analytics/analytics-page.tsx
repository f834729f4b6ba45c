import { useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import type { AnalyticsQuery } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { analyticsQuery, analyticsScopeQuery, userPerformanceFieldsFragment } from './analytics.graphql';
import { BarChartPanel, DonutChartPanel } from './analytics-charts';
import { DepartmentFilter, seesSeveralDepartments } from './department-filter';
import { DownloadButton } from './download-button';
import { FigureTable } from './figure-table';
import { columnHours, dateInputValue, decimal, hours, label, percent } from './format';
import { KpiTile } from './kpi-tile';
import { Leaderboard } from './leaderboard';
import { refreshOnTicketChanges } from './live-refresh';
import { ManagersOnly } from './managers-only';
import { ReportTabs } from './report-tabs';
import './analytics.css';

type Figures = AnalyticsQuery['analytics'];

/** The same hue for a criteria wherever it appears (the daily report's chart uses these too). */
const CRITERIA_COLORS: Record<string, string> = { IMAGE: '#f59e0b', VIDEO: '#db2777', NONE: '#94a3b8' };

const STAGE_LABELS: Record<string, string> = {
  DEPARTMENT_APPROVAL: 'Department approval',
  CREATIVE_APPROVAL: 'Creative approval',
  QUEUE: 'Waiting to start',
  WORK: 'Work',
  CONFIRMATION: 'Awaiting confirmation',
};

/** The range's days as instants: from the first day's local midnight to the midnight after the last (exclusive). */
function rangeOf(from: string, to: string) {
  const end = new Date(`${to}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return { from: new Date(`${from}T00:00:00`).toISOString(), to: end.toISOString() };
}

const today = () => dateInputValue(new Date());
const monthStart = () => `${today().slice(0, 8)}01`;

/**
 * Analytics for a date range: rates and times, output by criteria and request type, the leaders, every maker's
 * figures and the breakdowns; CSV exports of the same. Managers see their scope, admins all (or one department).
 * The figures follow ticket changes, recounted at most every 15 s.
 */
export function AnalyticsPage() {
  return (
    <ManagersOnly>
      <AnalyticsReport />
    </ManagersOnly>
  );
}

function AnalyticsReport() {
  const [search, setSearch] = useSearchParams<{ from?: string; to?: string; departmentId?: string }>();
  const [scope] = createQuery({ query: analyticsScopeQuery });
  const canFilter = () => seesSeveralDepartments(scope.data?.viewer);
  const from = () => search.from ?? monthStart();
  const to = () => search.to ?? today();
  const departmentId = () => (canFilter() && search.departmentId ? search.departmentId : undefined);
  const invalid = () => (from() > to() ? 'The first day must not be after the last.' : undefined);

  const [result, refetch] = createQuery({
    query: analyticsQuery,
    variables: () => ({ range: rangeOf(from(), to()), departmentId: departmentId() ?? null }),
    pause: () => invalid() !== undefined,
  });
  refreshOnTicketChanges(() => refetch({ requestPolicy: 'network-only' }));

  const exportQuery = () => {
    const range = rangeOf(from(), to());
    const params = new URLSearchParams({ from: range.from, to: range.to });
    if (departmentId()) params.set('departmentId', departmentId() as string);
    return params.toString();
  };
  const ticketsQuery = () => (departmentId() ? `?${new URLSearchParams({ departmentId: departmentId() as string })}` : '');

  return (
    <section class="page report-page">
      <header class="report-header">
        <ReportTabs />
        <h1 class="page-title">Analytics</h1>
        <div class="report-controls">
          <Field label="From" class="report-filter" error={invalid()}>
            {(control) => (
              <input
                type="date"
                class="field-input"
                {...control}
                value={from()}
                max={to()}
                onChange={(event) => setSearch({ from: event.currentTarget.value || undefined })}
              />
            )}
          </Field>
          <Field label="To" class="report-filter">
            {(control) => (
              <input
                type="date"
                class="field-input"
                {...control}
                value={to()}
                min={from()}
                onChange={(event) => setSearch({ to: event.currentTarget.value || undefined })}
              />
            )}
          </Field>
          <Show when={canFilter()}>
            <DepartmentFilter departments={scope.data?.departments ?? []} value={departmentId()} onChange={(id) => setSearch({ departmentId: id })} />
          </Show>
        </div>
        <div class="report-exports">
          <DownloadButton href={`/export/analytics.csv?${exportQuery()}`} fileName={`analytics-${from()}-${to()}.csv`} label="Export analytics (CSV)" />
          <DownloadButton href={`/export/tickets.csv${ticketsQuery()}`} fileName="tickets.csv" label="Export tickets (CSV)" />
        </div>
      </header>
      <Switch>
        <Match when={result.data?.analytics}>{(figures) => <AnalyticsFigures figures={figures()} />}</Match>
        <Match when={result.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
        <Match when={!invalid()}>
          <Loading label="Counting…" />
        </Match>
      </Switch>
    </section>
  );
}

function AnalyticsFigures(props: { figures: Figures }) {
  const f = () => props.figures;
  const perUser = () => f().perUser.map((row) => getFragmentData(userPerformanceFieldsFragment, row));
  return (
    <>
      <ul class="kpi-tiles" aria-label="Key figures">
        <KpiTile label="Created" value={String(f().created)} />
        <KpiTile label="Completed" value={String(f().completed)} />
        <KpiTile label="Completion rate" value={percent(f().completionRate)} />
        <KpiTile label="On time" value={percent(f().onTimeRate)} />
        <KpiTile label="Revision rate" value={percent(f().revisionRate)} detail={`${decimal(f().averageRevisions)} rounds on average`} />
        <KpiTile label="Cycle time" value={hours(f().averageCycleHours)} detail="created → completed" />
        <KpiTile label="Processing time" value={hours(f().averageProcessingHours)} detail="started → completed" />
      </ul>
      <div class="report-grid">
        <DonutChartPanel
          id="output-criteria"
          title="Output by criteria"
          totalLabel="Units"
          slices={f().outputByCriteria.map((row) => ({ label: label(row.criteria), value: row.quantity, color: CRITERIA_COLORS[row.criteria ?? 'NONE'] }))}
        />
        <BarChartPanel
          id="stage-times"
          title="Average hours per stage"
          seriesName="Hours"
          unit="h"
          digits={1}
          horizontal
          bars={f().stageAverages.map((row) => ({ label: STAGE_LABELS[row.stage] ?? label(row.stage), value: row.averageHours ?? 0 }))}
        />
        <BarChartPanel
          id="output-type"
          title="Output by request type"
          seriesName="Units"
          horizontal
          bars={f().byRequestType.map((row) => ({ label: label(row.requestType), value: row.quantity }))}
        />
        <Leaderboard id="leaders" title="Leaders" people={f().leaders} />
      </div>
      <FigureTable
        id="per-user"
        title="Per person"
        rows={perUser()}
        empty="Nobody worked on tickets in this period."
        columns={[
          { header: 'Person', cell: (row) => row.displayName },
          { header: 'Assigned', cell: (row) => row.assigned, numeric: true },
          { header: 'Completed', cell: (row) => row.completed, numeric: true },
          { header: 'In progress', cell: (row) => row.inProgress, numeric: true },
          { header: 'Output', cell: (row) => row.output, numeric: true },
          { header: 'Processing', cell: (row) => columnHours(row.averageProcessingHours), numeric: true },
          { header: 'Cycle', cell: (row) => columnHours(row.averageCycleHours), numeric: true },
        ]}
      />
      <div class="report-grid report-grid-tables">
        <FigureTable
          id="by-department"
          title="By department"
          rows={f().byDepartment}
          empty="No tickets in this period."
          columns={[
            { header: 'Department', cell: (row) => row.departmentName },
            { header: 'Created', cell: (row) => row.created, numeric: true },
            { header: 'Completed', cell: (row) => row.completed, numeric: true },
            { header: 'On time', cell: (row) => percent(row.onTimeRate), numeric: true },
            { header: 'Output', cell: (row) => row.quantity, numeric: true },
          ]}
        />
        <FigureTable
          id="by-priority"
          title="By priority"
          rows={f().byPriority}
          empty="No tickets in this period."
          columns={[
            { header: 'Priority', cell: (row) => label(row.priority) },
            { header: 'Created', cell: (row) => row.created, numeric: true },
            { header: 'Completed', cell: (row) => row.completed, numeric: true },
            { header: 'On time', cell: (row) => percent(row.onTimeRate), numeric: true },
            { header: 'Output', cell: (row) => row.quantity, numeric: true },
          ]}
        />
        <FigureTable
          id="by-product"
          title="By product"
          rows={f().byProduct}
          empty="No product items were delivered in this period."
          columns={[
            { header: 'Product', cell: (row) => row.productName },
            { header: 'Tickets', cell: (row) => row.tickets, numeric: true },
            { header: 'Quantity', cell: (row) => row.quantity, numeric: true },
          ]}
        />
      </div>
    </>
  );
}
