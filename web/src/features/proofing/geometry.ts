// The proof view's coordinate math, kept free of the DOM so it is tested in milliseconds.
//
// Three spaces: *relative* (0–1 of one image or PDF page, what the server stores), *content* (CSS pixels of the
// column of pages laid out at the current zoom) and *viewport* (CSS pixels of the visible stage). The stage
// shows the content translated by `view.x`/`view.y`; the pages are laid out at `fit × scale` wide (not CSS-scaled),
// so an image stays sharp and a PDF page is rendered at the size it is shown.

export type Point = { x: number; y: number };
export type Size = { width: number; height: number };
/** Where the content sits in the viewport, and how large it is drawn relative to its fitted width. */
export type View = { scale: number; x: number; y: number };
export type Rect = { left: number; top: number; width: number; height: number };

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 8;
/** One button press or key press of zoom. */
export const ZOOM_STEP = 1.25;
/** Gap between PDF pages, content pixels (not scaled). */
export const PAGE_GAP = 16;

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function clampScale(scale: number): number {
  return clamp(scale, MIN_SCALE, MAX_SCALE);
}

/** Zoom to `scale`, keeping the content point under `anchor` (viewport pixels) where it is. */
export function zoomAround(view: View, scale: number, anchor: Point): View {
  const next = clampScale(scale);
  const ratio = next / view.scale;
  return { scale: next, x: anchor.x - (anchor.x - view.x) * ratio, y: anchor.y - (anchor.y - view.y) * ratio };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/**
 * Keeps the content on screen: along an axis where it is smaller than the viewport it is centred, where it is
 * larger no edge may come inside the viewport.
 */
export function clampView(view: View, content: Size, viewport: Size): View {
  const axis = (offset: number, length: number, room: number) => (length <= room ? (room - length) / 2 : clamp(offset, room - length, 0));
  return { scale: view.scale, x: axis(view.x, content.width, viewport.width), y: axis(view.y, content.height, viewport.height) };
}

/** The width (content pixels at scale 1) pages are fitted to: one page fits whole, a document fits its width. */
export function fitWidth(pages: readonly Size[], viewport: Size, margin = 16): number {
  const room = { width: Math.max(1, viewport.width - 2 * margin), height: Math.max(1, viewport.height - 2 * margin) };
  const first = pages[0];
  if (!first || first.width <= 0 || first.height <= 0) return room.width;
  if (pages.length === 1) return Math.min(room.width, (room.height * first.width) / first.height);
  return Math.min(room.width, 1000);
}

export type PageBox = { top: number; width: number; height: number };

/** Every page laid out in a column at `width` content pixels, each keeping its own aspect ratio. */
export function layoutPages(pages: readonly Size[], width: number, gap = PAGE_GAP): { boxes: PageBox[]; size: Size } {
  const boxes: PageBox[] = [];
  let top = 0;
  for (const page of pages) {
    const height = page.width > 0 ? (width * page.height) / page.width : width;
    boxes.push({ top, width, height });
    top += height + gap;
  }
  return { boxes, size: { width, height: Math.max(0, top - (pages.length ? gap : 0)) } };
}

/** The page (0-based) with the most of its height in a viewport `height` tall, at `view`. */
export function pageInView(boxes: readonly PageBox[], view: View, height: number): number {
  let best = 0;
  let most = -1;
  boxes.forEach((box, index) => {
    const top = view.y + box.top * view.scale;
    const shown = Math.min(height, top + box.height * view.scale) - Math.max(0, top);
    if (shown > most) {
      best = index;
      most = shown;
    }
  });
  return best;
}

/** A pointer position as a fraction of the element's box (clamped to it). */
export function relativePoint(clientX: number, clientY: number, box: Rect): Point {
  return {
    x: box.width > 0 ? clamp((clientX - box.left) / box.width, 0, 1) : 0,
    y: box.height > 0 ? clamp((clientY - box.top) / box.height, 0, 1) : 0,
  };
}

/** A stored relative position back to client pixels inside the element's box. */
export function absolutePoint(point: Point, box: Rect): Point {
  return { x: box.left + point.x * box.width, y: box.top + point.y * box.height };
}

/** A view that shows relative point `spot` of page `box` in the middle of the viewport at `scale`. */
export function centerOn(spot: Point, box: PageBox, scale: number, viewport: Size): View {
  // Page boxes are laid out at scale 1; at `scale` every length grows by the same factor.
  const contentX = spot.x * box.width * scale;
  const contentY = (box.top + spot.y * box.height) * scale;
  return { scale, x: viewport.width / 2 - contentX, y: viewport.height / 2 - contentY };
}

/**
 * The page (index) and relative spot under viewport point `at` (the page nearest to it when it falls between
 * or beside pages, the spot clamped to that page): where the keyboard's crosshair starts.
 */
export function spotAt(view: View, at: Point, boxes: readonly PageBox[]): { index: number; spot: Point } | undefined {
  const x = (at.x - view.x) / view.scale;
  const y = (at.y - view.y) / view.scale;
  let index = -1;
  let nearest = Number.POSITIVE_INFINITY;
  boxes.forEach((box, candidate) => {
    const away = y < box.top ? box.top - y : Math.max(0, y - (box.top + box.height));
    if (away < nearest) {
      nearest = away;
      index = candidate;
    }
  });
  const box = boxes[index];
  if (!box) return undefined;
  return { index, spot: { x: box.width > 0 ? clamp(x / box.width, 0, 1) : 0, y: box.height > 0 ? clamp((y - box.top) / box.height, 0, 1) : 0 } };
}

export type Tool = 'PIN' | 'RECT' | 'ARROW' | 'FREEHAND';
/** What `addAnnotation` is sent for a shape (its page and body are added by the composer). */
export type ShapeDraft = { shape: Tool; x: number; y: number; width?: number; height?: number; points?: number[] };

/** Below this (a fraction of the page) a rectangle or an arrow was a click, not a drag. */
export const MIN_DRAG = 0.01;

/**
 * The shape a drag from `start` to `end` draws. A pin is where the press began; a rectangle is normalised to
 * its top-left corner and a positive size; an arrow keeps its direction (x, y is its tail, points its two
 * ends). A rectangle or an arrow too small to see is null.
 */
export function shapeFromDrag(tool: Tool, start: Point, end: Point): ShapeDraft | null {
  if (tool === 'PIN') return { shape: 'PIN', x: start.x, y: start.y };
  const width = Math.abs(end.x - start.x);
  const height = Math.abs(end.y - start.y);
  if (Math.hypot(width, height) < MIN_DRAG) return null;
  if (tool === 'RECT') return { shape: 'RECT', x: Math.min(start.x, end.x), y: Math.min(start.y, end.y), width, height };
  return { shape: 'ARROW', x: start.x, y: start.y, points: [start.x, start.y, end.x, end.y] };
}

/** The numbers the API takes for a freehand line (x, y pairs): MAX_FREEHAND_NUMBERS in api/src/domain/annotations.ts. */
export const MAX_STROKE_NUMBERS = 2000;
/** A stroke's first tolerance: a point closer than this (a fraction of the page) to the simplified line is dropped. */
const STROKE_TOLERANCE = 0.002;

/**
 * The freehand line a pointer drew through `path`, simplified (Ramer–Douglas–Peucker) until it has at most
 * `max` numbers, each rounded to 1e-4: x, y is where it began. A path that never left a click's reach is null.
 */
export function strokeFromPath(path: readonly Point[], max = MAX_STROKE_NUMBERS): ShapeDraft | null {
  const first = path[0];
  if (!first || !path.some((point) => distance(point, first) >= MIN_DRAG)) return null;
  let tolerance = STROKE_TOLERANCE;
  let kept = simplifyPath(path, tolerance);
  while (kept.length * 2 > max) {
    tolerance *= 2;
    kept = simplifyPath(kept, tolerance);
  }
  const round = (value: number) => Math.round(clamp(value, 0, 1) * 1e4) / 1e4;
  const points = kept.flatMap((point) => [round(point.x), round(point.y)]);
  return { shape: 'FREEHAND', x: points[0] ?? 0, y: points[1] ?? 0, points };
}

/** Ramer–Douglas–Peucker: the fewest of `path`'s points (its ends always) within `tolerance` of the whole path. */
export function simplifyPath(path: readonly Point[], tolerance: number): Point[] {
  if (path.length <= 2) return [...path];
  const keep = new Array<boolean>(path.length).fill(false);
  keep[0] = true;
  keep[path.length - 1] = true;
  // An explicit stack instead of recursion: a long stroke has thousands of points.
  const stack: [number, number][] = [[0, path.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number];
    let farthest = -1;
    let most = tolerance;
    for (let index = from + 1; index < to; index++) {
      const away = distanceToSegment(path[index] as Point, path[from] as Point, path[to] as Point);
      if (away > most) {
        most = away;
        farthest = index;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = true;
    stack.push([from, farthest], [farthest, to]);
  }
  return path.filter((_, index) => keep[index]);
}

function distanceToSegment(point: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : clamp(((point.x - a.x) * dx + (point.y - a.y) * dy) / length, 0, 1);
  return Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy));
}

/** Keyboard placement of a pin: an arrow key's step, a fraction of the page (Shift: the big one). */
export const NUDGE_STEP = 0.01;
export const NUDGE_BIG_STEP = 0.1;
export type NudgeKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';
const NUDGE: Record<NudgeKey, Point> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };

export function isNudgeKey(key: string): key is NudgeKey {
  return key in NUDGE;
}

/** Where an arrow key moves the keyboard crosshair, kept on the page (0–1) and on the step's grid. */
export function nudge(point: Point, key: NudgeKey, big: boolean): Point {
  const step = big ? NUDGE_BIG_STEP : NUDGE_STEP;
  const direction = NUDGE[key];
  // Rounded to 1e-6: 0.5 moved by ten 0.01 steps is 0.6, not 0.6000000000000001.
  const move = (value: number, sign: number) => Math.round(clamp(value + sign * step, 0, 1) * 1e6) / 1e6;
  return { x: move(point.x, direction.x), y: move(point.y, direction.y) };
}

/** A spot as a person would say it (the keyboard crosshair's label): "30% across, 45% down". */
export function percentWhere(spot: Point): string {
  return `${Math.round(spot.x * 100)}% across, ${Math.round(spot.y * 100)}% down`;
}

/** The distance between two touches, for pinch-zoom. */
export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/** The next (step 1) or previous (step -1) of `count` items, wrapping; from nothing, the first or the last. */
export function stepIndex(current: number | undefined, count: number, step: 1 | -1): number | undefined {
  if (count === 0) return undefined;
  if (current === undefined || current < 0 || current >= count) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
