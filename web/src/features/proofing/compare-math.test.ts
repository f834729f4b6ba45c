import { describe, expect, it } from 'vitest';
import { changedShare, clampPercent, DIFF_MAX_SIDE, diffSize, newerClip, percentAfterKey, percentAtPointer, sameProportions } from './compare-math';

describe('the slider', () => {
  it('puts the divider under the pointer, inside the image', () => {
    const box = { left: 100, width: 400 };
    expect(percentAtPointer(100, box)).toBe(0);
    expect(percentAtPointer(300, box)).toBe(50);
    expect(percentAtPointer(401, box)).toBe(75.3);
    expect(percentAtPointer(20, box)).toBe(0);
    expect(percentAtPointer(900, box)).toBe(100);
    expect(percentAtPointer(300, { left: 0, width: 0 })).toBe(50);
  });

  it('moves by 1 % with the arrows, 10 % with Shift or the Page keys, to the ends with Home and End', () => {
    expect(percentAfterKey('ArrowRight', 50)).toBe(51);
    expect(percentAfterKey('ArrowUp', 50)).toBe(51);
    expect(percentAfterKey('ArrowLeft', 50)).toBe(49);
    expect(percentAfterKey('ArrowDown', 50)).toBe(49);
    expect(percentAfterKey('ArrowRight', 50, true)).toBe(60);
    expect(percentAfterKey('PageUp', 50)).toBe(60);
    expect(percentAfterKey('PageDown', 5)).toBe(0);
    expect(percentAfterKey('ArrowRight', 99.5)).toBe(100);
    expect(percentAfterKey('Home', 42)).toBe(0);
    expect(percentAfterKey('End', 42)).toBe(100);
    expect(percentAfterKey('Enter', 42)).toBeUndefined();
  });

  it('clips the newer version to the right of the divider', () => {
    expect(newerClip(0)).toBe('inset(0 0 0 0%)');
    expect(newerClip(37.25)).toBe('inset(0 0 0 37.3%)');
    expect(newerClip(140)).toBe('inset(0 0 0 100%)');
    expect(clampPercent(Number.NaN)).toBe(50);
  });
});

describe('the size both versions are compared at', () => {
  it('is the larger of each dimension when small enough', () => {
    expect(diffSize({ width: 800, height: 600 }, { width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
    expect(diffSize({ width: 400, height: 300 }, { width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
    expect(diffSize({ width: 1000, height: 200 }, { width: 300, height: 900 })).toEqual({ width: 1000, height: 900 });
  });

  it('is scaled down to at most 2048 px on the long side, proportions kept', () => {
    expect(DIFF_MAX_SIDE).toBe(2048);
    expect(diffSize({ width: 6000, height: 4000 }, { width: 6000, height: 4000 })).toEqual({ width: 2048, height: 1365 });
    expect(diffSize({ width: 3000, height: 8192 }, { width: 3000, height: 8192 })).toEqual({ width: 750, height: 2048 });
    expect(diffSize({ width: 100_000, height: 1 }, { width: 100_000, height: 1 })).toEqual({ width: 2048, height: 1 });
    expect(diffSize({ width: 0, height: 0 }, { width: 0, height: 0 })).toEqual({ width: 1, height: 1 });
  });

  it('knows when the versions have different proportions (they are stretched to one size)', () => {
    expect(sameProportions({ width: 1000, height: 500 }, { width: 2000, height: 1000 })).toBe(true);
    expect(sameProportions({ width: 1000, height: 500 }, { width: 2000, height: 1001 })).toBe(true);
    expect(sameProportions({ width: 1000, height: 500 }, { width: 1000, height: 600 })).toBe(false);
    expect(sameProportions({ width: 0, height: 500 }, { width: 1000, height: 600 })).toBe(false);
  });

  it('says how much changed in words', () => {
    expect(changedShare(0, { width: 10, height: 10 })).toBe('No pixel changed');
    expect(changedShare(25, { width: 10, height: 10 })).toBe('25 % of pixels changed');
    expect(changedShare(3, { width: 10, height: 100 })).toBe('0.3 % of pixels changed');
    expect(changedShare(1, { width: 2048, height: 2048 })).toBe('< 0.1 % of pixels changed');
  });
});
