import { ApexChartPanel, baseOptions } from '../dashboard/apex-chart';

export type Bar = { label: string; value: number; color?: string };

const PALETTE = ['#7a6cf0', '#2fbf71', '#4d8ff0', '#f59e0b', '#e5484d', '#0ea5e9', '#a855f7', '#64748b'];
const colorOf = (bar: Bar, index: number): string => bar.color ?? PALETTE[index % PALETTE.length] ?? '#64748b';

/** One series of bars (labels and values), horizontal for long labels; `unit` follows each value in words. */
export function BarChartPanel(props: {
  id: string;
  title: string;
  seriesName: string;
  bars: readonly Bar[];
  horizontal?: boolean;
  unit?: string;
  digits?: number;
}) {
  const digits = () => props.digits ?? 0;
  const format = (value: number) => `${value.toFixed(digits())}${props.unit ? ` ${props.unit}` : ''}`;
  const summary = () => props.bars.map((bar) => `${bar.label}: ${format(bar.value)}`).join(', ') || 'Nothing in this period.';
  const series = (bars: readonly Bar[]) => [{ name: props.seriesName, data: bars.map((bar) => Number(bar.value.toFixed(digits()))) }];
  return (
    <ApexChartPanel
      id={props.id}
      title={props.title}
      data={props.bars}
      summary={summary()}
      empty={props.bars.every((bar) => bar.value === 0)}
      options={(bars, theme) => ({
        ...baseOptions(theme, 'bar', Math.max(220, props.horizontal ? 48 + bars.length * 34 : 260)),
        series: series(bars),
        colors: PALETTE,
        plotOptions: { bar: { horizontal: props.horizontal === true, distributed: true, barHeight: '62%', columnWidth: '55%', borderRadius: 4 } },
        dataLabels: { enabled: true, style: { fontSize: '12px', fontWeight: 600 } },
        legend: { show: false },
        xaxis: { categories: bars.map((bar) => bar.label), axisBorder: { color: theme.border }, axisTicks: { color: theme.border } },
        grid: { borderColor: theme.border, strokeDashArray: 3 },
        tooltip: { theme: theme.dark ? 'dark' : 'light', y: { formatter: (value: number) => format(value) } },
      })}
      update={(bars) => ({ series: series(bars), xaxis: { categories: bars.map((bar) => bar.label) } })}
    />
  );
}

/** Shares of a whole as a donut (output by criteria). */
export function DonutChartPanel(props: { id: string; title: string; slices: readonly Bar[]; totalLabel: string }) {
  const slices = () => props.slices.filter((slice) => slice.value > 0);
  const summary = () =>
    slices()
      .map((slice) => `${slice.label}: ${slice.value}`)
      .join(', ') || 'Nothing delivered in this period.';
  return (
    <ApexChartPanel
      id={props.id}
      title={props.title}
      data={slices()}
      summary={summary()}
      empty={slices().length === 0}
      options={(data, theme) => ({
        ...baseOptions(theme, 'donut', 260),
        series: data.map((slice) => slice.value),
        labels: data.map((slice) => slice.label),
        colors: data.map((slice, index) => colorOf(slice, index)),
        stroke: { width: 2, colors: [theme.dark ? '#171c24' : '#ffffff'] },
        legend: { position: 'bottom', fontSize: '13px' },
        plotOptions: {
          pie: {
            donut: {
              size: '64%',
              labels: {
                show: true,
                total: { show: true, label: props.totalLabel, color: theme.muted },
                value: { color: theme.text, fontSize: '22px', fontWeight: 700 },
              },
            },
          },
        },
      })}
      update={(data) => ({
        series: data.map((slice) => slice.value),
        labels: data.map((slice) => slice.label),
        colors: data.map((slice, index) => colorOf(slice, index)),
      })}
    />
  );
}
