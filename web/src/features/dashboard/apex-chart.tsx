import type ApexCharts from 'apexcharts';
import type { ApexOptions } from 'apexcharts';
import { createEffect, createSignal, type JSX, on, onCleanup, onMount, Show } from 'solid-js';

/**
 * ApexCharts (core + the line, bar and donut types + legend) arrives on first use, in its own chunks, so the
 * dashboard's first paint does not wait for it. One shared promise: every chart on the page reuses one load.
 */
let apexLoad: Promise<typeof ApexCharts> | undefined;
function loadApexCharts(): Promise<typeof ApexCharts> {
  apexLoad ??= Promise.all([
    import('apexcharts/core'),
    import('apexcharts/line'),
    import('apexcharts/bar'),
    import('apexcharts/donut'),
    import('apexcharts/features/legend'),
  ]).then(([core]) => core.default);
  return apexLoad;
}

/** Colours and mode from the page's CSS tokens, so charts follow the light and dark themes. */
export type ChartTheme = { muted: string; border: string; accent: string; text: string; dark: boolean };

/**
 * The value of one of the page's colour tokens (styles.css), e.g. a status's from `colorToken('status', …)`:
 * the charts read the same value the page's theme holds, never a copy.
 */
export function tokenColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function themeOf(host: HTMLElement): ChartTheme {
  const style = getComputedStyle(host);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    muted: token('--color-text-muted', '#5d6878'),
    border: token('--color-border', '#e1e5eb'),
    accent: token('--color-accent', '#5b4bdb'),
    text: token('--color-text', '#1b2330'),
    // The page's theme (styles.css), whether chosen in the app (lib/theme.ts) or the system's.
    dark: token('--theme-mode', 'light') === 'dark',
  };
}

/** What every chart here shares: transparent, the page's font, no toolbar, quick animations. */
export function baseOptions(theme: ChartTheme, type: 'line' | 'bar' | 'donut', height: number): ApexOptions {
  return {
    chart: {
      type,
      height,
      background: 'transparent',
      foreColor: theme.muted,
      fontFamily: 'inherit',
      toolbar: { show: false },
      zoom: { enabled: false },
      animations: { enabled: true, speed: 300 },
      // The chart sits in an aria-hidden frame beside its summary in words: keyboard focus inside it would
      // land on something screen readers are told is not there (axe aria-hidden-focus).
      accessibility: { keyboard: { enabled: false } },
    },
    theme: { mode: theme.dark ? 'dark' : 'light' },
    dataLabels: { enabled: false },
    grid: { borderColor: theme.border, strokeDashArray: 3 },
    tooltip: { theme: theme.dark ? 'dark' : 'light' },
  };
}

/**
 * A titled panel holding one chart: a skeleton while the library loads, then the chart; new `data` redraws
 * the same chart (live numbers) instead of building a new one. `summary` is the chart in words, for screen
 * readers and for anyone the chart does not work for.
 */
export function ApexChartPanel<T>(props: {
  id: string;
  title: string;
  data: T;
  options: (data: T, theme: ChartTheme) => ApexOptions;
  update: (data: T) => ApexOptions;
  summary: string;
  empty?: boolean;
  class?: string;
  headerExtra?: JSX.Element;
}) {
  let host!: HTMLDivElement;
  const [chart, setChart] = createSignal<ApexCharts>();
  const [failed, setFailed] = createSignal(false);
  let disposed = false;

  onMount(() => {
    loadApexCharts()
      .then(async (Apex) => {
        if (disposed) return;
        const instance = new Apex(host, props.options(props.data, themeOf(host)));
        await instance.render();
        if (disposed) instance.destroy();
        else setChart(instance);
      })
      .catch((error: unknown) => {
        console.warn(`${props.title} chart failed to load`, error);
        setFailed(true);
      });
  });

  createEffect(
    on(
      () => props.data,
      (data) => {
        const instance = chart();
        if (instance) void instance.updateOptions(props.update(data));
      },
      { defer: true },
    ),
  );

  onCleanup(() => {
    disposed = true;
    chart()?.destroy();
  });

  return (
    <section class={`panel panel-chart ${props.class ?? ''}`} aria-labelledby={`${props.id}-title`}>
      <header class="panel-header">
        <h2 class="panel-title" id={`${props.id}-title`}>
          {props.title}
        </h2>
        {props.headerExtra}
      </header>
      <p class="visually-hidden">{props.summary}</p>
      <div class="chart-frame">
        <Show when={!chart() && !failed()}>
          <div class="chart-skeleton" role="presentation">
            <span style={{ height: '40%' }} />
            <span style={{ height: '65%' }} />
            <span style={{ height: '50%' }} />
            <span style={{ height: '80%' }} />
            <span style={{ height: '60%' }} />
            <span style={{ height: '90%' }} />
          </div>
        </Show>
        <Show when={failed()}>
          <p class="muted chart-failed">The chart could not be loaded.</p>
        </Show>
        <Show when={props.empty && chart()}>
          <p class="muted chart-empty">No tickets to show yet.</p>
        </Show>
        <div ref={host} class="chart-host" classList={{ 'chart-host-ready': chart() !== undefined }} />
      </div>
    </section>
  );
}
