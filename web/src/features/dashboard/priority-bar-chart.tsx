import { useNavigate } from '@solidjs/router';
import type { DashboardStatsFieldsFragment as DashboardStats, Priority } from '../../gql/graphql';
import { PRIORITY_LABELS } from '../request-form/request-vocabulary';
import { ApexChartPanel, baseOptions } from './apex-chart';
import { priorityHref } from './dashboard-links';

type PriorityCount = DashboardStats['byPriority'][number];

const PRIORITY_ORDER: readonly Priority[] = ['URGENT', 'HIGH', 'MEDIUM', 'LOW'];
const PRIORITY_COLORS: Record<Priority, string> = { URGENT: '#e5484d', HIGH: '#f59e0b', MEDIUM: '#7a6cf0', LOW: '#94a3b8' };

const countsOf = (entries: readonly PriorityCount[]) => PRIORITY_ORDER.map((priority) => entries.find((entry) => entry.priority === priority)?.count ?? 0);

/** Tickets per priority, most urgent first; a bar leads to the list of those tickets. */
export function PriorityBarChart(props: { byPriority: readonly PriorityCount[]; departmentId?: string | undefined }) {
  const navigate = useNavigate();
  const summary = () => PRIORITY_ORDER.map((priority, index) => `${PRIORITY_LABELS[priority]}: ${countsOf(props.byPriority)[index]}`).join(', ');
  return (
    <ApexChartPanel
      id="priority-bar"
      title="By priority"
      data={props.byPriority}
      summary={summary()}
      options={(entries, theme) => ({
        ...baseOptions(theme, 'bar', 260),
        chart: {
          ...baseOptions(theme, 'bar', 260).chart,
          events: {
            dataPointSelection: (_event, _chart, options) => {
              const priority = PRIORITY_ORDER[options?.dataPointIndex ?? -1];
              if (priority) navigate(priorityHref(priority, props.departmentId));
            },
          },
        },
        series: [{ name: 'Tickets', data: countsOf(entries) }],
        colors: PRIORITY_ORDER.map((priority) => PRIORITY_COLORS[priority]),
        plotOptions: { bar: { horizontal: true, distributed: true, barHeight: '58%', borderRadius: 4 } },
        dataLabels: { enabled: true, style: { fontSize: '12px', fontWeight: 600 } },
        legend: { show: false },
        xaxis: {
          categories: PRIORITY_ORDER.map((priority) => PRIORITY_LABELS[priority]),
          axisBorder: { color: theme.border },
          axisTicks: { color: theme.border },
          labels: { formatter: (value: string) => String(Math.round(Number(value))) },
        },
        grid: { borderColor: theme.border, strokeDashArray: 3, yaxis: { lines: { show: false } } },
      })}
      update={(entries) => ({ series: [{ name: 'Tickets', data: countsOf(entries) }] })}
    />
  );
}
