// Light, dark or the system's: the person's choice, kept in localStorage and shown as a class on <html>
// (is-light / is-dark). The stylesheets' `prefers-color-scheme: dark` blocks are copied to those classes at
// build time (postcss-dark-theme-class, web/vite.config.ts); web/public/theme.js applies the stored choice
// before the first paint. Charts ask isDarkTheme().
import { createSignal } from 'solid-js';

export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'theme';

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

const darkQuery = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
const [choice, setChoice] = createSignal<ThemeChoice>(stored());
const [systemDark, setSystemDark] = createSignal(darkQuery?.matches ?? false);
darkQuery?.addEventListener('change', (event) => setSystemDark(event.matches));

/** Puts the choice on <html>: one class for a forced theme, none to follow the system. */
export function applyTheme(next: ThemeChoice, root: HTMLElement = document.documentElement): void {
  root.classList.toggle('is-dark', next === 'dark');
  root.classList.toggle('is-light', next === 'light');
}

// Another tab changed it: follow.
window.addEventListener('storage', (event) => {
  if (event.key !== THEME_STORAGE_KEY) return;
  const next = stored();
  applyTheme(next);
  setChoice(next);
});

export const themeChoice = choice;

/** Whether the page is dark now: chosen so, or following a dark system. */
export const isDarkTheme = () => choice() === 'dark' || (choice() === 'system' && systemDark());

/** Applies the choice and remembers it on this device ('system' forgets any earlier choice). */
export function chooseTheme(next: ThemeChoice): void {
  try {
    if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, next);
  } catch {
    // Not remembered, still applied for this visit.
  }
  applyTheme(next);
  setChoice(next);
}
