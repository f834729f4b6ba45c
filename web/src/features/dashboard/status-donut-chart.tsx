import { useNavigate } from '@solidjs/router';
import type { DashboardStatsFieldsFragment as DashboardStats, TicketStatus } from '../../gql/graphql';
import { colorToken, STATUS_LABELS, STATUS_ORDER } from '../../lib/vocabulary';
import { ApexChartPanel, baseOptions, tokenColor } from './apex-chart';
import { statusHref } from './dashboard-links';

type StatusCount = DashboardStats['byStatus'][number];

/** One colour per status (the page's `--status-*` tokens). */
const colorOf = (status: TicketStatus) => tokenColor(colorToken('status', status));

const ordered = (entries: readonly StatusCount[]) =>
  STATUS_ORDER.map((status) => ({ status, count: entries.find((entry) => entry.status === status)?.count ?? 0 })).filter((entry) => entry.count > 0);

/** Tickets per status as a donut; a slice leads to the list of those tickets. */
export function StatusDonutChart(props: { byStatus: readonly StatusCount[]; departmentId?: string | undefined }) {
  const navigate = useNavigate();
  const summary = () =>
    ordered(props.byStatus)
      .map((entry) => `${STATUS_LABELS[entry.status]}: ${entry.count}`)
      .join(', ') || 'No tickets.';
  return (
    <ApexChartPanel
      id="status-donut"
      title="By status"
      data={ordered(props.byStatus)}
      summary={summary()}
      empty={props.byStatus.every((entry) => entry.count === 0)}
      options={(entries, theme) => ({
        ...baseOptions(theme, 'donut', 280),
        series: entries.map((entry) => entry.count),
        labels: entries.map((entry) => STATUS_LABELS[entry.status]),
        colors: entries.map((entry) => colorOf(entry.status)),
        stroke: { width: 2, colors: [theme.dark ? '#171c24' : '#ffffff'] },
        legend: { position: 'bottom', fontSize: '13px' },
        plotOptions: {
          pie: {
            donut: {
              size: '66%',
              labels: {
                show: true,
                total: { show: true, label: 'Tickets', color: theme.muted },
                value: { color: theme.text, fontSize: '22px', fontWeight: 700 },
              },
            },
          },
        },
        chart: {
          ...baseOptions(theme, 'donut', 280).chart,
          events: {
            dataPointSelection: (_event, _chart, options) => {
              const entry = ordered(props.byStatus)[options?.dataPointIndex ?? -1];
              if (entry) navigate(statusHref(entry.status, props.departmentId));
            },
          },
        },
      })}
      update={(entries) => ({
        series: entries.map((entry) => entry.count),
        labels: entries.map((entry) => STATUS_LABELS[entry.status]),
        colors: entries.map((entry) => colorOf(entry.status)),
      })}
    />
  );
}
