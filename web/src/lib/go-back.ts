import type { Navigator } from '@solidjs/router';

/**
 * Back where the person came from (the page before, in this tab), or to `fallback` when this page was the
 * first one they opened. The router stamps `_depth` on every history entry it makes.
 */
export function goBack(navigate: Navigator, fallback: string): void {
  const depth = (window.history.state as { _depth?: number } | null)?._depth ?? 0;
  if (depth > 0) navigate(-1);
  else navigate(fallback, { replace: true });
}
