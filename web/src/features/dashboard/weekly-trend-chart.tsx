import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import type ApexCharts from 'apexcharts';
import type { ApexOptions } from 'apexcharts';
import type { DashboardStatsFieldsFragment as DashboardStats } from '../../gql/graphql';

type Point = DashboardStats['weeklyTrend'][number];

/**
 * ApexCharts (core + bar + legend only) arrives on first use, in its own chunk, so the dashboard's first
 * paint does not wait for it. One shared promise: every chart on the page reuses the same load.
 */
let apexLoad: Promise<typeof ApexCharts> | undefined;
function loadApexCharts(): Promise<typeof ApexCharts> {
  apexLoad ??= Promise.all([import('apexcharts/core'), import('apexcharts/bar'), import('apexcharts/features/legend')]).then(
    ([core]) => core.default,
  );
  return apexLoad;
}

const weekFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function seriesOf(points: readonly Point[]): ApexCharts.ApexAxisChartSeries {
  return [
    { name: 'Created', data: points.map((point) => point.created) },
    { name: 'Completed', data: points.map((point) => point.completed) },
  ];
}

function categoriesOf(points: readonly Point[]): string[] {
  return points.map((point) => weekFormat.format(new Date(point.weekStart)));
}

/** Created vs completed tickets per week, as grouped columns. The chart library loads lazily. */
export function WeeklyTrendChart(props: { points: readonly Point[] }) {
  let host!: HTMLDivElement;
  const [chart, setChart] = createSignal<ApexCharts>();
  const [failed, setFailed] = createSignal(false);
  let disposed = false;

  onMount(() => {
    loadApexCharts()
      .then(async (Apex) => {
        if (disposed) return;
        const instance = new Apex(host, chartOptions(host, props.points));
        await instance.render();
        if (disposed) instance.destroy();
        else setChart(instance);
      })
      .catch((error: unknown) => {
        console.warn('Weekly trend chart failed to load', error);
        setFailed(true);
      });
  });

  // Live updates: new numbers from the subscription redraw the same chart instead of building a new one.
  createEffect(
    on(
      () => props.points,
      (points) => {
        const instance = chart();
        if (!instance) return;
        void instance.updateOptions({ series: seriesOf(points), xaxis: { categories: categoriesOf(points) } });
      },
      { defer: true },
    ),
  );

  onCleanup(() => {
    disposed = true;
    chart()?.destroy();
  });

  return (
    <section class="panel panel-chart" aria-labelledby="weekly-trend-title">
      <h2 class="panel-title" id="weekly-trend-title">
        Weekly trend
      </h2>
      <div class="chart-frame">
        <Show when={!chart() && !failed()}>
          <div class="chart-skeleton" role="status" aria-label="Loading chart">
            <span style={{ height: '40%' }} />
            <span style={{ height: '65%' }} />
            <span style={{ height: '50%' }} />
            <span style={{ height: '80%' }} />
            <span style={{ height: '60%' }} />
            <span style={{ height: '90%' }} />
            <span style={{ height: '70%' }} />
            <span style={{ height: '55%' }} />
          </div>
        </Show>
        <Show when={failed()}>
          <p class="muted chart-failed">The chart could not be loaded.</p>
        </Show>
        <div ref={host} class="chart-host" classList={{ 'chart-host-ready': chart() !== undefined }} />
      </div>
    </section>
  );
}

function chartOptions(host: HTMLElement, points: readonly Point[]): ApexOptions {
  const style = getComputedStyle(host);
  const muted = style.getPropertyValue('--color-text-muted').trim() || '#5d6878';
  const border = style.getPropertyValue('--color-border').trim() || '#e1e5eb';
  const accent = style.getPropertyValue('--color-accent').trim() || '#5b4bdb';
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    chart: {
      type: 'bar',
      height: 280,
      background: 'transparent',
      foreColor: muted,
      fontFamily: 'inherit',
      toolbar: { show: false },
      zoom: { enabled: false },
      animations: { enabled: true, speed: 300 },
    },
    theme: { mode: dark ? 'dark' : 'light' },
    series: seriesOf(points),
    colors: [accent, '#12b76a'],
    plotOptions: { bar: { columnWidth: '55%', borderRadius: 3 } },
    dataLabels: { enabled: false },
    stroke: { show: true, width: 2, colors: ['transparent'] },
    xaxis: { categories: categoriesOf(points), axisBorder: { color: border }, axisTicks: { color: border } },
    yaxis: { min: 0, forceNiceScale: true, labels: { formatter: (value: number) => String(Math.round(value)) } },
    grid: { borderColor: border, strokeDashArray: 3 },
    legend: { position: 'top', horizontalAlign: 'right' },
    tooltip: { theme: dark ? 'dark' : 'light', shared: true, intersect: false },
  };
}
