// Every priority's words stay readable (WCAG AA, 4.5:1 for 12 px text) on each background a pill sits on, at rest
// and hovered, in the light and the dark theme: the colours are read from styles.css's tokens.
import { describe, expect, it } from 'vitest';
import { PRIORITY_ORDER } from '../lib/vocabulary';
import styles from '../styles.css?raw';

const sheets = styles;

/** The custom properties a theme sets: the first `:root` blocks (light), or those inside the dark media query. */
function tokens(theme: 'light' | 'dark'): Map<string, string> {
  const found = new Map<string, string>();
  // Each piece after the first starts inside a dark media query, which ends at the first unindented `}`.
  const [before = '', ...pieces] = sheets.split('@media (prefers-color-scheme: dark)');
  const split = pieces.map((piece) => {
    const end = piece.indexOf('\n}\n');
    return { dark: piece.slice(0, end), after: piece.slice(end) };
  });
  const parts = theme === 'light' ? [before, ...split.map((piece) => piece.after)] : split.map((piece) => piece.dark);
  for (const part of parts)
    for (const [, name, value] of part.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)) if (name && value && !found.has(name)) found.set(name, value);
  return found;
}

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/** The colour of each priority's words (priority-pill.css sets them). */
const TEXT = { URGENT: '--color-danger', HIGH: '--priority-text-high', MEDIUM: '--priority-text-medium', LOW: '--color-text-muted' } as const;
/** Where pills sit: a card or row, the page, a hovered row, a selected row, an overdue row. */
const BACKGROUNDS = ['--color-surface', '--color-bg', '--color-surface-muted', '--color-accent-soft', '--color-danger-soft'];

describe('priority pill colours', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`read at 4.5:1 or more on every background, at rest and hovered (${theme})`, () => {
      const colours = tokens(theme);
      const failing: string[] = [];
      for (const priority of PRIORITY_ORDER) {
        const text = colours.get(TEXT[priority]);
        expect(text, `${TEXT[priority]} in the ${theme} theme`).toBeDefined();
        for (const background of BACKGROUNDS) {
          const behind = colours.get(background);
          expect(behind, `${background} in the ${theme} theme`).toBeDefined();
          const ratio = contrast(text as string, behind as string);
          if (ratio < 4.5) failing.push(`${priority} on ${background}: ${ratio.toFixed(2)}`);
        }
      }
      expect(failing).toEqual([]);
    });
  }
});
