import { createEffect, createMemo, createSignal, For, type JSX, onCleanup, onMount } from 'solid-js';
import {
  centerOn,
  clampView,
  distance,
  fitWidth,
  layoutPages,
  midpoint,
  type PageBox,
  type Point,
  pageInView,
  panBy,
  type Size,
  spotAt,
  type View,
  zoomAround,
} from './geometry';

/** What the proof view may ask of the stage (its buttons, keys and the threads list). */
export type StageApi = {
  zoomBy: (factor: number) => void;
  reset: () => void;
  pan: (dx: number, dy: number) => void;
  /** Scrolls and zooms so relative point `spot` of page `index` (0-based) is in the middle. */
  showSpot: (index: number, spot: Point, scale?: number) => void;
  /** The page (0-based) and the spot of it in the middle of the stage. */
  spotAtCenter: () => { index: number; spot: Point } | undefined;
  /** Like showSpot at the current zoom, but only when the spot is out of sight. */
  reveal: (index: number, spot: Point) => void;
  focus: () => void;
  /** Scrolls page `index` (0-based) to the top of the stage, at the current zoom. */
  showPage: (index: number) => void;
};

/**
 * The file, large: its pages (one for an image) in a column, zoomed with the view's buttons, Ctrl+wheel or a
 * pinch, panned by dragging with a mouse or one finger, by the wheel or the arrow keys. Each page is laid out
 * at its zoomed size (not CSS-scaled), and `children` draws its content and overlay into a box of that size.
 */
export function FileStage(props: {
  pages: readonly Size[];
  label: string;
  onReady: (api: StageApi) => void;
  /** The shown size against the file's own (first page's) size: 1 is 100 %, not the fitted size. */
  onScale?: (scale: number) => void;
  /** The page (0-based) most in view. */
  onPage?: (index: number) => void;
  children: (index: number, box: () => PageBox, root: () => HTMLElement | undefined) => JSX.Element;
}) {
  let viewport!: HTMLElement;
  const [room, setRoom] = createSignal<Size>({ width: 0, height: 0 });
  const [view, setView] = createSignal<View>({ scale: 1, x: 0, y: 0 });
  const [root, setRoot] = createSignal<HTMLElement>();

  const fitted = createMemo(() => fitWidth(props.pages, room()));
  /** Page boxes at scale 1 (fitted width). */
  const layout = createMemo(() => layoutPages(props.pages, fitted()));
  const pageIndexes = createMemo(() => props.pages.map((_, index) => index));
  const scaled = (box: PageBox, scale: number): PageBox => ({ top: box.top * scale, width: box.width * scale, height: box.height * scale });
  const contentSize = (scale: number): Size => ({ width: layout().size.width * scale, height: layout().size.height * scale });

  const apply = (next: View) => {
    const kept = clampView(next, contentSize(next.scale), room());
    setView(kept);
  };
  const natural = () => props.pages[0]?.width || fitted();
  createEffect(() => props.onScale?.((view().scale * fitted()) / natural()));
  createEffect(() => props.onPage?.(pageInView(layout().boxes, view(), room().height)));
  const center = (): Point => ({ x: room().width / 2, y: room().height / 2 });

  const api: StageApi = {
    zoomBy: (factor) => apply(zoomAround(view(), view().scale * factor, center())),
    reset: () => apply({ scale: 1, x: 0, y: 0 }),
    pan: (dx, dy) => apply(panBy(view(), dx, dy)),
    showSpot: (index, spot, scale) => {
      const box = layout().boxes[index];
      if (box) apply(centerOn(spot, box, scale ?? Math.max(view().scale, 1.5), room()));
    },
    spotAtCenter: () => spotAt(view(), center(), layout().boxes),
    reveal: (index, spot) => {
      const box = layout().boxes[index];
      if (!box) return;
      const { scale, x, y } = view();
      const at = { x: x + spot.x * box.width * scale, y: y + (box.top + spot.y * box.height) * scale };
      if (at.x < 0 || at.y < 0 || at.x > room().width || at.y > room().height) apply(centerOn(spot, box, scale, room()));
    },
    focus: () => viewport.focus(),
    showPage: (index) => {
      const box = layout().boxes[index];
      if (box) apply({ ...view(), y: -box.top * view().scale });
    },
  };

  // Pointers down on the stage: one drags the view, two pinch it.
  const pointers = new Map<number, Point>();
  let pinch: { distance: number; scale: number } | undefined;
  const local = (event: PointerEvent | WheelEvent): Point => {
    const box = viewport.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const onPointerDown = (event: PointerEvent) => {
    // Markers, shapes being drawn and buttons handle their own presses.
    if (event.button !== 0 || (event.target as Element).closest('button, [data-drawing]')) return;
    viewport.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, local(event));
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [Point, Point];
      pinch = { distance: distance(a, b), scale: view().scale };
    }
  };
  const onPointerMove = (event: PointerEvent) => {
    const before = pointers.get(event.pointerId);
    if (!before) return;
    const now = local(event);
    pointers.set(event.pointerId, now);
    if (pointers.size === 1) {
      apply(panBy(view(), now.x - before.x, now.y - before.y));
    } else if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [Point, Point];
      apply(zoomAround(view(), (pinch.scale * distance(a, b)) / Math.max(1, pinch.distance), midpoint(a, b)));
    }
  };
  const onPointerUp = (event: PointerEvent) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = undefined;
  };

  onMount(() => {
    setRoot(viewport);
    const observer = new ResizeObserver(() => {
      setRoom({ width: viewport.clientWidth, height: viewport.clientHeight });
      apply(view());
    });
    observer.observe(viewport);
    // Not passive: Ctrl+wheel must not zoom the whole page too.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) apply(zoomAround(view(), view().scale * Math.exp(-event.deltaY * 0.002), local(event)));
      else apply(panBy(view(), -event.deltaX, -event.deltaY));
    };
    viewport.addEventListener('wheel', onWheel, { passive: false });
    props.onReady(api);
    onCleanup(() => {
      observer.disconnect();
      viewport.removeEventListener('wheel', onWheel);
    });
  });

  return (
    <section
      ref={viewport}
      class="proof-stage"
      aria-label={props.label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a pannable, zoomable region is reached by keyboard (WCAG 2.1.1); its keys (zoom, pan, a pin placed with m) act on it.
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    >
      <div
        class="proof-content"
        style={{
          transform: `translate(${view().x}px, ${view().y}px)`,
          width: `${contentSize(view().scale).width}px`,
          height: `${contentSize(view().scale).height}px`,
        }}
      >
        {/* By page number: a resize changes every box, and a page's canvas should be redrawn, not re-created. */}
        <For each={pageIndexes()}>
          {(index) => {
            const shown = () => scaled(layout().boxes[index] ?? { top: 0, width: 0, height: 0 }, view().scale);
            return (
              <div class="proof-page" data-page={index + 1} style={{ top: `${shown().top}px`, width: `${shown().width}px`, height: `${shown().height}px` }}>
                {props.children(index, shown, root)}
              </div>
            );
          }}
        </For>
      </div>
    </section>
  );
}
