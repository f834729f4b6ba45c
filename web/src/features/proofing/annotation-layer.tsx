import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { type PageBox, type Point, percentWhere, relativePoint, type ShapeDraft, shapeFromDrag, strokeFromPath, type Tool } from './geometry';
import type { ProofAnnotation } from './proof-types';

type Drawable = Pick<ProofAnnotation, 'shape' | 'x' | 'y' | 'width' | 'height' | 'points'>;

/**
 * One page's annotations over its content: shapes (rectangles, arrows, freehand lines) in an SVG sized to the
 * page in pixels, and a numbered marker per annotation at its stored point (0–1 of the page), so both stay on
 * the same spot at any zoom and width. With a drawing tool chosen, a press (pin), a drag (rectangle, arrow) or
 * a stroke (freehand: mouse, pen or finger) on the page hands the shape to `onDraw`; `crosshair` is where the
 * keyboard is placing a pin.
 */
export function AnnotationLayer(props: {
  box: PageBox;
  annotations: readonly ProofAnnotation[];
  selectedId: string | undefined;
  tool: Tool | undefined;
  /** The shape being written about (its composer is open). */
  draft: ShapeDraft | undefined;
  /** The keyboard's pin position on this page, if it is being placed here. */
  crosshair?: Point | undefined;
  onSelect: (id: string) => void;
  onDraw: (shape: ShapeDraft) => void;
}) {
  // One arrowhead per page, with an id of its own (ids are unique in a document).
  const arrowhead = `proof-arrowhead-${createUniqueId()}`;
  const [dragging, setDragging] = createSignal<{ start: Point; end: Point }>();
  /** A freehand stroke's pointer positions so far (drawn as they come, simplified once it ends). */
  const [stroke, setStroke] = createSignal<Point[]>();
  const preview = (): ShapeDraft | null | undefined => {
    const path = stroke();
    if (path) return { shape: 'FREEHAND', x: path[0]?.x ?? 0, y: path[0]?.y ?? 0, points: path.flatMap((point) => [point.x, point.y]) };
    const drag = dragging();
    return drag && props.tool ? shapeFromDrag(props.tool, drag.start, drag.end) : props.draft;
  };

  // Shapes are drawn in a fixed 1000-wide user space of the page's aspect, and the SVG is sized by CSS: a zoom
  // or a resize only scales it, without recomputing a shape (200 of them stay cheap to zoom).
  const aspect = createMemo(() => (props.box.width > 0 ? Math.round((props.box.height / props.box.width) * 1e6) / 1e6 : 1));
  const space = createMemo(() => ({ top: 0, width: SPACE, height: SPACE * aspect() }));

  const at = (event: PointerEvent) => relativePoint(event.clientX, event.clientY, (event.currentTarget as HTMLElement).getBoundingClientRect());

  return (
    <div class="proof-layer">
      <svg class="proof-shapes" viewBox={`0 0 ${space().width} ${space().height}`} preserveAspectRatio="none" aria-hidden="true">
        <defs>
          <marker id={arrowhead} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="context-stroke" />
          </marker>
        </defs>
        <For each={props.annotations}>
          {(annotation) => (
            <Shape
              shape={annotation}
              box={space()}
              arrowhead={arrowhead}
              class={annotation.id === props.selectedId ? 'proof-shape proof-shape-selected' : `proof-shape proof-shape-${annotation.state.toLowerCase()}`}
            />
          )}
        </For>
        <Show when={preview()}>
          {(shape) => <Shape shape={asDrawable(shape())} box={space()} arrowhead={arrowhead} class="proof-shape proof-shape-draft" />}
        </Show>
      </svg>
      <For each={props.annotations}>
        {(annotation) => (
          <button
            type="button"
            class="proof-marker"
            classList={{ 'proof-marker-resolved': annotation.state === 'RESOLVED', 'proof-marker-selected': annotation.id === props.selectedId }}
            style={{ left: `${annotation.x * 100}%`, top: `${annotation.y * 100}%` }}
            data-annotation={annotation.number}
            aria-label={`Annotation ${annotation.number}${annotation.state === 'RESOLVED' ? ', resolved' : ''}`}
            aria-pressed={annotation.id === props.selectedId}
            onClick={() => props.onSelect(annotation.id)}
          >
            {annotation.number}
          </button>
        )}
      </For>
      <Show when={props.draft?.shape === 'PIN' && props.draft}>
        {(draft) => <span class="proof-marker proof-marker-draft" style={{ left: `${draft().x * 100}%`, top: `${draft().y * 100}%` }} aria-hidden="true" />}
      </Show>
      <Show when={props.crosshair}>
        {(spot) => (
          <span
            class="proof-crosshair"
            style={{ left: `${spot().x * 100}%`, top: `${spot().y * 100}%` }}
            role="img"
            aria-label={`New pin at ${percentWhere(spot())}`}
          />
        )}
      </Show>
      <Show when={props.tool}>
        {(tool) => (
          <div
            class="proof-draw"
            data-drawing
            onPointerDown={(event) => {
              if (event.button !== 0) return;
              event.currentTarget.setPointerCapture(event.pointerId);
              const point = at(event);
              if (tool() === 'FREEHAND') setStroke([point]);
              else setDragging({ start: point, end: point });
            }}
            onPointerMove={(event) => {
              const path = stroke();
              // A pen or a finger reports more positions than frames: the coalesced ones keep a fast curve round.
              if (path) {
                const box = event.currentTarget.getBoundingClientRect();
                const moves = event.getCoalescedEvents?.() ?? [];
                setStroke([...path, ...(moves.length ? moves : [event]).map((move) => relativePoint(move.clientX, move.clientY, box))]);
              }
              const drag = dragging();
              if (drag) setDragging({ start: drag.start, end: at(event) });
            }}
            onPointerUp={(event) => {
              const drag = dragging();
              const path = stroke();
              setDragging(undefined);
              setStroke(undefined);
              const shape = path ? strokeFromPath([...path, at(event)]) : drag && shapeFromDrag(tool(), drag.start, at(event));
              if (shape) props.onDraw(shape);
            }}
            onPointerCancel={() => {
              setDragging(undefined);
              setStroke(undefined);
            }}
          />
        )}
      </Show>
    </div>
  );
}

