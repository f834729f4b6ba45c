// Draws two versions of an image at one size and computes their difference: in a Web Worker where the browser has
// one, else on the main thread when it is idle. Used by the compare view only, so pixelmatch loads with it.
import type { Difference, Pixels } from './compare-diff';
import { diffSize, type Size, sameProportions } from './compare-math';

export type Comparison = { difference: Difference; proportionsDiffer: boolean };

/** An image decoded and ready to draw; refused when it cannot be read. */
export function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The image could not be loaded.'));
    image.src = url;
  });
}

const naturalSize = (image: HTMLImageElement): Size => ({ width: image.naturalWidth, height: image.naturalHeight });

/** The image's pixels, stretched to `size`. */
function pixelsOf(image: HTMLImageElement, size: Size): Pixels {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot draw images to compare them.');
  context.drawImage(image, 0, 0, size.width, size.height);
  return { data: context.getImageData(0, 0, size.width, size.height).data, width: size.width, height: size.height };
}

function inWorker(older: Pixels, newer: Pixels): Promise<Difference> {
  const worker = new Worker(new URL('./compare-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Difference>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ ok: true; difference: Difference } | { ok: false; message: string }>) => {
      if (event.data.ok) resolve(event.data.difference);
      else reject(new Error(event.data.message));
    };
    worker.onerror = () => reject(new Error('The difference could not be computed.'));
    worker.postMessage({ older, newer }, [older.data.buffer, newer.data.buffer]);
  }).finally(() => worker.terminate());
}

async function onMainThread(older: Pixels, newer: Pixels): Promise<Difference> {
  await new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve()) : setTimeout(resolve, 0)));
  const { diffPixels } = await import('./compare-diff');
  return diffPixels(older, newer);
}

/** The difference between two versions, both drawn at the size `diffSize` chooses. */
export async function compareImages(olderUrl: string, newerUrl: string): Promise<Comparison> {
  const [olderImage, newerImage] = await Promise.all([loadImage(olderUrl), loadImage(newerUrl)]);
  const size = diffSize(naturalSize(olderImage), naturalSize(newerImage));
  const older = pixelsOf(olderImage, size);
  const newer = pixelsOf(newerImage, size);
  const difference =
    typeof Worker === 'function'
      ? await inWorker(older, newer).catch(() => onMainThread(pixelsOf(olderImage, size), pixelsOf(newerImage, size)))
      : await onMainThread(older, newer);
  return { difference, proportionsDiffer: !sameProportions(naturalSize(olderImage), naturalSize(newerImage)) };
}

/** Paints a computed difference into a canvas of its size. */
export function paintDifference(canvas: HTMLCanvasElement, difference: Difference): void {
  canvas.width = difference.width;
  canvas.height = difference.height;
  canvas.getContext('2d')?.putImageData(new ImageData(difference.data, difference.width, difference.height), 0, 0);
}
