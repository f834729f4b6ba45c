// PDF.js behind two calls: open a document's bytes, draw one page on a canvas. This module is imported
// dynamically by the PDF view only, so PDF.js (and its worker) load the first time a PDF is opened.

import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { Size } from './geometry';

GlobalWorkerOptions.workerSrc = workerUrl;

export type PdfFile = {
  /** Every page's size in PDF points at scale 1, so the layout exists before any page is drawn. */
  pages: Size[];
  /** Draws page `number` (1-based) at `width` CSS pixels, sharp on this screen; resolves when painted. */
  render: (number: number, canvas: HTMLCanvasElement, width: number) => { done: Promise<void>; cancel: () => void };
  destroy: () => void;
};

export async function openPdf(data: ArrayBuffer | Uint8Array): Promise<PdfFile> {
  // PDF.js takes ownership of the buffer it is given: pass a copy so the caller's stays usable.
  const bytes = data instanceof Uint8Array ? data.slice() : new Uint8Array(data.slice(0));
  const document: PDFDocumentProxy = await getDocument({ data: bytes, isEvalSupported: false }).promise;
  // Asked all at once: one round trip to the worker's queue rather than one per page.
  const pages: Size[] = await Promise.all(
    Array.from({ length: document.numPages }, async (_, index) => {
      const viewport = (await document.getPage(index + 1)).getViewport({ scale: 1 });
      return { width: viewport.width, height: viewport.height };
    }),
  );
  return {
    pages,
    render(number, canvas, width) {
      let task: RenderTask | undefined;
      let cancelled = false;
      const done = document.getPage(number).then(async (page) => {
        if (cancelled) return;
        const ratio = globalThis.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: (width * ratio) / page.getViewport({ scale: 1 }).width });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        task = page.render({ canvas, viewport });
        try {
          await task.promise;
        } catch (error) {
          // A cancelled render rejects: a newer one (after a zoom) replaces it.
          if (!cancelled) throw error;
        }
      });
      return {
        done,
        cancel() {
          cancelled = true;
          task?.cancel();
        },
      };
    },
    destroy() {
      void document.destroy();
    },
  };
}
