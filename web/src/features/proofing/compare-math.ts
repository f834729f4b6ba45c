// The arithmetic of comparing two versions of an image, kept apart from the DOM so it is tested in milliseconds:
// where the slider's divider sits, how the keyboard moves it, what the newer image's clip is, and the size both
// versions are drawn at to be compared pixel by pixel.

export type Size = { width: number; height: number };

/** The divider's position, in percent of the width, kept inside 0–100 (rounded to 0.1 so aria-valuenow reads well). */
export function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 50;
  return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}

/** The divider under a pointer at `clientX` over a box that starts at `left` and is `width` wide. */
export function percentAtPointer(clientX: number, box: { left: number; width: number }): number {
  if (box.width <= 0) return 50;
  return clampPercent(((clientX - box.left) / box.width) * 100);
}

/** Keys of the slider, as the ARIA slider pattern has them: arrows 1 %, Shift or Page keys 10 %, Home/End the ends. */
export function percentAfterKey(key: string, current: number, shift = false): number | undefined {
  const step = shift ? 10 : 1;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampPercent(current - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampPercent(current + step);
    case 'PageDown':
      return clampPercent(current - 10);
    case 'PageUp':
      return clampPercent(current + 10);
    case 'Home':
      return 0;
    case 'End':
      return 100;
    default:
      return undefined;
  }
}

/**
 * The clip of the newer version laid over the older one: the older shows left of the divider, the newer right of
 * it (before → after, as read). At 0 the newer covers everything; at 100 nothing of it shows.
 */
export function newerClip(percent: number): string {
  return `inset(0 0 0 ${clampPercent(percent)}%)`;
}

/** The longest side, in pixels, the difference is computed at: a 24-megapixel photo is compared at 2048 px. */
export const DIFF_MAX_SIDE = 2048;

/**
 * The one size both versions are drawn at before comparing: the larger of each dimension, scaled down so its long
 * side is at most `maxSide`. Each version is stretched to it, so a re-export at another resolution still lines up;
 * versions of different proportions are distorted, which `sameProportions` lets the view say.
 */
export function diffSize(older: Size, newer: Size, maxSide = DIFF_MAX_SIDE): Size {
  const width = Math.max(older.width, newer.width, 1);
  const height = Math.max(older.height, newer.height, 1);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Whether two sizes have the same proportions, within one pixel of rounding. */
export function sameProportions(a: Size, b: Size): boolean {
  if (a.width <= 0 || a.height <= 0 || b.width <= 0 || b.height <= 0) return false;
  return Math.abs(a.width * b.height - b.width * a.height) <= Math.max(a.width, b.width);
}

/** The share of pixels that differ, as a person reads it ("0.4 % of pixels changed"). */
export function changedShare(changed: number, size: Size): string {
  const total = size.width * size.height;
  if (total === 0 || changed === 0) return 'No pixel changed';
  const percent = (changed / total) * 100;
  const shown = percent < 0.1 ? '< 0.1' : percent.toFixed(percent < 10 ? 1 : 0);
  return `${shown} % of pixels changed`;
}
