import { describe, expect, it } from 'vitest';
import {
  absolutePoint,
  centerOn,
  clampView,
  fitWidth,
  layoutPages,
  MAX_SCALE,
  MAX_STROKE_NUMBERS,
  MIN_SCALE,
  NUDGE_BIG_STEP,
  nudge,
  pageInView,
  panBy,
  relativePoint,
  shapeFromDrag,
  simplifyPath,
  spotAt,
  stepIndex,
  strokeFromPath,
  zoomAround,
} from './geometry';

describe('zoomAround', () => {
  it('keeps the content point under the anchor in place', () => {
    const view = { scale: 1, x: 40, y: -20 };
    const anchor = { x: 300, y: 200 };
    // Content point under the anchor, in unscaled content pixels.
    const before = { x: (anchor.x - view.x) / view.scale, y: (anchor.y - view.y) / view.scale };
    const next = zoomAround(view, 2.5, anchor);
    expect(next.scale).toBe(2.5);
    expect(next.x + before.x * next.scale).toBeCloseTo(anchor.x, 9);
    expect(next.y + before.y * next.scale).toBeCloseTo(anchor.y, 9);
  });

  it('stops at the smallest and largest zoom', () => {
    expect(zoomAround({ scale: 1, x: 0, y: 0 }, 100, { x: 0, y: 0 }).scale).toBe(MAX_SCALE);
    expect(zoomAround({ scale: 1, x: 0, y: 0 }, 0.001, { x: 0, y: 0 }).scale).toBe(MIN_SCALE);
  });
});

describe('clampView', () => {
  it('centres content smaller than the viewport', () => {
    expect(clampView({ scale: 1, x: -500, y: 900 }, { width: 200, height: 100 }, { width: 400, height: 300 })).toEqual({ scale: 1, x: 100, y: 100 });
  });

  it('lets no edge of larger content inside the viewport', () => {
    const content = { width: 1000, height: 800 };
    const viewport = { width: 400, height: 300 };
    expect(clampView({ scale: 2, x: 50, y: 10 }, content, viewport)).toEqual({ scale: 2, x: 0, y: 0 });
    expect(clampView({ scale: 2, x: -900, y: -700 }, content, viewport)).toEqual({ scale: 2, x: -600, y: -500 });
    expect(clampView(panBy({ scale: 2, x: -100, y: -100 }, -50, 20), content, viewport)).toEqual({ scale: 2, x: -150, y: -80 });
  });
});

describe('fitWidth and layoutPages', () => {
  it('fits one image whole, by width or by height', () => {
    expect(fitWidth([{ width: 2000, height: 1000 }], { width: 832, height: 632 })).toBe(800);
    expect(fitWidth([{ width: 1000, height: 2000 }], { width: 832, height: 632 })).toBe(300);
  });

  it('fits a document to the width, at most 1000 px', () => {
    const pages = [
      { width: 612, height: 792 },
      { width: 612, height: 792 },
    ];
    expect(fitWidth(pages, { width: 532, height: 300 })).toBe(500);
    expect(fitWidth(pages, { width: 3000, height: 300 })).toBe(1000);
  });

  it('stacks pages with their own aspect ratio and a gap between them', () => {
    const { boxes, size } = layoutPages(
      [
        { width: 100, height: 200 },
        { width: 200, height: 100 },
      ],
      400,
      10,
    );
    expect(boxes).toEqual([
      { top: 0, width: 400, height: 800 },
      { top: 810, width: 400, height: 200 },
    ]);
    expect(size).toEqual({ width: 400, height: 1010 });
  });
});

describe('relative and absolute points', () => {
  const box = { left: 100, top: 50, width: 400, height: 200 };

  it('are inverse of each other inside the box', () => {
    const point = relativePoint(300, 100, box);
    expect(point).toEqual({ x: 0.5, y: 0.25 });
    expect(absolutePoint(point, box)).toEqual({ x: 300, y: 100 });
  });

  it('stay the same spot of the image at any size of it', () => {
    const spot = { x: 0.3, y: 0.7 };
    for (const width of [390, 1024, 1440]) {
      const scaled = { left: 12, top: 80, width, height: width / 2 };
      expect(relativePoint(absolutePoint(spot, scaled).x, absolutePoint(spot, scaled).y, scaled).x).toBeCloseTo(0.3, 12);
      expect(relativePoint(absolutePoint(spot, scaled).x, absolutePoint(spot, scaled).y, scaled).y).toBeCloseTo(0.7, 12);
    }
  });

  it('clamp a pointer outside the box to its edge', () => {
    expect(relativePoint(0, 1000, box)).toEqual({ x: 0, y: 1 });
  });
});

