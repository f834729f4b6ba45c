import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnnotationLayer } from './annotation-layer';
import type { ShapeDraft } from './geometry';
import type { ProofAnnotation } from './proof-types';

afterEach(cleanup);

const box = { top: 0, width: 400, height: 200 };
const line: ProofAnnotation = {
  id: 'a1',
  number: 1,
  page: null,
  shape: 'FREEHAND',
  x: 0.1,
  y: 0.2,
  width: null,
  height: null,
  points: [0.1, 0.2, 0.5, 0.6, 0.9, 0.2],
  state: 'OPEN',
};

/** The drawing surface laid out at 100, 50 and 400 × 200 pixels (jsdom lays nothing out). */
function surface(container: HTMLElement): HTMLElement {
  const element = container.querySelector('[data-drawing]') as HTMLElement;
  element.getBoundingClientRect = () => ({ left: 100, top: 50, width: 400, height: 200, right: 500, bottom: 250, x: 100, y: 50, toJSON: () => ({}) });
  element.setPointerCapture = () => undefined;
  return element;
}
// jsdom has no PointerEvent: a MouseEvent of the pointer's type carries the position the same way.
const pointer = (element: HTMLElement, type: string, clientX: number, clientY: number) =>
  element.dispatchEvent(new MouseEvent(type, { clientX, clientY, bubbles: true }));

describe('AnnotationLayer', () => {
  it('draws a stored freehand line as a polyline in its page’s 1000-wide space', () => {
    const { container } = render(() => (
      <AnnotationLayer box={box} annotations={[line]} selectedId={undefined} tool={undefined} draft={undefined} onSelect={() => {}} onDraw={() => {}} />
    ));
    const polyline = container.querySelector('svg polyline');
    // Page aspect 1:2, so the user space is 1000 × 500.
    expect(container.querySelector('svg')?.getAttribute('viewBox')).toBe('0 0 1000 500');
    expect(polyline?.getAttribute('points')).toBe('100,100 500,300 900,100');
    expect(polyline?.getAttribute('marker-end')).toBeNull();
  });

  it('draws every marking over a halo of the same shape, so it reads on red artwork too', () => {
    const rect: ProofAnnotation = { ...line, id: 'a2', number: 2, shape: 'RECT', width: 0.2, height: 0.1, points: [] };
    const { container } = render(() => (
      <AnnotationLayer box={box} annotations={[line, rect]} selectedId={undefined} tool={undefined} draft={undefined} onSelect={() => {}} onDraw={() => {}} />
    ));
    const drawn = [...container.querySelectorAll('svg polyline, svg rect')].map((shape) => shape.getAttribute('class'));
    expect(drawn).toEqual(['proof-shape-halo', 'proof-shape proof-shape-open', 'proof-shape-halo', 'proof-shape proof-shape-open']);
    const [halo, coloured] = container.querySelectorAll('svg polyline');
    expect(halo?.getAttribute('points')).toBe(coloured?.getAttribute('points'));
  });

  it('hands a pointer stroke with the freehand tool to onDraw as a FREEHAND line, 0–1 of the page', () => {
    const onDraw = vi.fn<(shape: ShapeDraft) => void>();
    const { container } = render(() => (
      <AnnotationLayer box={box} annotations={[]} selectedId={undefined} tool="FREEHAND" draft={undefined} onSelect={() => {}} onDraw={onDraw} />
    ));
    const drawing = surface(container);
    pointer(drawing, 'pointerdown', 140, 90);
    pointer(drawing, 'pointermove', 200, 150);
    // The stroke is drawn while it is made.
    expect(container.querySelector('svg polyline.proof-shape-draft')?.getAttribute('points')).toBe('100,100 250,250');
    pointer(drawing, 'pointermove', 300, 90);
    pointer(drawing, 'pointerup', 700, 300);
    expect(onDraw).toHaveBeenCalledOnce();
    expect(onDraw.mock.calls[0]?.[0]).toEqual({ shape: 'FREEHAND', x: 0.1, y: 0.2, points: [0.1, 0.2, 0.25, 0.5, 0.5, 0.2, 1, 1] });
    expect(container.querySelector('svg polyline.proof-shape-draft')).toBeNull();
  });

  it('shows the keyboard’s crosshair where it is, named for a screen reader', () => {
    render(() => (
      <AnnotationLayer
        box={box}
        annotations={[]}
        selectedId={undefined}
        tool={undefined}
        draft={undefined}
        crosshair={{ x: 0.25, y: 0.7 }}
        onSelect={() => {}}
        onDraw={() => {}}
      />
    ));
    const crosshair = screen.getByRole('img', { name: 'New pin at 25% across, 70% down' });
    expect(crosshair.style.left).toBe('25%');
    expect(crosshair.style.top).toBe('70%');
  });
});