const SPACE = 1000;

function asDrawable(shape: ShapeDraft): Drawable {
  return { shape: shape.shape, x: shape.x, y: shape.y, width: shape.width ?? null, height: shape.height ?? null, points: shape.points ?? [] };
}

/**
 * One shape, drawn twice: a wide light halo (with a dark edge, see .proof-shape-halo) under the coloured line, so
 * a marking reads on any artwork, red and white included.
 */
function Shape(props: { shape: Drawable; box: PageBox; arrowhead: string; class: string }) {
  return (
    <>
      <Outline shape={props.shape} box={props.box} arrowhead={props.arrowhead} class="proof-shape-halo" />
      <Outline shape={props.shape} box={props.box} arrowhead={props.arrowhead} class={props.class} />
    </>
  );
}

function Outline(props: { shape: Drawable; box: PageBox; arrowhead: string; class: string }) {
  const w = () => props.box.width;
  const h = () => props.box.height;
  const pairs = () => {
    const list: string[] = [];
    for (let index = 0; index + 1 < props.shape.points.length; index += 2) {
      list.push(`${(props.shape.points[index] ?? 0) * w()},${(props.shape.points[index + 1] ?? 0) * h()}`);
    }
    return list.join(' ');
  };
  return (
    <>
      <Show when={props.shape.shape === 'RECT'}>
        <rect
          class={props.class}
          x={props.shape.x * w()}
          y={props.shape.y * h()}
          width={(props.shape.width ?? 0) * w()}
          height={(props.shape.height ?? 0) * h()}
        />
      </Show>
      <Show when={props.shape.shape === 'ARROW' && props.shape.points.length >= 4}>
        <polyline class={props.class} points={pairs()} marker-end={`url(#${props.arrowhead})`} />
      </Show>
      <Show when={props.shape.shape === 'FREEHAND' && props.shape.points.length >= 4}>
        <polyline class={props.class} points={pairs()} />
      </Show>
    </>
  );
}