describe('centerOn', () => {
  it('puts a spot of page 2 in the middle of the viewport at the asked zoom', () => {
    const { boxes } = layoutPages(
      [
        { width: 100, height: 100 },
        { width: 100, height: 100 },
      ],
      500,
      16,
    );
    const page = boxes[1];
    if (!page) throw new Error('two pages laid out');
    const viewport = { width: 800, height: 600 };
    const view = centerOn({ x: 0.2, y: 0.5 }, page, 2, viewport);
    // The spot in scaled content pixels, shown at the viewport's centre.
    expect(view.x + 0.2 * 500 * 2).toBeCloseTo(400, 9);
    expect(view.y + (516 + 0.5 * 500) * 2).toBeCloseTo(300, 9);
  });
});

describe('spotAt', () => {
  const { boxes } = layoutPages(
    [
      { width: 100, height: 100 },
      { width: 100, height: 100 },
    ],
    500,
    16,
  );

  it('finds the spot of page 2 under the viewport’s centre, and undoes centerOn', () => {
    const page = boxes[1];
    if (!page) throw new Error('two pages laid out');
    const viewport = { width: 800, height: 600 };
    const found = spotAt(centerOn({ x: 0.2, y: 0.5 }, page, 2, viewport), { x: 400, y: 300 }, boxes);
    expect(found?.index).toBe(1);
    expect(found?.spot.x).toBeCloseTo(0.2, 9);
    expect(found?.spot.y).toBeCloseTo(0.5, 9);
  });

  it('takes the nearest page and its edge when the point is beside the pages', () => {
    expect(spotAt({ scale: 1, x: 0, y: 0 }, { x: 900, y: 505 }, boxes)).toEqual({ index: 0, spot: { x: 1, y: 1 } });
    expect(spotAt({ scale: 1, x: 0, y: 0 }, { x: 10, y: 2000 }, boxes)).toEqual({ index: 1, spot: { x: 0.02, y: 1 } });
    expect(spotAt({ scale: 1, x: 0, y: 0 }, { x: 0, y: 0 }, [])).toBeUndefined();
  });
});

describe('shapeFromDrag', () => {
  it('pins where the press began', () => {
    expect(shapeFromDrag('PIN', { x: 0.1, y: 0.2 }, { x: 0.5, y: 0.5 })).toEqual({ shape: 'PIN', x: 0.1, y: 0.2 });
  });

  it('normalises a rectangle drawn in any direction', () => {
    const rect = shapeFromDrag('RECT', { x: 0.6, y: 0.7 }, { x: 0.2, y: 0.3 });
    expect(rect?.shape).toBe('RECT');
    expect(rect?.x).toBeCloseTo(0.2);
    expect(rect?.y).toBeCloseTo(0.3);
    expect(rect?.width).toBeCloseTo(0.4);
    expect(rect?.height).toBeCloseTo(0.4);
  });

  it('keeps an arrow’s direction', () => {
    expect(shapeFromDrag('ARROW', { x: 0.9, y: 0.1 }, { x: 0.5, y: 0.5 })).toEqual({ shape: 'ARROW', x: 0.9, y: 0.1, points: [0.9, 0.1, 0.5, 0.5] });
  });

  it('treats a click with the rectangle or arrow tool as nothing drawn', () => {
    expect(shapeFromDrag('RECT', { x: 0.5, y: 0.5 }, { x: 0.502, y: 0.501 })).toBeNull();
    expect(shapeFromDrag('ARROW', { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 })).toBeNull();
  });
});

describe('stepIndex', () => {
  it('moves through the annotations and wraps', () => {
    expect(stepIndex(undefined, 3, 1)).toBe(0);
    expect(stepIndex(undefined, 3, -1)).toBe(2);
    expect(stepIndex(2, 3, 1)).toBe(0);
    expect(stepIndex(0, 3, -1)).toBe(2);
    expect(stepIndex(1, 0, 1)).toBeUndefined();
  });
});

