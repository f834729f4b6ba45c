// The highlighted difference between two versions drawn at one size: pixelmatch marks each pixel that changed
// (anti-aliasing ignored) over a faded copy of the older version. Plain arrays in, plain arrays out, so it runs
// the same in the Web Worker, on the main thread and in tests.
import pixelmatch from 'pixelmatch';

export type Pixels = { data: Uint8ClampedArray<ArrayBuffer>; width: number; height: number };
export type Difference = Pixels & { changed: number };

/** Pink for what got darker or appeared, teal for what got lighter: "added" and "removed" read apart. */
const ADDED: [number, number, number] = [214, 0, 110];
const REMOVED: [number, number, number] = [0, 150, 160];

export function diffPixels(older: Pixels, newer: Pixels): Difference {
  const { width, height } = older;
  if (newer.width !== width || newer.height !== height) {
    throw new Error(`Both versions must be drawn at one size to be compared (${width}×${height} and ${newer.width}×${newer.height}).`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  const changed = pixelmatch(older.data, newer.data, data, width, height, { threshold: 0.1, alpha: 0.25, diffColor: REMOVED, diffColorAlt: ADDED });
  return { data, width, height, changed };
}
