// The daily report's chart as a PNG, drawn without a browser: ECharts renders SVG on the server (SSR mode) and
// resvg rasterizes it. resvg draws text only with a font it has loaded, and a fresh server (a slim container)
// may have none installed: REPORT_FONT_FILE, or else the first font found in the usual places, is loaded
// explicitly (chart-fonts.ts); with none at all the chart is still sent, without its words (the caption carries every
// figure). ECharts costs ≈1 s of CPU to load, so this module is imported only when a report is drawn (daily-report.ts).
import { Resvg } from '@resvg/resvg-js';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type DailyReportFigures, dayTitle } from '../domain/daily-report.ts';
import { fontOptions } from './chart-fonts.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 540;

const shortDay = (day: string) => `${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`;

/** The chart as SVG: the last two weeks' requests created and completed, and the completed output by criteria. */
export function dailyReportSvg(figures: DailyReportFigures): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    const days = figures.trend.map((row) => shortDay(row.day));
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif' },
      color: ['#94a3b8', '#2563eb', '#f59e0b', '#db2777'],
      title: {
        text: `Requests, last ${figures.trend.length} days`,
        subtext: `through ${dayTitle(figures.day)} (${figures.timeZone})`,
        left: 24,
        top: 16,
        textStyle: { fontSize: 22, fontWeight: 'bold', color: '#0f172a' },
        subtextStyle: { fontSize: 14, color: '#475569' },
      },
      legend: { top: 24, right: 24, itemGap: 16, textStyle: { fontSize: 14, color: '#334155' } },
      grid: { left: 56, right: 64, top: 112, bottom: 48 },
      xAxis: { type: 'category', data: days, axisLabel: { fontSize: 13, color: '#475569' }, axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: 'value', name: 'requests', minInterval: 1, nameTextStyle: { color: '#475569' }, axisLabel: { color: '#475569' } },
        { type: 'value', name: 'output', minInterval: 1, splitLine: { show: false }, nameTextStyle: { color: '#475569' }, axisLabel: { color: '#475569' } },
      ],
      series: [
        { name: 'Created', type: 'bar', data: figures.trend.map((row) => row.created), barGap: '10%' },
        {
          name: 'Completed',
          type: 'bar',
          data: figures.trend.map((row) => row.completed),
          label: { show: true, position: 'top', fontSize: 12, color: '#1e3a8a', formatter: ({ value }: { value: number }) => (value ? String(value) : '') },
        },
        { name: 'Images out', type: 'line', yAxisIndex: 1, symbolSize: 7, data: figures.trend.map((row) => row.output.image) },
        { name: 'Videos out', type: 'line', yAxisIndex: 1, symbolSize: 7, data: figures.trend.map((row) => row.output.video) },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG. */
export function renderDailyReportChart(figures: DailyReportFigures, fontFiles: readonly string[]): Buffer {
  return new Resvg(dailyReportSvg(figures), { font: fontOptions(fontFiles), fitTo: { mode: 'original' }, background: '#ffffff' }).render().asPng();
}