describe('simplifyPath', () => {
  it('drops the points of a straight stretch and keeps the corners', () => {
    const path = [
      { x: 0, y: 0 },
      { x: 0.1, y: 0.0005 },
      { x: 0.2, y: 0 },
      { x: 0.2, y: 0.1 },
      { x: 0.2, y: 0.2 },
    ];
    expect(simplifyPath(path, 0.002)).toEqual([path[0], path[2], path[4]]);
  });

  it('keeps a point farther than the tolerance from the line', () => {
    const path = [
      { x: 0, y: 0 },
      { x: 0.5, y: 0.01 },
      { x: 1, y: 0 },
    ];
    expect(simplifyPath(path, 0.002)).toHaveLength(3);
    expect(simplifyPath(path, 0.02)).toHaveLength(2);
  });
});

/** A wavy stroke of `count` pointer positions across the page. */
const scribble = (count: number) => Array.from({ length: count }, (_, index) => ({ x: 0.05 + (0.9 * index) / count, y: 0.5 + 0.3 * Math.sin(index / 3) }));

describe('strokeFromPath', () => {
  it('makes a freehand line starting where the stroke began, points 0–1 and rounded', () => {
    const stroke = strokeFromPath([
      { x: 0.12345678, y: 0.2 },
      { x: 0.3, y: 0.4 },
      { x: 0.6, y: 0.2 },
    ]);
    expect(stroke).toEqual({ shape: 'FREEHAND', x: 0.1235, y: 0.2, points: [0.1235, 0.2, 0.3, 0.4, 0.6, 0.2] });
  });

  it('simplifies a long stroke until it fits the API’s limit, keeping both ends', () => {
    const path = scribble(5000);
    const stroke = strokeFromPath(path);
    const points = stroke?.points ?? [];
    expect(points.length).toBeLessThanOrEqual(MAX_STROKE_NUMBERS);
    expect(points.length).toBeGreaterThan(20);
    expect(points.length % 2).toBe(0);
    expect(points.every((value) => value >= 0 && value <= 1)).toBe(true);
    const last = path[path.length - 1];
    expect(points.slice(-2)).toEqual([Math.round((last?.x ?? 0) * 1e4) / 1e4, Math.round((last?.y ?? 0) * 1e4) / 1e4]);
    // A tighter limit simplifies harder.
    expect(strokeFromPath(path, 40)?.points?.length).toBeLessThanOrEqual(40);
  });

  it('treats a stroke that stayed within a click as nothing drawn', () => {
    expect(strokeFromPath([{ x: 0.5, y: 0.5 }])).toBeNull();
    expect(
      strokeFromPath([
        { x: 0.5, y: 0.5 },
        { x: 0.503, y: 0.502 },
      ]),
    ).toBeNull();
  });
});

describe('nudge', () => {
  it('moves the crosshair one step per arrow key and a big step with Shift', () => {
    expect(nudge({ x: 0.5, y: 0.5 }, 'ArrowRight', false)).toEqual({ x: 0.51, y: 0.5 });
    expect(nudge({ x: 0.5, y: 0.5 }, 'ArrowUp', false)).toEqual({ x: 0.5, y: 0.49 });
    expect(nudge({ x: 0.5, y: 0.5 }, 'ArrowDown', true)).toEqual({ x: 0.5, y: 0.5 + NUDGE_BIG_STEP });
    let point = { x: 0.5, y: 0.5 };
    for (let index = 0; index < 10; index++) point = nudge(point, 'ArrowLeft', false);
    expect(point).toEqual({ x: 0.4, y: 0.5 });
  });

  it('stops at the page’s edges', () => {
    expect(nudge({ x: 0.95, y: 0.05 }, 'ArrowRight', true)).toEqual({ x: 1, y: 0.05 });
    expect(nudge({ x: 0.95, y: 0.05 }, 'ArrowUp', true)).toEqual({ x: 0.95, y: 0 });
  });
});

describe('pageInView', () => {
  // Three pages 1000 tall with 16 between them, in a viewport 600 tall.
  const { boxes } = layoutPages(
    [
      { width: 800, height: 1000 },
      { width: 800, height: 1000 },
      { width: 800, height: 1000 },
    ],
    800,
  );
  it('names the page with the most of its height in view', () => {
    expect(pageInView(boxes, { scale: 1, x: 0, y: 0 }, 600)).toBe(0);
    // Page 1 shows 300 px, page 2 the other 284: still page 1; a little further, page 2.
    expect(pageInView(boxes, { scale: 1, x: 0, y: -700 }, 600)).toBe(0);
    expect(pageInView(boxes, { scale: 1, x: 0, y: -760 }, 600)).toBe(1);
    // At half size the last page is the one wholly in view at the bottom.
    expect(pageInView(boxes, { scale: 0.5, x: 0, y: -1016 }, 600)).toBe(2);
  });
});
