import { Resvg } from '@resvg/resvg-js';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { assembleFigures, reportDays } from '../domain/daily-report.ts';
import { findChartFonts, fontOptions } from './chart-fonts.ts';
import { CHART_HEIGHT, CHART_WIDTH, dailyReportSvg, renderDailyReportChart } from './report-chart.ts';

const days = reportDays('2026-11-29', 'UTC');
const figures = assembleFigures(
  '2026-11-29',
  'UTC',
  days.map((d, i) => ({ day: d.day, created: i % 5, completed: i % 3, output: { image: i % 7, video: i % 2, other: 0 } })),
  { requested: 1, pendingCreative: 1, approved: 1, inProgress: 1, overdue: 0 },
);

describe('the daily report chart', () => {
  it('is an SVG drawn by ECharts with the two weeks and the day named', () => {
    const svg = dailyReportSvg(figures);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Requests, last 14 days');
    expect(svg).toContain('29/11');
    expect(svg).toContain('16/11');
  });

  it('becomes a PNG of the chart size whose text is drawn with the font found on this machine', () => {
    const fonts = findChartFonts(undefined);
    expect(fonts.length, 'a font in the usual places (fonts-dejavu-core on Debian)').toBeGreaterThan(0);
    const png = renderDailyReportChart(figures, fonts);
    expect(imageSize(png)).toMatchObject({ type: 'png', width: CHART_WIDTH, height: CHART_HEIGHT });
    // The same SVG with no font loaded at all draws no text: what the font adds is the words.
    const ink = (options: ConstructorParameters<typeof Resvg>[1]) => {
      const { pixels } = new Resvg(dailyReportSvg(figures), options).render();
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if ((pixels[i] ?? 255) < 100 && (pixels[i + 1] ?? 255) < 100 && (pixels[i + 3] ?? 0) > 0) dark += 1;
      return dark;
    };
    const withFont = ink({ font: fontOptions(fonts) });
    const without = ink({ font: { loadSystemFonts: false } });
    expect(withFont).toBeGreaterThan(without + 2000);
  });

  it('takes REPORT_FONT_FILE when it exists, and says there is none when it does not', () => {
    const [regular] = findChartFonts(undefined);
    expect(findChartFonts(regular)).toEqual([regular]);
    expect(findChartFonts('/nonexistent/font.ttf')).toEqual([]);
  });
});
