import { createEffect, createSignal, on, onCleanup, onMount } from 'solid-js';
import type { PageBox } from './geometry';
import type { PdfFile } from './pdf-document';

/**
 * One PDF page on a canvas, drawn only once it comes near the stage's visible area, and drawn again at the new
 * size after a zoom (the older drawing stays, stretched, until the new one is ready).
 */
export function PdfPage(props: { pdf: PdfFile; number: number; box: PageBox; root: HTMLElement | undefined; onPainted?: (number: number) => void }) {
  let canvas!: HTMLCanvasElement;
  const [near, setNear] = createSignal(false);
  let drawn = 0;
  let current: { cancel: () => void } | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;

  const draw = (width: number) => {
    current?.cancel();
    const task = props.pdf.render(props.number, canvas, width);
    current = task;
    task.done.then(
      () => {
        drawn = width;
        props.onPainted?.(props.number);
      },
      () => undefined,
    );
  };

  onMount(() => {
    const observer = new IntersectionObserver((entries) => setNear(entries.some((entry) => entry.isIntersecting)), {
      root: props.root ?? null,
      rootMargin: '400px',
    });
    observer.observe(canvas);
    onCleanup(() => observer.disconnect());
  });

  createEffect(
    on([near, () => Math.round(props.box.width)], ([visible, width]) => {
      clearTimeout(settle);
      if (!visible || width === drawn || width <= 0) return;
      // The first drawing at once; after a zoom, once the zoom has settled (not on every wheel step).
      if (drawn === 0) draw(width);
      else settle = setTimeout(() => draw(width), 150);
    }),
  );
  onCleanup(() => {
    clearTimeout(settle);
    current?.cancel();
  });

  return <canvas ref={canvas} class="proof-canvas" role="img" aria-label={`Page ${props.number}`} />;
}
