import { useNavigate } from '@solidjs/router';
import type { DashboardStatsFieldsFragment as DashboardStats } from '../../gql/graphql';
import { colorToken, PRIORITY_LABELS, PRIORITY_ORDER } from '../../lib/vocabulary';
import { ApexChartPanel, baseOptions, tokenColor } from './apex-chart';
import { priorityHref } from './dashboard-links';

type PriorityCount = DashboardStats['byPriority'][number];

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
        colors: PRIORITY_ORDER.map((priority) => tokenColor(colorToken('priority', priority))),
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
