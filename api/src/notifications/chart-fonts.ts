// Which font files the daily report's chart draws its text with. Apart from report-chart.ts, so the notices can
// look for fonts at start-up without loading ECharts and resvg (≈1 s of CPU), which only a report being drawn needs.
import { existsSync } from 'node:fs';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

/**
 * Where common systems keep a sans-serif font (Debian/Ubuntu, Fedora/Alpine, Arch, macOS, Windows), regular
 * then bold: the title is bold, and resvg would otherwise draw it in the regular face.
 */
const FONT_CANDIDATES: readonly (readonly [string, string])[] = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
  ['/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf', '/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf'],
  ['/System/Library/Fonts/Supplemental/Arial.ttf', '/System/Library/Fonts/Supplemental/Arial Bold.ttf'],
  ['C:\\Windows\\Fonts\\arial.ttf', 'C:\\Windows\\Fonts\\arialbd.ttf'],
];

/** The font files the chart's text is drawn with (REPORT_FONT_FILE, else the first found); empty when none is. */
export function findChartFonts(configured: string | undefined): string[] {
  if (configured) return existsSync(configured) ? [configured] : [];
  const found = FONT_CANDIDATES.find(([regular]) => existsSync(regular));
  return found ? found.filter((file) => existsSync(file)) : [];
}

/** Font options for resvg: those files only (fast, and any family name falls back to them), else whatever the system has. */
export function fontOptions(fontFiles: readonly string[]): ResvgRenderOptions['font'] {
  return fontFiles.length ? { loadSystemFonts: false, fontFiles: [...fontFiles] } : { loadSystemFonts: true };
}
