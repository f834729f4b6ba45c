import { describe, expect, it } from 'vitest';
import { diffPixels, type Pixels } from './compare-diff';

/** A width × height image of one colour, with an optional square of another at (x, y). */
function image(
  width: number,
  height: number,
  colour: [number, number, number],
  square?: { x: number; y: number; side: number; colour: [number, number, number] },
): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inSquare = square && x >= square.x && x < square.x + square.side && y >= square.y && y < square.y + square.side;
      data.set([...(inSquare ? square.colour : colour), 255], (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

describe('the highlighted difference', () => {
  it('counts and marks exactly the pixels that changed', () => {
    const older = image(20, 10, [255, 255, 255]);
    const newer = image(20, 10, [255, 255, 255], { x: 4, y: 2, side: 3, colour: [0, 0, 0] });
    const difference = diffPixels(older, newer);
    expect(difference.changed).toBe(9);
    expect(difference.width).toBe(20);
    expect(difference.data.length).toBe(20 * 10 * 4);
    const at = (x: number, y: number) => Array.from(difference.data.slice((y * 20 + x) * 4, (y * 20 + x) * 4 + 3));
    // Darker in the newer version: marked in the "added" colour; the unchanged white fades to near-white.
    expect(at(5, 3)).toEqual([214, 0, 110]);
    expect(at(0, 0).every((channel) => channel > 200)).toBe(true);
  });

  it('marks nothing between identical versions', () => {
    expect(diffPixels(image(8, 8, [10, 120, 200]), image(8, 8, [10, 120, 200])).changed).toBe(0);
  });

  it('refuses versions drawn at different sizes', () => {
    expect(() => diffPixels(image(8, 8, [0, 0, 0]), image(8, 9, [0, 0, 0]))).toThrow('one size');
  });
});
