import type { DashboardStatsFieldsFragment as DashboardStats } from '../../gql/graphql';
import { ApexChartPanel, baseOptions } from './apex-chart';

type Point = DashboardStats['weeklyTrend'][number];

const weekFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

const seriesOf = (points: readonly Point[]) => [
  { name: 'Created', data: points.map((point) => point.created) },
  { name: 'Completed', data: points.map((point) => point.completed) },
];
const categoriesOf = (points: readonly Point[]) => points.map((point) => weekFormat.format(new Date(point.weekStart)));

/** Created vs completed tickets per week, as two lines. */
export function WeeklyTrendChart(props: { points: readonly Point[] }) {
  const summary = () =>
    `Last ${props.points.length} weeks: ${props.points.reduce((sum, point) => sum + point.created, 0)} created, ${props.points.reduce((sum, point) => sum + point.completed, 0)} completed.`;
  return (
    <ApexChartPanel
      id="weekly-trend"
      title="Weekly trend"
      data={props.points}
      summary={summary()}
      options={(points, theme) => ({
        ...baseOptions(theme, 'line', 260),
        series: seriesOf(points),
        colors: [theme.accent, '#12b76a'],
        stroke: { curve: 'monotoneCubic', width: 3 },
        markers: { size: 4, strokeWidth: 0, hover: { size: 6 } },
        xaxis: { categories: categoriesOf(points), axisBorder: { color: theme.border }, axisTicks: { color: theme.border } },
        yaxis: { min: 0, forceNiceScale: true, labels: { formatter: (value: number) => String(Math.round(value)) } },
        legend: { position: 'top', horizontalAlign: 'right' },
        tooltip: { theme: theme.dark ? 'dark' : 'light', shared: true, intersect: false },
      })}
      update={(points) => ({ series: seriesOf(points), xaxis: { categories: categoriesOf(points) } })}
    />
  );
}
